export * from './shape';
export * from './training';
export * from './graph';
export * from './parse';

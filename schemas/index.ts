export * from './shape';
export * from './training';
export * from './budget';
export * from './graph';
export * from './parse';

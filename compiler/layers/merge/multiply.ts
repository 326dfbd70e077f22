import { elementwiseMerge } from './broadcast';

export const Multiply = elementwiseMerge({
  kind: 'Multiply',
  factory: 'multiply',
  help: 'Multiplies its inputs element by element; shapes must match, or broadcast where a size is 1 (e.g. gating one branch by another).',
  // One multiply per output value for each input after the first.
  flopsPerValue: (n) => n - 1,
});

import { elementwiseMerge } from './broadcast';

export const Average = elementwiseMerge({
  kind: 'Average',
  factory: 'average',
  help: 'Averages its inputs element by element; shapes must match, or broadcast where a size is 1.',
  // n − 1 adds and one scaling per output value.
  flopsPerValue: (n) => n,
});

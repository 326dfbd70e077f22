import { elementwiseMerge } from './broadcast';

export const Minimum = elementwiseMerge({
  kind: 'Minimum',
  factory: 'minimum',
  help: 'Takes the smallest of its inputs element by element; shapes must match, or broadcast where a size is 1.',
  // One comparison per output value for each input after the first.
  flopsPerValue: (n) => n - 1,
});

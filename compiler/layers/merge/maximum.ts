import { elementwiseMerge } from './broadcast';

export const Maximum = elementwiseMerge({
  kind: 'Maximum',
  factory: 'maximum',
  help: 'Takes the largest of its inputs element by element; shapes must match, or broadcast where a size is 1.',
  // One comparison per output value for each input after the first.
  flopsPerValue: (n) => n - 1,
});

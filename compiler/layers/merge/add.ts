import { elementwiseMerge } from './broadcast';

export const Add = elementwiseMerge({
  kind: 'Add',
  factory: 'add',
  help: 'Adds its inputs element by element; shapes must match, or broadcast where a size is 1 (e.g. a residual connection).',
  // One add per output value for each input after the first.
  flopsPerValue: (n) => n - 1,
});

import { z } from 'zod';
import { defineLayer } from '../definition';
import { globalPool, globalPoolFlops } from './global-pooling';

export const GlobalMaxPooling1D = defineLayer({
  kind: 'GlobalMaxPooling1D',
  category: 'Pooling',
  help: 'Keeps the largest value of each channel over the whole sequence: [batch, steps, channels] → [batch, channels].',
  params: z.strictObject({}),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3 }] },
  inferShape: ({ inputs: [input] }) => globalPool(input!, 'channelsLast'),
  flops: ({ inputs: [input] }) => globalPoolFlops(input!),
  tfjs: { factory: 'globalMaxPooling1d', config: () => ({}) },
});

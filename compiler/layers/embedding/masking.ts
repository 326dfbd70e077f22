import { z } from 'zod';
import { defineLayer, shapes } from '../definition';
import { productOfKnown } from '../../shapes';

export const Masking = defineLayer({
  kind: 'Masking',
  category: 'Core',
  help: 'Marks the timesteps whose features all equal maskValue as padding, so that the layers after it that support masks (RNNs) skip them; the values pass through.',
  params: z.strictObject({
    maskValue: z.number().default(0).describe('a timestep whose every feature equals this is skipped'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 2 }] },
  inferShape: ({ inputs: [input] }) => shapes(input!),
  // One comparison per value, one multiply per value to zero the masked steps.
  flops: ({ inputs: [input] }) => 2 * productOfKnown(input!.slice(1)),
  tfjs: { factory: 'masking', config: (p) => ({ maskValue: p.maskValue }) },
});

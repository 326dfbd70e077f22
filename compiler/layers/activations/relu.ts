import { z } from 'zod';
import { defineLayer } from '../definition';
import { sameShapeAsInput, valuesPerSample } from '../core/elementwise';

export const ReLU = defineLayer({
  kind: 'ReLU',
  category: 'Activation',
  help: 'Rectified linear unit: max(x, 0), optionally capped at maxValue (6 gives ReLU6).',
  params: z.strictObject({
    maxValue: z.number().min(0).optional().describe('cap on the output, e.g. 6; empty: no cap'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: sameShapeAsInput,
  // A comparison per value, and one more for the cap.
  flops: ({ inputs: [input], params }) => (params.maxValue === undefined ? 1 : 2) * valuesPerSample(input),
  tfjs: { factory: 'reLU', config: (p) => ({ maxValue: p.maxValue }) },
});

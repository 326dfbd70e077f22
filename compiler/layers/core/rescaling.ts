import { z } from 'zod';
import { defineLayer } from '../definition';
import { sameShapeAsInput, valuesPerSample } from './elementwise';

export const Rescaling = defineLayer({
  kind: 'Rescaling',
  category: 'Core',
  help: 'Multiplies every value by scale and adds offset, e.g. scale 1/255 to bring pixels from [0, 255] into [0, 1].',
  params: z.strictObject({
    scale: z.number().describe('factor every value is multiplied by, e.g. 0.00392156862745098 (1/255)'),
    offset: z.number().default(0).describe('added after scaling, e.g. -1 with scale 1/127.5 to map [0, 255] onto [-1, 1]'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in' }] },
  inferShape: sameShapeAsInput,
  // A multiply and an add per value.
  flops: ({ inputs: [input] }) => 2 * valuesPerSample(input),
  tfjs: { factory: 'rescaling', config: (p) => ({ scale: p.scale, offset: p.offset }) },
});

import { z } from 'zod';
import { Shape } from '../../../schemas/shape';
import { defineLayer, shapes } from '../definition';

export const Input = defineLayer({
  kind: 'Input',
  category: 'Input',
  help: 'Where data enters the model. The shape leaves out the batch dimension; name a dimension (e.g. "timesteps") to leave its size open.',
  params: z.strictObject({
    shape: Shape.min(1, 'an input needs at least one dimension').describe('shape of one sample, without the batch dimension'),
    dtype: z.enum(['float32', 'int32']).default('float32').describe('int32 for token ids fed to an Embedding'),
  }),
  inputs: { kind: 'fixed', ports: [] },
  inferShape: ({ params }) => shapes([null, ...params.shape]),
  tfjs: { factory: 'input', config: (p) => ({ shape: p.shape, dtype: p.dtype }) },
  fromKeras: (config) => {
    const batchShape = (config.batch_shape ?? config.batch_input_shape) as unknown[] | undefined;
    return { shape: batchShape ? batchShape.slice(1) : config.shape, dtype: config.dtype === 'int32' ? 'int32' : 'float32' };
  },
});

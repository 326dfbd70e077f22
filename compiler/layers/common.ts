import { z } from 'zod';

/** Activation names as tfjs's `ActivationIdentifier`. */
export const Activation = z
  .enum(['linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new'])
  .describe('activation applied to the output');
export type Activation = z.infer<typeof Activation>;

/** Initializer names as tfjs's `InitializerIdentifier`. */
export const Initializer = z.enum([
  'glorotUniform',
  'glorotNormal',
  'heNormal',
  'heUniform',
  'leCunNormal',
  'leCunUniform',
  'zeros',
  'ones',
  'orthogonal',
  'randomNormal',
  'randomUniform',
  'truncatedNormal',
  'varianceScaling',
  'identity',
]);

export const Padding = z.enum(['valid', 'same']).describe('"valid": no padding; "same": pad so that stride 1 keeps the size');
export const Padding1D = z.enum(['valid', 'same', 'causal']).describe('"causal" pads only on the left, for sequences');

export const DataFormat = z
  .enum(['channelsLast', 'channelsFirst'])
  .describe('where the channels axis is: last ([batch, h, w, c]) or first ([batch, c, h, w])');
export type DataFormat = z.infer<typeof DataFormat>;

export const PositiveInt = z.number({ error: 'expected a positive integer' }).int({ error: 'expected a positive integer' }).positive({ error: 'expected a positive integer' });

/** A size per spatial axis: one number for all axes, or one per axis (like tfjs's `kernelSize`). */
export const SizeTuple = (rank: number) =>
  z.union([PositiveInt, z.array(PositiveInt).length(rank)]);

export const Units = PositiveInt.describe('number of output units');
export const UseBias = z.boolean().default(true).describe('add a learned bias');

/** The `name` of the node is added by the emitters; configs never repeat it. */
export const withoutUndefined = (config: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));

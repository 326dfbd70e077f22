import { z } from 'zod';

/** Optimizers tfjs's `tf.train` offers, with the settings `model.compile` passes on. */
export const Optimizer = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('adam'),
    learningRate: z.number().positive().default(0.001),
    beta1: z.number().min(0).max(1).default(0.9),
    beta2: z.number().min(0).max(1).default(0.999),
    epsilon: z.number().positive().optional(),
  }),
  z.strictObject({
    type: z.literal('sgd'),
    learningRate: z.number().positive().default(0.01),
  }),
  z.strictObject({
    type: z.literal('momentum'),
    learningRate: z.number().positive().default(0.01),
    momentum: z.number().min(0).default(0.9),
    useNesterov: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('rmsprop'),
    learningRate: z.number().positive().default(0.001),
    decay: z.number().min(0).default(0.9),
    momentum: z.number().min(0).default(0),
    epsilon: z.number().positive().optional(),
  }),
  z.strictObject({
    type: z.literal('adagrad'),
    learningRate: z.number().positive().default(0.01),
  }),
  z.strictObject({
    type: z.literal('adadelta'),
    learningRate: z.number().positive().default(1),
    rho: z.number().min(0).max(1).default(0.95),
  }),
  z.strictObject({
    type: z.literal('adamax'),
    learningRate: z.number().positive().default(0.002),
    beta1: z.number().min(0).max(1).default(0.9),
    beta2: z.number().min(0).max(1).default(0.999),
  }),
]);
export type Optimizer = z.infer<typeof Optimizer>;

/** Loss names exactly as tfjs's `model.compile({ loss })` accepts them. */
export const LossName = z.enum([
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
  'meanAbsolutePercentageError',
  'meanSquaredLogarithmicError',
  'hinge',
  'squaredHinge',
  'categoricalHinge',
  'logcosh',
  'kullbackLeiblerDivergence',
  'poisson',
  'cosineProximity',
]);
export type LossName = z.infer<typeof LossName>;

/** Metric names tfjs's `model.compile({ metrics })` accepts. */
export const MetricName = z.enum([
  'accuracy',
  'binaryAccuracy',
  'categoricalAccuracy',
  'sparseCategoricalAccuracy',
  'precision',
  'recall',
  'meanSquaredError',
  'meanAbsoluteError',
  'meanAbsolutePercentageError',
  'cosineProximity',
]);
export type MetricName = z.infer<typeof MetricName>;

/**
 * What `model.compile` needs. `loss` is one loss for every output, or one per
 * output keyed by the output node's id (the multi-task model of the seed).
 */
export const TrainingConfig = z.strictObject({
  optimizer: Optimizer.default({ type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999 }),
  loss: z.union([LossName, z.record(z.string(), LossName)]).default('categoricalCrossentropy'),
  lossWeights: z.record(z.string(), z.number().nonnegative()).optional(),
  metrics: z.array(MetricName).default(['accuracy']),
  dataset: z
    .strictObject({
      name: z.string().min(1).describe('The name of a built-in dataset (runtime/datasets; `layerwire help` lists them)'),
      samples: z.number().int().positive().optional().describe('How many samples to generate; the dataset’s own default when left out'),
    })
    .optional()
    .describe('The dataset this model trains on by default (`layerwire train` and the training panel)'),
});
export type TrainingConfig = z.infer<typeof TrainingConfig>;

import { z } from 'zod';

// Settings several optimizers share; `.describe` after `.default`, or zod 4 drops the description.
const learningRate = (initial: number) => z.number().positive().default(initial).describe('step size of each update: too large diverges, too small learns slowly');
const epsilon = () => z.number().positive().optional().describe('small constant added to the denominator for numerical stability (tfjs default when left out)');

/** Optimizers tfjs's `tf.train` offers, with the settings `model.compile` passes on. */
export const Optimizer = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('adam'),
    learningRate: learningRate(0.001),
    beta1: z.number().min(0).max(1).default(0.9).describe('decay rate of the running mean of gradients'),
    beta2: z.number().min(0).max(1).default(0.999).describe('decay rate of the running mean of squared gradients'),
    epsilon: epsilon(),
  }),
  z.strictObject({
    type: z.literal('sgd'),
    learningRate: learningRate(0.01),
  }),
  z.strictObject({
    type: z.literal('momentum'),
    learningRate: learningRate(0.01),
    momentum: z.number().min(0).default(0.9).describe('fraction of the previous update carried into the next'),
    useNesterov: z.boolean().default(false).describe('Nesterov momentum: take the gradient where the momentum step lands'),
  }),
  z.strictObject({
    type: z.literal('rmsprop'),
    learningRate: learningRate(0.001),
    decay: z.number().min(0).default(0.9).describe('decay rate of the running mean of squared gradients'),
    momentum: z.number().min(0).default(0).describe('fraction of the previous update carried into the next'),
    epsilon: epsilon(),
  }),
  z.strictObject({
    type: z.literal('adagrad'),
    learningRate: learningRate(0.01),
  }),
  z.strictObject({
    type: z.literal('adadelta'),
    learningRate: learningRate(1),
    rho: z.number().min(0).max(1).default(0.95).describe('decay rate of the running means of squared gradients and updates'),
  }),
  z.strictObject({
    type: z.literal('adamax'),
    learningRate: learningRate(0.002),
    beta1: z.number().min(0).max(1).default(0.9).describe('decay rate of the running mean of gradients'),
    beta2: z.number().min(0).max(1).default(0.999).describe('decay rate of the running mean of squared gradients'),
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

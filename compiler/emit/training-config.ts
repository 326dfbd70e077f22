import type { TrainingConfig } from '../../schemas/training';
import type { PortRef } from '../../schemas/graph';

/**
 * `model.compile` arguments, shared by the tfjs and TypeScript emitters so the
 * two can never compile differently. The optimizer is a `tf.train` factory
 * call with positional arguments, as tfjs declares them.
 */
export interface CompileArgs {
  optimizer: { factory: string; args: (number | boolean)[] };
  /** One loss for all outputs, or one per output in output order, weighted (tfjs's types do not mix names and functions). */
  loss: string | string[] | { name: string; weight: number }[];
  metrics: string[];
}

/**
 * tfjs's `model.compile` has no `lossWeights`, so a weighted loss is the
 * tfjs metric function of the same name scaled by its weight; these are the
 * losses tfjs exposes as such functions.
 */
export const WEIGHTABLE_LOSSES = new Set(['categoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError', 'meanAbsoluteError', 'meanAbsolutePercentageError', 'cosineProximity']);

export function compileArgs(training: TrainingConfig, outputs: PortRef[]): CompileArgs {
  const o = training.optimizer;
  const args = (() => {
    switch (o.type) {
      case 'adam':
        return [o.learningRate, o.beta1, o.beta2, ...(o.epsilon === undefined ? [] : [o.epsilon])];
      case 'adamax':
        return [o.learningRate, o.beta1, o.beta2];
      case 'sgd':
        return [o.learningRate];
      case 'momentum':
        return [o.learningRate, o.momentum, o.useNesterov];
      case 'rmsprop':
        return [o.learningRate, o.decay, o.momentum, ...(o.epsilon === undefined ? [] : [o.epsilon])];
      case 'adagrad':
        return [o.learningRate];
      case 'adadelta':
        return [o.learningRate, o.rho];
    }
  })();
  const perOutput = typeof training.loss !== 'string' || outputs.length > 1;
  const lossOf = (ref: PortRef) => (typeof training.loss === 'string' ? training.loss : training.loss[ref.node] ?? 'meanSquaredError');
  const weightOf = (ref: PortRef) => training.lossWeights?.[ref.node] ?? 1;
  return {
    optimizer: { factory: o.type, args },
    loss: !perOutput
      ? lossOf(outputs[0]!)
      : outputs.every((ref) => weightOf(ref) === 1)
        ? outputs.map(lossOf)
        : outputs.map((ref) => ({ name: lossOf(ref), weight: weightOf(ref) })),
    metrics: training.metrics,
  };
}

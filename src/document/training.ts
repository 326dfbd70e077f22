import type { GraphDocument } from '../../schemas/graph';
import { TrainingConfig } from '../../schemas/training';

/**
 * Edits of the document's training settings (what `model.compile` gets), as
 * pure functions like every other edit. Each returns the next settings parsed
 * by the schema, so defaults stay filled in, or undefined when the schema
 * refuses them: the form shows why and the document keeps what it had.
 */

type Training = TrainingConfig;
type Optimizer = Training['optimizer'];

function parsed(next: unknown): Training | undefined {
  const result = TrainingConfig.safeParse(next);
  return result.success ? result.data : undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Sets (or, with undefined, removes) the training settings; the same document when nothing changes. */
export function setTraining(document: GraphDocument, training: Training | undefined): GraphDocument {
  if (same(document.training, training)) return document;
  if (training === undefined) {
    const { training: _removed, ...rest } = document;
    return rest;
  }
  return { ...document, training };
}

/** The settings a model starts with: the schema's defaults (Adam, categorical cross-entropy, accuracy). */
export const defaultTraining = (): Training => TrainingConfig.parse({});

/** Another optimizer, with its own defaults: each has its own sensible learning rate. */
export function withOptimizerType(training: Training, type: Optimizer['type']): Training | undefined {
  if (training.optimizer.type === type) return training;
  return parsed({ ...training, optimizer: { type } });
}

/** One optimizer setting; undefined goes back to its default (or leaves an optional one out). */
export function withOptimizerSetting(training: Training, key: string, value: unknown): Training | undefined {
  const optimizer: Record<string, unknown> = { ...training.optimizer };
  if (value === undefined) delete optimizer[key];
  else optimizer[key] = value;
  return parsed({ ...training, optimizer });
}

/** One loss for every output (a name), or one per output (a record keyed by output node id). */
export function withLoss(training: Training, loss: Training['loss']): Training | undefined {
  return parsed({ ...training, loss });
}

/**
 * Switches between one loss for all outputs and one per output: going per
 * output gives every output the shared loss; going shared keeps the loss of
 * the first output that has one.
 */
export function withLossPerOutput(training: Training, perOutput: boolean, outputs: readonly string[]): Training | undefined {
  const { loss } = training;
  if (perOutput) {
    if (typeof loss !== 'string') return training;
    return withLoss(training, Object.fromEntries(outputs.map((id) => [id, loss])));
  }
  if (typeof loss === 'string') return training;
  const first = outputs.map((id) => loss[id]).find((l) => l !== undefined) ?? Object.values(loss)[0];
  return first === undefined ? undefined : withLoss(training, first);
}

/** The loss of one output (a per-output loss). */
export function withOutputLoss(training: Training, output: string, name: string): Training | undefined {
  if (typeof training.loss === 'string') return undefined;
  return withLoss(training, { ...training.loss, [output]: name } as Training['loss']);
}

/** The weight of one output's loss; undefined removes it (a weight of 1), and no weights at all removes `lossWeights`. */
export function withLossWeight(training: Training, output: string, weight: number | undefined): Training | undefined {
  const weights: Record<string, number> = { ...training.lossWeights };
  if (weight === undefined) delete weights[output];
  else weights[output] = weight;
  const { lossWeights: _old, ...rest } = training;
  return parsed(Object.keys(weights).length > 0 ? { ...rest, lossWeights: weights } : rest);
}

/** Adds or removes one metric, keeping the order the others were chosen in. */
export function withMetric(training: Training, metric: string, on: boolean): Training | undefined {
  const has = training.metrics.includes(metric as never);
  if (has === on) return training;
  return parsed({ ...training, metrics: on ? [...training.metrics, metric] : training.metrics.filter((m) => m !== metric) });
}

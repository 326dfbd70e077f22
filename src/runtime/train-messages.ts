import type { GraphDocument } from '../../schemas/graph';
import type { DatasetBinding } from '../../runtime/check-dataset';
import { DATASETS, type Dataset, type DatasetSamples, type SampleArray } from '../../runtime/datasets';
import type { BatchProgress, EpochProgress, TrainResult } from '../../runtime/train';
import type { WeightsByNode } from '../../runtime/carry-weights';
import type { BackendChange, BackendName } from './train-backend';

/**
 * What the page and the training worker say to each other. Everything is
 * plain data (structured-cloneable); the big arrays (samples, weights) travel
 * as transferred buffers, never copied by the browser.
 */

/**
 * Where the worker gets its samples: a built-in dataset it generates itself
 * by name (MNIST fetches its digits there, off the page), or arrays the page
 * made (a dataset whose content came from a file the page read).
 */
export type SampleSource = { kind: 'built-in'; name: string; samples: number; seed: number } | { kind: 'arrays'; samples: DatasetSamples };

export interface TrainRequest {
  type: 'train';
  /** The checked graph's document: the worker checks it again, so the same layers get the same names. */
  document: GraphDocument;
  source: SampleSource;
  binding: DatasetBinding;
  epochs: number;
  batchSize: number;
  validationSplit: number;
  backend: BackendName;
  /** Weights to start from instead of fresh ones (those a previous training left that still fit the graph). */
  initialWeights: WeightsByNode;
}

/**
 * From the page: `seen` answers each `batch` (the worker waits for it before
 * the next batch, so it is never more than one batch ahead of the progress
 * on screen and Stop takes effect after the batch the person saw, or the one
 * after it); `stop` ends training after the current batch.
 */
export type ToWorker = TrainRequest | { type: 'seen' } | { type: 'stop' };

export type FromWorker =
  | { type: 'backend'; backend: string; change?: BackendChange }
  /** The model is built and the samples made: training starts from these weights. */
  | { type: 'start'; weights: WeightsByNode }
  | { type: 'batch'; progress: BatchProgress }
  | { type: 'epoch'; progress: EpochProgress }
  /** Training finished or was stopped: the weights it reached and the history. */
  | { type: 'end'; result: TrainResult; weights: WeightsByNode }
  | { type: 'failed'; message: string };

/** The buffers a message hands over instead of copying: each once (postMessage refuses a list that names one twice). */
export function transferablesOf(message: ToWorker | FromWorker): ArrayBuffer[] {
  return [...new Set(buffersOf(message))];
}

function buffersOf(message: ToWorker | FromWorker): ArrayBuffer[] {
  switch (message.type) {
    case 'train':
      return [...weightBuffers(message.initialWeights), ...(message.source.kind === 'arrays' ? sampleBuffers(message.source.samples) : [])];
    case 'start':
    case 'end':
      return weightBuffers(message.weights);
    default:
      return [];
  }
}

const weightBuffers = (weights: WeightsByNode) => [...weights.values()].flatMap((tensors) => tensors.map((t) => t.values.buffer as ArrayBuffer));
const sampleBuffers = (samples: DatasetSamples) => [...Object.values(samples.inputs), ...Object.values(samples.outputs)].map((a) => a.data.buffer as ArrayBuffer);

/** A copy of `weights` in buffers of their own, safe to transfer while the original stays usable. */
export const copyOfWeights = (weights: WeightsByNode): WeightsByNode =>
  new Map([...weights].map(([id, tensors]) => [id, tensors.map((t) => ({ name: t.name, shape: [...t.shape], values: t.values.slice() }))]));

/**
 * How the worker gets `dataset`'s samples. A built-in dataset goes by name.
 * Any other is generated here and its arrays copied, so that transferring
 * them never empties arrays the dataset keeps for itself.
 */
export async function sampleSource(dataset: Dataset, samples: number, seed: number): Promise<SampleSource> {
  if (DATASETS.get(dataset.name) === dataset) return { kind: 'built-in', name: dataset.name, samples, seed };
  const made = await dataset.generate({ samples, seed });
  const copy = (arrays: Record<string, SampleArray>) => Object.fromEntries(Object.entries(arrays).map(([name, a]) => [name, { data: a.data.slice(), shape: [...a.shape] }]));
  return { kind: 'arrays', samples: { inputs: copy(made.inputs), outputs: copy(made.outputs) } };
}

/** The samples a source stands for, in the worker. */
export async function samplesOf(source: SampleSource): Promise<DatasetSamples> {
  if (source.kind === 'arrays') return source.samples;
  const dataset = DATASETS.get(source.name);
  if (!dataset) throw new Error(`no built-in dataset is called '${source.name}'`);
  return dataset.generate({ samples: source.samples, seed: source.seed });
}

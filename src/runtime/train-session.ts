import type { CheckResult } from '../../compiler/check';
import type { WeightsByNode } from '../../runtime/carry-weights';
import type { DatasetBinding } from '../../runtime/check-dataset';
import type { Dataset } from '../../runtime/datasets';
import { readNodeWeights, writeNodeWeights } from '../../runtime/node-weights';
import { trainModel, type BatchProgress, type EpochProgress, type TrainResult } from '../../runtime/train';
import { switchBackend, type tf } from './tfjs';
import { backendChange, trainingBackends, type BackendChange, type BackendName } from './train-backend';
import { prepareTrainingWorker, trainInWorker, WorkerUnavailable } from './train-in-worker';
import { copyOfWeights, sampleSource } from './train-messages';
import { buildTrainableModel } from './train-model';
import { keepTrainedModel } from './trained-model';
import { initialWeightsFor, keepTrainedWeights } from './trained-weights';

/**
 * Training from the Train tab. It runs in a Web Worker, so the editor never
 * waits on tfjs; the page only draws progress, and at the end keeps the
 * weights the worker reached. Where no worker can run, it trains on the main
 * thread as before: tfjs's `fit` awaits between batches and yields every
 * 125 ms or so, so the editor still answers, slowly.
 */

export interface TrainInPageOptions {
  check: CheckResult;
  dataset: Dataset;
  binding: DatasetBinding;
  samples: number;
  seed?: number;
  epochs: number;
  batchSize: number;
  validationSplit: number;
  backend: BackendName;
  signal: AbortSignal;
  /** False trains on the main thread (to compare, or where a worker misbehaves); true, the default, in a worker where one runs. */
  inWorker?: boolean;
  /** Called once the backend runs, with why it is not the one asked for; `inWorker` false means the page's own tfjs switched to it. */
  onBackend?: (backend: string, change: BackendChange | undefined, inWorker: boolean) => void;
  /** Called when training runs on the main thread although a worker was asked for, with why. */
  onInPage?: (reason: string) => void;
  /** Called before the first batch with the weights training starts from, by node report id. */
  onStart?: (weights: WeightsByNode) => void;
  onBatch?: (progress: BatchProgress) => void;
  onEpoch?: (progress: EpochProgress) => void;
}

export interface TrainedInPage extends TrainResult {
  /** The trained model, when it trained on the main thread (trained-model.ts builds one from the weights otherwise). */
  model?: tf.LayersModel;
  backend: string;
  /** The weights training reached, by node report id. */
  weights: WeightsByNode;
  /** True when the training ran in a worker, false when on the main thread. */
  inWorker: boolean;
}

/** Gets training ready before Train is pressed: starts the worker the next run trains in. */
export const prepareTraining = (): void => prepareTrainingWorker();

/** Trains the checked graph on the dataset, in a worker where one runs, and keeps the trained model for export. */
export async function trainInPage(options: TrainInPageOptions): Promise<TrainedInPage> {
  if (options.inWorker === false || typeof Worker === 'undefined') {
    if (options.inWorker !== false) options.onInPage?.('this browser has no Web Workers');
    return trainOnMainThread(options);
  }
  const source = await sampleSource(options.dataset, options.samples, options.seed ?? 1);
  const request = {
    type: 'train',
    document: options.check.document,
    source,
    binding: options.binding,
    epochs: options.epochs,
    batchSize: options.batchSize,
    validationSplit: options.validationSplit,
    backend: options.backend,
    // A copy: the kept trained weights stay usable here while these are handed over.
    initialWeights: copyOfWeights(initialWeightsFor(options.check)),
  } as const;
  let trained;
  try {
    trained = await trainInWorker(request, { ...options, onBackend: (backend, change) => options.onBackend?.(backend, change, true) }, options.signal);
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) {
      prepareTrainingWorker();
      throw error;
    }
    options.onInPage?.(error.message);
    return trainOnMainThread(options);
  }
  prepareTrainingWorker();
  // Only the weights are kept: the page builds a model from them when one is needed (the Code tab's download),
  // rather than now, when building the model (its initializers run, an LSTM's orthogonal one is slow) would hold up the page.
  keepTrainedWeights(options.check.document, trained.weights, options.dataset);
  return { ...trained.result, backend: trained.backend, weights: trained.weights, inWorker: true };
}

/** Trains on the page's main thread: switches the page's tfjs to the backend, builds the model, makes the samples, trains. */
async function trainOnMainThread(options: TrainInPageOptions): Promise<TrainedInPage> {
  const { check } = options;
  const { candidates, conv } = trainingBackends(check, options.backend);
  const backend = await switchBackend(candidates);
  options.onBackend?.(backend, backendChange(options.backend, backend, conv), false);
  const model = buildTrainableModel(check);
  try {
    writeNodeWeights(model, check, initialWeightsFor(check));
    const samples = await options.dataset.generate({ samples: options.samples, seed: options.seed ?? 1 });
    if (options.onStart) options.onStart(readNodeWeights(model, check));
    const result = await trainModel(model, samples, options.binding, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      validationSplit: options.validationSplit,
      signal: options.signal,
      onBatch: options.onBatch,
      onEpoch: options.onEpoch,
    });
    const weights = readNodeWeights(model, check);
    // Disposed, not kept, when another document was opened while it trained: its weights are put away with their graph.
    const kept = keepTrainedModel(check.document, model, options.dataset);
    return { ...result, model: kept ? model : undefined, backend, weights, inWorker: false };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

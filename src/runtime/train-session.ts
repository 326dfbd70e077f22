import type { CheckResult } from '../../compiler/check';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import { TrainingConfig } from '../../schemas/training';
import type { DatasetBinding } from '../../runtime/check-dataset';
import type { Dataset } from '../../runtime/datasets';
import { trainModel, type BatchProgress, type EpochProgress, type TrainResult } from '../../runtime/train';
import { switchBackend, tf } from './tfjs';
import { backendChange, trainingBackends, type BackendChange, type BackendName } from './train-backend';
import { keepTrainedModel } from './trained-model';

/**
 * Training in the page, on the main thread: tfjs's `fit` awaits between
 * batches and yields to the browser every 125 ms or so (its `yieldEvery:
 * 'auto'`), so the editor keeps answering while a model trains.
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
  /** Called once the backend runs, with why it is not the one asked for. */
  onBackend?: (backend: string, change: BackendChange | undefined) => void;
  /** Called with the model before its first batch. */
  onModel?: (model: tf.LayersModel) => void;
  onBatch?: (progress: BatchProgress) => void;
  onEpoch?: (progress: EpochProgress) => void;
}

export interface TrainedInPage extends TrainResult {
  model: tf.LayersModel;
  backend: string;
}

/** Starts the backend, builds and compiles the model, makes the samples, trains, and keeps the trained model for export. */
export async function trainInPage(options: TrainInPageOptions): Promise<TrainedInPage> {
  const { check } = options;
  const { candidates, conv } = trainingBackends(check, options.backend);
  const backend = await switchBackend(candidates);
  options.onBackend?.(backend, backendChange(options.backend, backend, conv));

  const withTraining = check.document.training ? check : { ...check, document: { ...check.document, training: TrainingConfig.parse({}) } };
  const built = buildTfjsModel(withTraining);
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('; '));
  const { model } = built;
  try {
    const samples = await options.dataset.generate({ samples: options.samples, seed: options.seed ?? 1 });
    options.onModel?.(model);
    const result = await trainModel(model, samples, options.binding, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      validationSplit: options.validationSplit,
      signal: options.signal,
      onBatch: options.onBatch,
      onEpoch: options.onEpoch,
    });
    keepTrainedModel(check.document, model);
    return { ...result, model, backend };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

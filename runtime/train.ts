import * as tf from '@tensorflow/tfjs';
import type { DatasetSamples, SampleArray } from './datasets/dataset';
import type { DatasetBinding } from './check-dataset';

/** Where training stands after a batch: enough for a progress bar. */
export interface BatchProgress {
  epoch: number;
  epochs: number;
  /** Batches done in this epoch, and how many it has. */
  batch: number;
  batches: number;
  /** The batch's loss and metrics as tfjs names them (`loss`, `acc`, `task1_loss`…). */
  logs: Record<string, number>;
  samplesPerSecond: number;
  secondsLeft: number;
}

/** Where training stands after an epoch, validation (`val_*`) included. */
export interface EpochProgress {
  epoch: number;
  epochs: number;
  logs: Record<string, number>;
  seconds: number;
  samplesPerSecond: number;
  secondsLeft: number;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** The fraction of samples held out, from the end, for `val_*`; 0.1 when left out. */
  validationSplit?: number;
  onBatch?: (progress: BatchProgress) => void;
  /** Awaited after each batch's onBatch, before the next batch (the training worker waits there for the page to show the batch). */
  betweenBatches?: () => Promise<void>;
  onEpoch?: (progress: EpochProgress) => void;
  /** Aborting stops training after the current batch; the model keeps the weights it has. */
  signal?: AbortSignal;
}

export interface TrainResult {
  /** One value per finished epoch for every loss and metric, `val_*` included. */
  history: Record<string, number[]>;
  /** True when the signal stopped training early; the last epoch in `history` may then be a partial one, without `val_*`. */
  stopped: boolean;
  seconds: number;
}

const toTensor = (array: SampleArray) => tf.tensor(array.data, array.shape, 'float32');

/**
 * Fits a compiled model on a dataset, in the binding's order of inputs and
 * outputs. Runs wherever tfjs does (the CLI in Node, later the training
 * panel in the browser): no files, no console, progress through callbacks.
 */
export async function trainModel(model: tf.LayersModel, samples: DatasetSamples, binding: DatasetBinding, options: TrainOptions): Promise<TrainResult> {
  const xs = binding.inputs.map((name) => toTensor(samples.inputs[name]!));
  const ys = binding.outputs.map((name) => toTensor(samples.outputs[name]!));
  const total = xs[0]!.shape[0]!;
  const validationSplit = options.validationSplit ?? 0.1;
  const validationSamples = Math.floor(total * validationSplit);
  const trainSamples = total - validationSamples;
  // Held out from the end, as tfjs's validationSplit would; we evaluate it ourselves (see validationLogs).
  const split = (tensors: tf.Tensor[]) => tensors.map((t) => [t.slice(0, trainSamples), t.slice(trainSamples)] as const);
  const [xSplit, ySplit] = [split(xs), split(ys)];
  const [trainX, trainY] = [xSplit.map(([a]) => a), ySplit.map(([a]) => a)];
  const [validX, validY] = [xSplit.map(([, b]) => b), ySplit.map(([, b]) => b)];
  const batches = Math.ceil(trainSamples / options.batchSize);
  const allBatches = batches * options.epochs;
  const history: Record<string, number[]> = {};
  const started = performance.now();
  let batchesDone = 0;
  let epochStarted = started;
  let epoch = 0;

  const rate = () => {
    const seconds = (performance.now() - started) / 1000;
    const seen = Math.min(batchesDone * options.batchSize, trainSamples * options.epochs);
    const perSecond = seconds > 0 ? seen / seconds : 0;
    return { perSecond, secondsLeft: batchesDone > 0 ? ((allBatches - batchesDone) * seconds) / batchesDone : NaN };
  };
  const stopIfAsked = () => {
    if (options.signal?.aborted) model.stopTraining = true;
  };
  const one = (tensors: tf.Tensor[]) => (tensors.length === 1 ? tensors[0]! : tensors);

  try {
    await model.fit(one(trainX), one(trainY), {
      epochs: options.epochs,
      batchSize: options.batchSize,
      shuffle: true,
      verbose: 0,
      callbacks: {
        onEpochBegin: async (index) => {
          epoch = index + 1;
          epochStarted = performance.now();
          stopIfAsked();
        },
        onBatchEnd: async (batch, logs) => {
          batchesDone += 1;
          const { perSecond, secondsLeft } = rate();
          options.onBatch?.({ epoch, epochs: options.epochs, batch: batch + 1, batches, logs: numbers(logs), samplesPerSecond: perSecond, secondsLeft });
          await options.betweenBatches?.();
          stopIfAsked();
        },
        onEpochEnd: async (_index, logs) => {
          const all = { ...numbers(logs), ...(validationSamples > 0 ? validationLogs(model, one(validX), one(validY), options.batchSize) : {}) };
          for (const [name, value] of Object.entries(all)) (history[name] ??= []).push(value);
          const { perSecond, secondsLeft } = rate();
          options.onEpoch?.({ epoch, epochs: options.epochs, logs: all, seconds: (performance.now() - epochStarted) / 1000, samplesPerSecond: perSecond, secondsLeft });
          stopIfAsked();
        },
      },
    });
    return { history, stopped: options.signal?.aborted === true && batchesDone < allBatches, seconds: (performance.now() - started) / 1000 };
  } finally {
    tf.dispose([...xs, ...ys, ...trainX, ...trainY, ...validX, ...validY]);
  }
}

/**
 * `val_*` figures for the held-out samples. tfjs 4's test function (used by
 * both `validationSplit` and `evaluate`) returns the running loss sum once
 * per output before the metrics, so for a model with several outputs every
 * value lands under the wrong name (val_loss gets the first output's loss
 * alone). Its last running sum is the total loss, and the values after the
 * running sums line up with `metricsNames` from the second name on.
 */
export function validationLogs(model: tf.LayersModel, x: tf.Tensor | tf.Tensor[], y: tf.Tensor | tf.Tensor[], batchSize: number): Record<string, number> {
  const evaluated = model.evaluate(x, y, { batchSize });
  const scalars = Array.isArray(evaluated) ? evaluated : [evaluated];
  const values = scalars.map((s) => s.dataSync()[0]!);
  tf.dispose(scalars);
  const outputs = model.outputs.length;
  const aligned = [values[outputs - 1]!, ...values.slice(outputs)];
  return Object.fromEntries(model.metricsNames.map((name, i) => [`val_${name}`, aligned[i]!]));
}

const numbers = (logs: tf.Logs | undefined): Record<string, number> => Object.fromEntries(Object.entries(logs ?? {}).map(([name, value]) => [name, Number(value)]));

import type { WeightsByNode } from '../../runtime/carry-weights';
import type { BatchProgress, EpochProgress, TrainResult } from '../../runtime/train';
import type { BackendChange } from './train-backend';
import { transferablesOf, type FromWorker, type ToWorker, type TrainRequest } from './train-messages';

export interface WorkerCallbacks {
  onBackend?: (backend: string, change: BackendChange | undefined) => void;
  onStart?: (weights: WeightsByNode) => void;
  onBatch?: (progress: BatchProgress) => void;
  onEpoch?: (progress: EpochProgress) => void;
}

export interface TrainedInWorker {
  result: TrainResult;
  backend: string;
  weights: WeightsByNode;
}

/** The worker could not run at all (no module workers, or its script failed to load): training can still run in the page. */
export class WorkerUnavailable extends Error {}

/** A training worker as started: `failure` says why it could not load, if it could not. */
export interface StartedWorker {
  worker?: Worker;
  failure?: string;
}

/** Starts a training worker; Vite bundles train-worker.ts and its imports as a module worker. */
function startWorker(): StartedWorker {
  try {
    const started: StartedWorker = { worker: new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' }) };
    started.worker!.addEventListener('error', (event) => (started.failure ??= event.message || 'the training worker could not load'), { once: true });
    return started;
  } catch (error) {
    return { failure: (error as Error).message };
  }
}

/** A worker started ahead of the next run: loading tfjs and the compiler in a fresh worker takes a while (seconds in development). */
let spare: StartedWorker | undefined;

/** Starts the next run's worker now, so that Train starts at once; one run per worker keeps each run's memory its own. */
export function prepareTrainingWorker(): void {
  if (typeof Worker !== 'undefined') spare ??= startWorker();
}

function takeWorker(): StartedWorker {
  const started = spare ?? startWorker();
  spare = undefined;
  return started;
}

/**
 * Trains in a worker of its own (the prepared one, else a new one) and
 * resolves with the weights it reached. Answers each batch as soon as it
 * arrives (see `ToWorker`), passes Stop on, and ends the worker when
 * training ends. Rejects with `WorkerUnavailable` when the worker fails
 * before it has said anything.
 */
export function trainInWorker(request: TrainRequest, callbacks: WorkerCallbacks, signal: AbortSignal, started: StartedWorker = takeWorker()): Promise<TrainedInWorker> {
  return new Promise((resolve, reject) => {
    const { worker } = started;
    if (!worker || started.failure !== undefined) {
      worker?.terminate();
      reject(new WorkerUnavailable(started.failure ?? 'no worker'));
      return;
    }
    const send = (message: ToWorker) => worker.postMessage(message, transferablesOf(message));
    const stop = () => send({ type: 'stop' });
    let backend = '';
    let heard = false;
    const finish = (settle: () => void) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      settle();
    };
    worker.addEventListener('message', ({ data: message }: MessageEvent<FromWorker>) => {
      heard = true;
      switch (message.type) {
        case 'backend':
          backend = message.backend;
          callbacks.onBackend?.(message.backend, message.change);
          break;
        case 'start':
          callbacks.onStart?.(message.weights);
          break;
        case 'batch':
          send({ type: 'seen' });
          callbacks.onBatch?.(message.progress);
          break;
        case 'epoch':
          callbacks.onEpoch?.(message.progress);
          break;
        case 'end':
          finish(() => resolve({ result: message.result, backend, weights: message.weights }));
          break;
        case 'failed':
          finish(() => reject(new Error(message.message)));
          break;
      }
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const message = event.message || 'the training worker failed';
      finish(() => reject(heard ? new Error(message) : new WorkerUnavailable(message)));
    });
    signal.addEventListener('abort', stop);
    send(request);
    if (signal.aborted) stop();
  });
}

import { checkGraph } from '../../compiler/check';
import { readNodeWeights, writeNodeWeights } from '../../runtime/node-weights';
import { trainModel } from '../../runtime/train';
import { startBackend } from './tfjs';
import { backendChange, trainingBackends } from './train-backend';
import { samplesOf, transferablesOf, type FromWorker, type ToWorker, type TrainRequest } from './train-messages';
import { buildTrainableModel } from './train-model';

/**
 * The training worker: one run per worker. It checks the graph again, starts
 * the backend, builds the model, makes the samples and trains, reporting
 * every batch and epoch; at the end, or on Stop, it posts the weights
 * reached. The page's main thread only draws progress meanwhile.
 */

const scope = self as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};
const post = (message: FromWorker) => scope.postMessage(message, transferablesOf(message));

const stopper = new AbortController();
/** Resolves the wait after a batch: the page has seen it, or Stop was pressed. */
let answered: (() => void) | undefined;
const answer = () => {
  answered?.();
  answered = undefined;
};

scope.addEventListener('message', ({ data: message }) => {
  if (message.type === 'train') {
    train(message).catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
  } else {
    if (message.type === 'stop') stopper.abort();
    answer();
  }
});

async function train(request: TrainRequest): Promise<void> {
  const check = checkGraph(request.document);
  const { candidates, conv } = trainingBackends(check, request.backend);
  const backend = await startBackend(candidates);
  post({ type: 'backend', backend, change: backendChange(request.backend, backend, conv) });
  const model = buildTrainableModel(check);
  writeNodeWeights(model, check, request.initialWeights);
  const samples = await samplesOf(request.source);
  post({ type: 'start', weights: readNodeWeights(model, check) });
  const result = await trainModel(model, samples, request.binding, {
    epochs: request.epochs,
    batchSize: request.batchSize,
    validationSplit: request.validationSplit,
    signal: stopper.signal,
    onBatch: (progress) => post({ type: 'batch', progress }),
    betweenBatches: () => (stopper.signal.aborted ? Promise.resolve() : new Promise<void>((resolve) => (answered = resolve))),
    onEpoch: (progress) => post({ type: 'epoch', progress }),
  });
  post({ type: 'end', result, weights: readNodeWeights(model, check) });
}

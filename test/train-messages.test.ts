/**
 * Training in a worker, without a browser: the messages between the page and
 * the worker (Node's structuredClone is the oracle for what postMessage does
 * with them), and the real worker module driven by the real page-side driver
 * through an in-process channel, training the seed LSTM with tfjs on the CPU.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseGraphDocument } from '../schemas';
import { checkGraph } from '../compiler/check';
import { checkDataset } from '../runtime/check-dataset';
import type { WeightsByNode } from '../runtime/carry-weights';
import { DATASETS, type Dataset } from '../runtime/datasets';
import { copyOfWeights, samplesOf, sampleSource, transferablesOf, type FromWorker, type ToWorker, type TrainRequest } from '../src/runtime/train-messages';
import { trainInWorker, WorkerUnavailable, type StartedWorker } from '../src/runtime/train-in-worker';
import { root } from './emitted';

const weights = (): WeightsByNode =>
  new Map([
    ['dense', [{ name: 'kernel', shape: [2, 2], values: new Float32Array([1, 2, 3, 4]) }, { name: 'bias', shape: [2], values: new Float32Array([5, 6]) }]],
    ['embed', [{ name: 'embeddings', shape: [1, 2], values: new Int32Array([7, 8]) }]],
  ]);

const seedLstm = () => {
  const parsed = parseGraphDocument(JSON.parse(fs.readFileSync(path.join(root, 'examples', 'seed-lstm.json'), 'utf8')));
  if (!parsed.ok) throw new Error('seed-lstm.json does not parse');
  return checkGraph(parsed.document);
};

describe('messages between the page and the training worker', () => {
  it('hand weights over instead of copying them: the receiver gets the values, the sender keeps empty buffers', () => {
    const message: FromWorker = { type: 'end', result: { history: {}, stopped: false, seconds: 1 }, weights: weights() };
    const received = structuredClone(message, { transfer: transferablesOf(message) });
    expect([...received.weights.get('dense')![0]!.values]).toEqual([1, 2, 3, 4]);
    expect(received.weights.get('embed')![0]!.values).toBeInstanceOf(Int32Array);
    expect(message.weights.get('dense')![0]!.values.length).toBe(0); // detached: it was moved, not copied
  });

  it('name a buffer shared by two arrays once (postMessage refuses a list with one twice)', () => {
    const shared = new Float32Array([1, 2, 3, 4]);
    const message: FromWorker = { type: 'start', weights: new Map([['a', [{ name: 'kernel', shape: [2], values: shared.subarray(0, 2) }, { name: 'bias', shape: [2], values: shared.subarray(2) }]]]) };
    expect(transferablesOf(message)).toEqual([shared.buffer]);
    expect(() => structuredClone(message, { transfer: transferablesOf(message) })).not.toThrow();
  });

  it('send a copy of the kept trained weights, so the page can still use its own', () => {
    const kept = weights();
    const message: ToWorker = { type: 'train', document: seedLstm().document, source: { kind: 'built-in', name: 'waves', samples: 4, seed: 1 }, binding: { inputs: [], outputs: [] }, epochs: 1, batchSize: 2, validationSplit: 0, backend: 'cpu', initialWeights: copyOfWeights(kept) };
    const received = structuredClone(message, { transfer: transferablesOf(message) });
    expect([...received.initialWeights.get('dense')![1]!.values]).toEqual([5, 6]);
    expect([...kept.get('dense')![1]!.values]).toEqual([5, 6]);
    expect(transferablesOf({ type: 'stop' })).toEqual([]);
  });

  it('send a built-in dataset by name (the worker makes the same samples) and any other as copied arrays', async () => {
    const waves = DATASETS.get('waves')!;
    const byName = await sampleSource(waves, 6, 3);
    expect(byName).toEqual({ kind: 'built-in', name: 'waves', samples: 6, seed: 3 });
    expect(await samplesOf(byName)).toEqual(await waves.generate({ samples: 6, seed: 3 }));

    // A dataset read from a file keeps its arrays and hands them out: transferring must not empty them.
    const cached = { data: new Float32Array([0.5, 1.5, 2.5, 3.5]), shape: [2, 2] };
    const labels = { data: new Float32Array([1, 0, 0, 1]), shape: [2, 2] };
    const fromFile: Dataset = { ...waves, name: 'my.csv', generate: async () => ({ inputs: { x: cached }, outputs: { y: labels } }) };
    const source = await sampleSource(fromFile, 2, 1);
    const message: ToWorker = { type: 'train', document: seedLstm().document, source, binding: { inputs: ['x'], outputs: ['y'] }, epochs: 1, batchSize: 2, validationSplit: 0, backend: 'cpu', initialWeights: new Map() };
    const received = structuredClone(message, { transfer: transferablesOf(message) });
    expect(source.kind === 'arrays' && source.samples.inputs.x!.data.length).toBe(0); // the copies were moved…
    expect(received.source).toEqual({ kind: 'arrays', samples: { inputs: { x: { data: new Float32Array([0.5, 1.5, 2.5, 3.5]), shape: [2, 2] } }, outputs: { y: labels } } });
    expect([...cached.data]).toEqual([0.5, 1.5, 2.5, 3.5]); // …and the dataset's own arrays are whole
  });
});

/**
 * The real worker module, loaded in this process with `self` standing for
 * its global scope, behind an object that looks like a Worker to the driver.
 * Messages go through structuredClone with their transfer lists, as
 * postMessage would send them.
 */
async function inProcessWorker(): Promise<{ started: StartedWorker; sent: ToWorker['type'][] }> {
  const toWorker = new EventTarget();
  const toPage = new EventTarget();
  const sent: ToWorker['type'][] = [];
  const deliver = (target: EventTarget, message: unknown, transfer: Transferable[]) => {
    const data = structuredClone(message, { transfer: transfer as ArrayBuffer[] });
    setTimeout(() => target.dispatchEvent(new MessageEvent('message', { data })));
  };
  vi.stubGlobal('self', {
    postMessage: (message: FromWorker, transfer: Transferable[]) => deliver(toPage, message, transfer),
    addEventListener: (type: string, listener: EventListener) => toWorker.addEventListener(type, listener),
  });
  vi.resetModules();
  await import('../src/runtime/train-worker');
  const worker = {
    postMessage: (message: ToWorker, transfer: Transferable[]) => {
      sent.push(message.type);
      deliver(toWorker, message, transfer);
    },
    addEventListener: (type: string, listener: EventListener) => toPage.addEventListener(type, listener),
    terminate: () => {},
  };
  return { started: { worker: worker as unknown as Worker }, sent };
}

describe('the training worker', () => {
  const check = seedLstm();
  const waves = DATASETS.get('waves')!;
  const fit = checkDataset(check, waves);
  if (!fit.ok) throw new Error('waves does not fit the seed LSTM');
  const request = (initialWeights: WeightsByNode = new Map()): TrainRequest => ({
    type: 'train',
    document: check.document,
    source: { kind: 'built-in', name: 'waves', samples: 40, seed: 1 },
    binding: fit.binding,
    epochs: 2,
    batchSize: 8,
    validationSplit: 0.2,
    backend: 'cpu',
    initialWeights,
  });

  it('trains the checked graph, waits for the page to see each batch, and posts back the weights it reached', async () => {
    const { started, sent } = await inProcessWorker();
    const events: string[] = [];
    let first: WeightsByNode | undefined;
    const trained = await trainInWorker(
      request(),
      { onBackend: (b) => events.push(`backend ${b}`), onStart: (w) => (first = w), onBatch: (p) => events.push(`batch ${p.epoch}.${p.batch}`), onEpoch: (p) => events.push(`epoch ${p.epoch}`) },
      new AbortController().signal,
      started,
    );
    // 40 samples, 8 held out: 32 to train on in batches of 8 → 4 batches an epoch.
    expect(events).toEqual(['backend cpu', 'batch 1.1', 'batch 1.2', 'batch 1.3', 'batch 1.4', 'epoch 1', 'batch 2.1', 'batch 2.2', 'batch 2.3', 'batch 2.4', 'epoch 2']);
    expect(sent).toEqual(['train', ...Array(8).fill('seen')]);
    expect(trained.backend).toBe('cpu');
    expect(trained.result.stopped).toBe(false);
    expect(Object.keys(trained.result.history)).toEqual(expect.arrayContaining(['loss', 'acc', 'val_loss', 'val_acc']));
    expect(trained.result.history.loss).toHaveLength(2);
    expect([...trained.weights.keys()]).toEqual(check.nodes.filter((n) => n.weights.length > 0).map((n) => n.id));
    const lstmKernel = (w: WeightsByNode) => [...w.get('lstm')![0]!.values];
    expect(lstmKernel(trained.weights)).not.toEqual(lstmKernel(first!));
  });

  it('starts from the weights it is given', async () => {
    const { started } = await inProcessWorker();
    const given: WeightsByNode = new Map(
      check.nodes.filter((n) => n.id === 'dense').map((n) => [n.id, n.weights.map((w) => ({ name: w.name, shape: w.shape as number[], values: new Float32Array((w.shape as number[]).reduce((a, b) => a * b, 1)).fill(0.25) }))]),
    );
    let first: WeightsByNode | undefined;
    await trainInWorker({ ...request(copyOfWeights(given)), epochs: 1 }, { onStart: (w) => (first = w) }, new AbortController().signal, started);
    expect(first!.get('dense')).toEqual(given.get('dense'));
  });

  it('stops after the batch the page saw when it pressed Stop, and posts the weights reached', async () => {
    const { started } = await inProcessWorker();
    const stopper = new AbortController();
    const batches: string[] = [];
    const trained = await trainInWorker(
      request(),
      {
        onBatch: (p) => {
          batches.push(`${p.epoch}.${p.batch}`);
          if (batches.length === 2) stopper.abort();
        },
      },
      stopper.signal,
      started,
    );
    expect(batches).toEqual(['1.1', '1.2', '1.3']);
    expect(trained.result.stopped).toBe(true);
    expect(trained.weights.get('lstm')).toHaveLength(3);
  });

  it('a worker that fails before it says anything is unavailable (training falls back to the page); a failed run is an error', async () => {
    await expect(trainInWorker(request(), {}, new AbortController().signal, { failure: 'module script failed' })).rejects.toBeInstanceOf(WorkerUnavailable);
    const { started } = await inProcessWorker();
    const error = await trainInWorker({ ...request(), source: { kind: 'built-in', name: 'nope', samples: 4, seed: 1 } }, {}, new AbortController().signal, started).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(WorkerUnavailable);
    expect((error as Error).message).toContain("no built-in dataset is called 'nope'");
  });
});

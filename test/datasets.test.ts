import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseGraphDocument } from '../schemas';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { checkDataset } from '../runtime/check-dataset';
import { DATASETS } from '../runtime/datasets';
import { trainModel, validationLogs } from '../runtime/train';
import { root } from './emitted';

const exampleFiles = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json'));

function checkedExample(file: string, edit: (doc: any) => void = () => {}): CheckResult {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
  edit(doc);
  const parsed = parseGraphDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return checkGraph(parsed.document);
}

function modelOf(result: CheckResult): tf.LayersModel {
  const built = buildTfjsModel(result);
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  return built.model;
}

describe('every example names a built-in dataset that fits it', () => {
  it.each(exampleFiles)('%s', async (file) => {
    const result = checkedExample(file);
    const dataset = DATASETS.get(result.document.training?.dataset?.name ?? '');
    expect(dataset, 'training.dataset names a built-in dataset').toBeDefined();
    const fit = checkDataset(result, dataset!);
    expect(fit.diagnostics).toEqual([]);
    if (!fit.ok) return;
    // Independent oracle: tfjs itself runs the generated samples through the model.
    const samples = await dataset!.generate({ samples: 3, seed: 1 });
    const model = modelOf(result);
    const xs = fit.binding.inputs.map((name) => tf.tensor(samples.inputs[name]!.data, samples.inputs[name]!.shape));
    const predicted = model.predict(xs.length === 1 ? xs[0]! : xs);
    const outputs = Array.isArray(predicted) ? predicted : [predicted];
    expect(outputs.map((o) => o.shape)).toEqual(fit.binding.outputs.map((name) => samples.outputs[name]!.shape));
    tf.dispose([...xs, ...outputs]);
    model.dispose();
  });
});

describe('built-in datasets', () => {
  it.each([...DATASETS.keys()])('%s: the declared shapes, one-hot labels, the same for a seed and different for another', async (name) => {
    const dataset = DATASETS.get(name)!;
    const a = await dataset.generate({ samples: 40, seed: 7 });
    const b = await dataset.generate({ samples: 40, seed: 7 });
    const c = await dataset.generate({ samples: 40, seed: 8 });
    expect(Object.keys(a.inputs)).toEqual(dataset.inputs.map((i) => i.name));
    expect(Object.keys(a.outputs)).toEqual(dataset.outputs.map((o) => o.name));
    for (const input of dataset.inputs) {
      expect(a.inputs[input.name]!.shape).toEqual([40, ...input.shape]);
      expect(a.inputs[input.name]!.data.length).toBe(40 * input.shape.reduce((x, y) => x * y, 1));
      expect(a.inputs[input.name]!.data.every(Number.isFinite)).toBe(true);
      expect(b.inputs[input.name]!.data).toEqual(a.inputs[input.name]!.data);
      expect(c.inputs[input.name]!.data).not.toEqual(a.inputs[input.name]!.data);
    }
    for (const output of dataset.outputs) {
      const labels = a.outputs[output.name]!;
      expect(labels.shape).toEqual([40, output.classes.length]);
      for (let i = 0; i < 40; i++) {
        const row = [...labels.data.slice(i * output.classes.length, (i + 1) * output.classes.length)];
        expect(row.filter((v) => v === 1).length + row.filter((v) => v === 0).length).toBe(row.length);
        expect(row.reduce((x, y) => x + y, 0)).toBe(1);
      }
      expect(b.outputs[output.name]!.data).toEqual(labels.data);
    }
  });

  it('mnist gives real digits: mostly dark 0–1 grey pixels, with ink', async () => {
    const { inputs } = await DATASETS.get('mnist')!.generate({ samples: 20, seed: 3 });
    const pixels = inputs.digit!.data;
    expect(Math.min(...pixels)).toBe(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    const ink = pixels.filter((p) => p > 0.5).length / pixels.length;
    expect(ink).toBeGreaterThan(0.05);
    expect(ink).toBeLessThan(0.4);
  });
});

describe('a dataset that does not fit gives LW208 saying what to change', () => {
  it('an Input of the wrong shape', () => {
    const result = checkedExample('seed-lstm.json', (doc) => {
      doc.nodes[0].params.shape = [50, 1];
    });
    const fit = checkDataset(result, DATASETS.get('waves')!);
    expect(fit.ok).toBe(false);
    expect(fit.diagnostics).toHaveLength(1);
    expect(fit.diagnostics[0]).toMatchObject({
      code: 'LW208',
      severity: 'error',
      nodeId: 'sequence',
      path: 'training.dataset',
      message: "dataset 'waves' gives sequences of frames [?, 32, 16] but Input 'sequence' expects [?, 50, 1]: set the Input shape to 32, 16 or pick another dataset",
      fix: { kind: 'set-param', node: 'sequence', param: 'shape', value: [32, 16] },
      translations: {
        'zh-CN': {
          message: "数据集 'waves' 提供的数据形状为 [?, 32, 16]，但 Input 'sequence' 需要 [?, 50, 1]：请把 Input 的形状设为 32, 16，或换一个数据集",
          fixTitle: "把 'sequence' 的形状设为 [32, 16]",
        },
      },
    });
  });

  it('a symbolic dimension accepts any size and is kept in the fix', () => {
    const result = checkedExample('seed-lstm.json', (doc) => {
      doc.nodes[0].params.shape = ['timesteps', 8];
    });
    const fit = checkDataset(result, DATASETS.get('waves')!);
    expect(fit.diagnostics.map((d) => d.fix)).toMatchObject([{ value: ['timesteps', 16] }]);
  });

  it('a head with the wrong number of classes', () => {
    const result = checkedExample('seed-multitask.json', (doc) => {
      doc.nodes.find((n: any) => n.id === 'task2').params.units = 10;
    });
    const fit = checkDataset(result, DATASETS.get('blobs')!);
    expect(fit.diagnostics.map((d) => [d.code, d.nodeId, d.message, d.fix])).toEqual([
      [
        'LW208',
        'task2',
        "dataset 'blobs' labels output 2 with 5 classes (band) but output 'task2' gives [?, 10]: set units of 'task2' to 5 or pick another dataset",
        { kind: 'set-param', title: "Set units of 'task2' to 5", node: 'task2', param: 'units', value: 5 },
      ],
    ]);
  });

  it('a dataset with a different number of inputs or outputs names the ones that fit', () => {
    const fit = checkDataset(checkedExample('seed-multitask.json'), DATASETS.get('shapes')!);
    expect(fit.diagnostics).toHaveLength(1);
    expect(fit.diagnostics[0]!.message).toContain('but the model has 1 Input (features) and 2 outputs (task1, task2)');
    expect(fit.diagnostics[0]!.message).toContain("pick a dataset that fits: 'blobs'");
  });
});

describe('trainModel', () => {
  const lstm = () => checkedExample('seed-lstm.json');
  // LSTMs train ~10× faster on wasm; wasm cannot train convolutions (no Conv2DBackpropFilter), so the CNN uses cpu.
  const useBackend = async (name: 'cpu' | 'wasm') => {
    if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    expect(await tf.setBackend(name)).toBe(true);
  };

  it('the seed LSTM learns the waves (loss falls) and reports every epoch with val_*', async () => {
    const result = lstm();
    const dataset = DATASETS.get('waves')!;
    const fit = checkDataset(result, dataset);
    if (!fit.ok) throw new Error('waves does not fit');
    await useBackend('wasm');
    const epochs: number[] = [];
    let batchCalls = 0;
    const trained = await trainModel(modelOf(result), await dataset.generate({ samples: 100, seed: 1 }), fit.binding, {
      epochs: 5,
      batchSize: 10,
      onBatch: () => (batchCalls += 1),
      onEpoch: (p) => epochs.push(p.epoch),
    });
    expect(epochs).toEqual([1, 2, 3, 4, 5]);
    expect(batchCalls).toBe(5 * 9); // 90 samples to train on, 10 held out
    expect(Object.keys(trained.history).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    expect(trained.history.loss!.at(-1)!).toBeLessThan(trained.history.loss![0]!);
    expect(trained.stopped).toBe(false);
  });

  it('a tiny CNN learns MNIST digits on the cpu backend (loss falls)', async () => {
    const result = checkedExample('mnist-cnn.json');
    const dataset = DATASETS.get('mnist')!;
    const fit = checkDataset(result, dataset);
    if (!fit.ok) throw new Error('mnist does not fit');
    await useBackend('cpu');
    const trained = await trainModel(modelOf(result), await dataset.generate({ samples: 60, seed: 2 }), fit.binding, { epochs: 3, batchSize: 9 });
    expect(trained.history.loss!.at(-1)!).toBeLessThan(trained.history.loss![0]!);
  });

  it('the stop signal stops after the current batch and keeps the trained weights', async () => {
    const result = lstm();
    const dataset = DATASETS.get('waves')!;
    const fit = checkDataset(result, dataset);
    if (!fit.ok) throw new Error('waves does not fit');
    await useBackend('wasm');
    const model = modelOf(result);
    const before = model.getWeights().map((w) => w.dataSync().slice());
    const stop = new AbortController();
    let batches = 0;
    const trained = await trainModel(model, await dataset.generate({ samples: 64, seed: 1 }), fit.binding, {
      epochs: 3,
      batchSize: 8,
      signal: stop.signal,
      onBatch: () => {
        batches += 1;
        if (batches === 2) stop.abort();
      },
    });
    expect(batches).toBe(2);
    expect(trained.stopped).toBe(true);
    expect(trained.history.loss).toHaveLength(1);
    expect(model.getWeights().map((w) => w.dataSync())).not.toEqual(before);
  });

  it('val_* of a multi-output model are the real losses and accuracies (tfjs 4 mislabels them)', async () => {
    const result = checkedExample('seed-multitask.json');
    const { inputs, outputs } = await DATASETS.get('blobs')!.generate({ samples: 64, seed: 5 });
    const model = modelOf(result);
    const x = tf.tensor(inputs.features!.data, inputs.features!.shape);
    const y1 = tf.tensor(outputs.blob!.data, outputs.blob!.shape);
    const y2 = tf.tensor(outputs.band!.data, outputs.band!.shape);
    const logs = validationLogs(model, x, [y1, y2], 16);
    const [p1, p2] = model.predict(x) as tf.Tensor[];
    const mean = (t: tf.Tensor) => t.mean().dataSync()[0]!;
    const task1 = mean(tf.metrics.categoricalCrossentropy(y1, p1!));
    const task2 = mean(tf.metrics.categoricalCrossentropy(y2, p2!));
    const accuracy = (y: tf.Tensor, p: tf.Tensor) => mean(tf.cast(tf.equal(tf.argMax(y, 1), tf.argMax(p, 1)), 'float32'));
    expect(Object.keys(logs)).toEqual(['val_loss', 'val_task1_loss', 'val_task2_loss', 'val_task1_acc', 'val_task2_acc']);
    expect(logs.val_task1_loss).toBeCloseTo(task1, 4);
    expect(logs.val_task2_loss).toBeCloseTo(0.5 * task2, 4); // the document weighs task2 × 0.5
    expect(logs.val_loss).toBeCloseTo(task1 + 0.5 * task2, 4);
    expect(logs.val_task1_acc).toBeCloseTo(accuracy(y1, p1!), 5);
    expect(logs.val_task2_acc).toBeCloseTo(accuracy(y2, p2!), 5);
  });
});

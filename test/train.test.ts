import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseGraphDocument } from '../schemas';
import { checkGraph } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { saveTfjsArtifacts } from '../compiler/emit/tfjs-artifacts';
import { root } from './emitted';

function compiledExample(file: string, edit: (doc: any) => void = () => {}): tf.LayersModel {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
  edit(doc);
  const parsed = parseGraphDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const built = buildTfjsModel(checkGraph(parsed.document));
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  return built.model;
}

/** A learnable toy task: the class is decided by the sign pattern of the input. */
function toyData(shape: number[], classes: number, samples: number, seed: number) {
  const x = tf.randomUniform([samples, ...shape], -1, 1, 'float32', seed);
  const score = tf.sum(tf.reshape(x, [samples, -1]), 1);
  const labels = tf.cast(tf.clipByValue(tf.floor(tf.add(tf.mul(score, 0.5), classes / 2)), 0, classes - 1), 'int32');
  return { x, y: tf.oneHot(labels as tf.Tensor1D, classes) };
}

async function lossesOf(model: tf.LayersModel, x: tf.Tensor | tf.Tensor[], y: tf.Tensor | tf.Tensor[], epochs: number) {
  const history = await model.fit(x, y, { epochs, batchSize: 8, shuffle: false, verbose: 0 });
  return history.history;
}

describe('compiled models train on the graph’s training config', () => {
  it('the seed LSTM learns (loss falls)', async () => {
    const model = compiledExample('seed-lstm.json');
    const { x, y } = toyData([5, 16], 10, 32, 1);
    const { loss } = await lossesOf(model, x, y, 8);
    expect(loss!.at(-1)! as number).toBeLessThan(loss![0]! as number);
    expect(model.optimizer.getClassName()).toBe('Adam');
  });

  it('the custom AttentionPooling layer trains, then saves and loads with its trained weights', async () => {
    const model = compiledExample('seed-attention.json');
    const { x, y } = toyData([6, 16], 10, 32, 2);
    const before = model.getLayer('attention').getWeights().map((w) => w.arraySync());
    const { loss } = await lossesOf(model, x, y, 8);
    expect(loss!.at(-1)! as number).toBeLessThan(loss![0]! as number);
    const after = model.getLayer('attention').getWeights().map((w) => w.arraySync());
    expect(after).not.toEqual(before);

    const artifacts = await saveTfjsArtifacts(model);
    const manifest = artifacts.modelJson.weightsManifest as tf.io.WeightsManifestConfig;
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: artifacts.modelJson.modelTopology as object, weightSpecs: manifest[0]!.weights, weightData: artifacts.weightData.slice().buffer }),
    );
    const diff = tf.max(tf.abs(tf.sub(loaded.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-6);
  });

  it('the multi-task model weighs its losses as the document says (task2 × 0.5)', async () => {
    const model = compiledExample('seed-multitask.json');
    const { x, y } = toyData([64], 10, 32, 3);
    const y2 = tf.oneHot(tf.cast(tf.mod(tf.argMax(y, 1), 5), 'int32') as tf.Tensor1D, 5);
    const [p1, p2] = model.predict(x) as tf.Tensor[];
    // trainOnBatch reports the loss of the forward pass before it updates the weights.
    const [total] = (await model.trainOnBatch(x, [y, y2])) as number[];
    const task1 = tf.mean(tf.metrics.categoricalCrossentropy(y, p1!)).dataSync()[0]!;
    const task2 = tf.mean(tf.metrics.categoricalCrossentropy(y2, p2!)).dataSync()[0]!;
    expect(task2).toBeGreaterThan(0.1);
    expect(total).toBeCloseTo(task1 + 0.5 * task2, 4);
  });

  it('a small version of the seed CNN trains on the cpu backend', async () => {
    const model = compiledExample('seed-cnn.json', (doc) => {
      doc.nodes[0].params.shape = [8, 8, 3];
    });
    const { x, y } = toyData([8, 8, 3], 10, 16, 4);
    const { loss } = await lossesOf(model, x, y, 5);
    expect(loss!.every((l) => Number.isFinite(l as number))).toBe(true);
    expect(loss!.at(-1)! as number).toBeLessThan(loss![0]! as number);
  });
});

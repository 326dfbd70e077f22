/**
 * "Look inside": every node's captured output must equal what tfjs itself
 * computes for that node, asked independently (a sub-model ending at the
 * node's layer); saliency is checked where the answer is known by hand.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import type { GraphDocument } from '../schemas/graph';
import { groupIntoBlock } from '../src/document/blocks';
import { duplicateAsShared } from '../src/document/sharing';
import { attentionWeights, captureActivations } from '../src/runtime/activations';
import { gradientTimesInput, inputGradient } from '../src/runtime/saliency';
import { randomizeWeights } from './layer-samples';
import { example, parsed } from './documents';

/** The largest |a_i − b_i|; Infinity when the lengths differ. */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let most = 0;
  for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs(a[i]! - b[i]!));
  return most;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});


function built(document: GraphDocument): { check: CheckResult; model: tf.LayersModel } {
  const check = checkGraph(document);
  const result = buildTfjsModel(check, { compile: false });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  randomizeWeights(result.model, 5);
  return { check, model: result.model };
}

/** One sample per model input, batch 1; symbolic time steps become 6. */
const oneSample = (model: tf.LayersModel, seed = 3) => model.inputs.map((input, i) => tf.randomUniform(input.shape.map((d, axis) => (axis === 0 ? 1 : d ?? 6)), -1, 1, 'float32', seed + i));

/** The oracle: tfjs's own answer for one symbolic tensor, from a model that ends there. */
function independently(model: tf.LayersModel, symbolic: tf.SymbolicTensor, samples: tf.Tensor[]): Float32Array {
  const sub = tf.model({ inputs: model.inputs, outputs: symbolic });
  return tf.tidy(() => (sub.predict(samples.length === 1 ? samples[0]! : samples) as tf.Tensor).dataSync() as Float32Array);
}

const predictions = (model: tf.LayersModel, samples: tf.Tensor[]) =>
  tf.tidy(() => {
    const answer = model.predict(samples.length === 1 ? samples[0]! : samples);
    return (Array.isArray(answer) ? answer : [answer]).map((t) => t.dataSync() as Float32Array);
  });

describe('captureActivations', () => {
  const cases: [string, (d: GraphDocument) => GraphDocument][] = [
    ['seed-cnn.json', (d) => d],
    ['mnist-cnn.json', (d) => d],
    ['seed-lstm.json', (d) => d],
    ['seed-attention.json', (d) => d],
    ['seed-multitask.json', (d) => d],
    ['cross-modal.json', (d) => d],
    [
      'seed-cnn.json with conv and pooling in a block',
      (d) => {
        const result = groupIntoBlock(d, checkGraph(d), ['conv2d', 'max_pooling2d']);
        if ('refusal' in result) throw new Error(result.refusal);
        return result.document;
      },
    ],
  ];

  it.each(cases)('%s: every node equals its own sub-model, outputs equal predict', async (title, edit) => {
    const document = edit(example(title.split(' ')[0]!));
    const { check, model } = built(document);
    const samples = oneSample(model);
    const activations = await captureActivations(model, check.graph, samples);

    expect(activations.map((a) => a.id)).toEqual(check.graph.order.map((n) => n.node.id));
    for (const activation of activations) {
      const node = check.graph.nodes.get(activation.id)!;
      const report = check.byId.get(activation.id)!;
      expect(activation.outputs.map((o) => o.port)).toEqual(report.outputs.map((o) => o.port));
      activation.outputs.forEach((output, i) => {
        // The checker's shape, with batch 1 and the sample's time steps.
        const checked = report.outputs[i]!.shape!;
        expect(output.shape.length, activation.id).toBe(checked.length);
        checked.forEach((d, axis) => typeof d === 'number' && expect(output.shape[axis]).toBe(d));
        expect(output.shape[0]).toBe(1);
        if (node.node.type === 'Input') {
          expect(maxAbsDiff(output.values, samples[check.graph.inputs.indexOf(activation.id)]!.dataSync() as Float32Array)).toBe(0);
          return;
        }
        const layer = model.getLayer(node.name);
        const call = node.block ? 1 : 0;
        const symbolic = layer.getOutputAt(call);
        const oracle = independently(model, Array.isArray(symbolic) ? symbolic[i]! : symbolic, samples);
        expect(output.values.length).toBe(oracle.length);
        expect(maxAbsDiff(output.values, oracle), `${activation.id}:${output.port}`).toBeLessThan(1e-5);
      });
    }
    const final = predictions(model, samples);
    check.graph.outputs.forEach((ref, i) => {
      const output = activations.find((a) => a.id === ref.node)!.outputs.find((o) => o.port === ref.port)!;
      expect(maxAbsDiff(output.values, final[i]!)).toBeLessThan(1e-5);
    });
    tf.dispose(samples);
  });

  it('a layer called twice (shared weights) shows each call its own output', async () => {
    const document = example('seed-cnn.json');
    // dense_1 reads dense (32 → classes); a second call of dense_1's layer needs a 32-wide input, so call `dense` on flatten's output twice.
    const copy = duplicateAsShared(document, 'dense')!;
    const doc = { ...copy.document, edges: [...copy.document.edges, { from: { node: 'flatten', port: 'out' }, to: { node: copy.id, port: 'in' } }] };
    const { check, model } = built(parsed(doc));
    const samples = oneSample(model);
    const activations = await captureActivations(model, check.graph, samples);
    const first = activations.find((a) => a.id === 'dense')!.outputs[0]!.values;
    const second = activations.find((a) => a.id === copy.id)!.outputs[0]!.values;
    // Same layer, same input: same answer, captured from two different calls.
    expect(maxAbsDiff(first, second)).toBeLessThan(1e-6);
    expect(maxAbsDiff(first, independently(model, model.getLayer('dense').getOutputAt(1) as tf.SymbolicTensor, samples))).toBeLessThan(1e-5);
    tf.dispose(samples);
  });

  it('leaves no tensors behind', async () => {
    const { check, model } = built(example('seed-attention.json'));
    const samples = oneSample(model);
    await captureActivations(model, check.graph, samples); // the first run builds the probe model
    const before = tf.memory().numTensors;
    await captureActivations(model, check.graph, samples);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(samples);
  });
});

describe('AttentionPooling weights over time', () => {
  it('sum to 1, and Σ weights·values is the layer output', async () => {
    const { check, model } = built(example('seed-attention.json'));
    const samples = oneSample(model, 8);
    const activations = await captureActivations(model, check.graph, samples);
    const attention = activations.find((a) => a.type === 'AttentionPooling')!;
    const lstm = activations.find((a) => a.id === 'lstm')!.outputs[0]!; // [1, t, f], what attention pools over
    const [, timesteps, features] = lstm.shape as [number, number, number];
    expect(attention.attention).toHaveLength(timesteps);
    expect([...attention.attention!].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect([...attention.attention!].every((w) => w > 0)).toBe(true);
    // Pooled by hand from the captured weights and the captured LSTM sequence.
    const pooled = Array.from({ length: features }, (_, f) => attention.attention!.reduce((sum, w, t) => sum + w * lstm.values[t * features + f]!, 0));
    expect(maxAbsDiff(Float32Array.from(pooled), attention.outputs[0]!.values)).toBeLessThan(1e-5);
    tf.dispose(samples);
  });

  it('follow the scores: one time step that scores far higher takes nearly all the weight', () => {
    const { model } = built(example('seed-attention.json'));
    const layer = model.getLayer('attention');
    const [wKernel, wBias, vKernel] = layer.getWeights();
    // W = identity-like on feature 0, V = 1 on unit 0: score_t = tanh(x_t0) scaled by 50.
    const units = wKernel!.shape[1]!;
    const features = wKernel!.shape[0]!;
    const w = tf.tidy(() => tf.oneHot(tf.zeros([features], 'int32'), units).mul(tf.oneHot([0], features).reshape([features, 1])).toFloat());
    const v = tf.tidy(() => tf.oneHot([0], units).reshape([units, 1]).toFloat().mul(50));
    layer.setWeights([w, tf.zerosLike(wBias!), v, tf.zeros([1])]);
    const x = tf.tensor3d([[[0, ...Array(features - 1).fill(0)], [1, ...Array(features - 1).fill(0)], [-1, ...Array(features - 1).fill(0)]]]);
    const weights = attentionWeights(layer, x).dataSync();
    expect(weights[1]).toBeGreaterThan(0.999);
    tf.dispose([w, v, x, vKernel!]);
  });
});

describe('saliency', () => {
  /** Input [2, 2, 1] → Flatten → Dense(3, linear) with fixed weights: ∂score_c/∂x = the kernel's column c. */
  function tinyModel() {
    const input = tf.input({ shape: [2, 2, 1] });
    const dense = tf.layers.dense({ units: 3, useBias: true });
    const model = tf.model({ inputs: input, outputs: dense.apply(tf.layers.flatten().apply(input)) as tf.SymbolicTensor });
    const kernel = [
      [1, -2, 0.5],
      [3, 0, -1],
      [-4, 1, 2],
      [0.25, 5, -3],
    ];
    dense.setWeights([tf.tensor2d(kernel), tf.tensor1d([0.1, 0.2, 0.3])]);
    return { model, kernel };
  }

  it('the gradient of a linear head is its weight row', () => {
    const { model, kernel } = tinyModel();
    const x = tf.tensor4d([0.3, -0.7, 0.2, 0.9], [1, 2, 2, 1]);
    for (const classIndex of [0, 1, 2]) {
      const gradient = inputGradient(model, [x], { input: 0, output: 0, classIndex });
      expect([...gradient.dataSync()]).toEqual(kernel.map((row) => row[classIndex]));
      gradient.dispose();
    }
    x.dispose();
  });

  it('gradient × input is |w·x| scaled to a maximum of 1, for the top class', () => {
    const { model, kernel } = tinyModel();
    const pixels = [0.3, -0.7, 0.2, 0.9];
    const x = tf.tensor4d(pixels, [1, 2, 2, 1]);
    const scores = [0, 1, 2].map((c) => pixels.reduce((s, p, i) => s + p * kernel[i]![c]!, 0) + [0.1, 0.2, 0.3][c]!);
    const top = scores.indexOf(Math.max(...scores));
    const map = gradientTimesInput(model, [x], { input: 0, output: 0 });
    expect(map.classIndex).toBe(top);
    const raw = pixels.map((p, i) => Math.abs(p * kernel[i]![top]!));
    const peak = Math.max(...raw);
    expect(maxAbsDiff(map.values, Float32Array.from(raw.map((r) => r / peak)))).toBeLessThan(1e-6);
    expect(Math.max(...map.values)).toBeCloseTo(1, 6);
    x.dispose();
  });

  it('is 0 wherever the input is 0, on the MNIST CNN', () => {
    const { model } = built(example('mnist-cnn.json'));
    // A vertical stroke on black: most pixels are exactly 0.
    const pixels = new Float32Array(28 * 28);
    for (let y = 5; y < 23; y++) for (let x = 12; x < 16; x++) pixels[y * 28 + x] = 1;
    const image = tf.tensor4d(pixels, [1, 28, 28, 1]);
    const before = tf.memory().numTensors;
    const map = gradientTimesInput(model, [image], { input: 0, output: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(map).toMatchObject({ height: 28, width: 28 });
    pixels.forEach((p, i) => p === 0 && expect(map.values[i]).toBe(0));
    expect(Math.max(...map.values)).toBeCloseTo(1, 6);
    image.dispose();
  });
});

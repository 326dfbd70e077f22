import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '../compiler/custom';
import { describe, expect, it } from 'vitest';
import { cli, loadFromDirectory } from './cli-harness';
import { DATASETS } from '../runtime/datasets';
import { root } from './emitted';

const example = (name: string) => path.join(root, 'examples', name);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'layerwire-train-'));

/** A few waves samples as nested arrays, the INPUT.json a person would write. */
async function waveSamples(count: number): Promise<number[][][]> {
  const { inputs } = await DATASETS.get('waves')!.generate({ samples: count, seed: 99 });
  return tf.tidy(() => tf.tensor(inputs.sequence!.data, inputs.sequence!.shape).arraySync() as number[][][]);
}

describe('layerwire train', () => {
  it('trains the seed LSTM on its dataset, writes model.json that tfjs loads and history.json with one value per epoch', async () => {
    const dir = path.join(tmp(), 'out');
    const { code, out, err } = await cli('train', example('seed-lstm.json'), '--samples', '40', '--epochs', '2', '--batch-size', '12', '-o', dir);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain("on 'waves' (40 samples");
    expect(out).toContain('backend wasm');
    expect(out.split('\n').filter((line) => /^epoch \d\/2 {2}loss /.test(line))).toHaveLength(2);
    expect(fs.readdirSync(dir).sort()).toEqual(['history.json', 'model.json', 'weights.bin']);
    const history = JSON.parse(fs.readFileSync(path.join(dir, 'history.json'), 'utf8'));
    expect(Object.keys(history).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    for (const values of Object.values(history)) expect(values).toHaveLength(2);
    const loaded = await tf.loadLayersModel(loadFromDirectory(dir));
    expect(loaded.inputs[0]!.shape).toEqual([null, null, 16]);
    expect(loaded.outputs[0]!.shape).toEqual([null, 10]);

    // predict prints what the loaded model predicts
    const inputFile = path.join(dir, '..', 'input.json');
    const samples = await waveSamples(3);
    fs.writeFileSync(inputFile, JSON.stringify(samples));
    const predicted = await cli('predict', dir, inputFile);
    expect(predicted.err).toBe('');
    expect(predicted.code).toBe(0);
    const printed = JSON.parse(predicted.out);
    const expected = tf.tidy(() => (loaded.predict(tf.tensor(samples)) as tf.Tensor).arraySync() as number[][]);
    const [name] = loaded.outputNames;
    expect(Object.keys(printed)).toEqual([name]);
    expect(printed[name!].argmax).toEqual(expected.map((row) => row.indexOf(Math.max(...row))));
    printed[name!].predictions.forEach((row: number[], i: number) => row.forEach((p, j) => expect(p).toBeCloseTo(expected[i]![j]!, 5)));
  });

  it('trains a convolutional model on cpu and says why it is not wasm', async () => {
    const dir = path.join(tmp(), 'out');
    const { code, out, err } = await cli('train', example('mnist-cnn.json'), '--samples', '12', '--epochs', '1', '-o', dir);
    expect(code).toBe(0);
    expect(err).toContain("training on the cpu backend, not wasm: tfjs's wasm backend cannot train convolutions");
    expect(err).toContain("Conv2D 'conv2d'");
    expect(out).toContain('backend cpu');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'history.json'), 'utf8')).loss).toHaveLength(1);
  });

  it('a dataset that does not fit gives LW208 with what to change, exit 1 and no files', async () => {
    const dir = path.join(tmp(), 'out');
    const { code, out, err } = await cli('train', example('seed-lstm.json'), '--data', 'mnist', '-o', dir);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(
      "error LW208 in 'sequence' (Input): dataset 'mnist' gives grey images [?, 28, 28, 1] but Input 'sequence' expects [?, timesteps, 16]: set the Input shape to 28, 28, 1 or pick another dataset",
    );
    expect(err).toContain("fix: Set the shape of 'sequence' to [28, 28, 1]");
    expect(fs.existsSync(dir)).toBe(false);
  });

  it.each([
    [['--data', 'cifar'], "--data: no built-in dataset 'cifar'; the datasets are:"],
    [['--epochs', '0'], "--epochs must be a whole number of at least 1, not '0'"],
    [['--batch-size', '2.5'], "--batch-size must be a whole number of at least 1, not '2.5'"],
    [['--backend', 'webgl'], "--backend must be cpu or wasm, not 'webgl'"],
  ])('usage errors exit 2 and write nothing: %j', async (extra, message) => {
    const dir = path.join(tmp(), 'out');
    const { code, err } = await cli('train', example('seed-lstm.json'), ...extra, '-o', dir);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('layerwire predict', () => {
  /** The cross-modal example compiled (untrained): two inputs, so INPUT.json is an object. */
  async function crossModal() {
    const dir = path.join(tmp(), 'model');
    expect((await cli('compile', example('cross-modal.json'), '--target', 'tfjs', '-o', dir)).code).toBe(0);
    const { inputs } = await DATASETS.get('shapes-and-waves')!.generate({ samples: 2, seed: 4 });
    const image = tf.tidy(() => tf.tensor(inputs.image!.data, inputs.image!.shape).arraySync());
    const tokens = tf.tidy(() => tf.tensor(inputs.tokens!.data, inputs.tokens!.shape).arraySync());
    return { dir, image, tokens };
  }

  it('reads an object input name → samples for a multi-input model', async () => {
    const { dir, image, tokens } = await crossModal();
    const input = path.join(dir, 'input.json');
    fs.writeFileSync(input, JSON.stringify({ tokens, image }));
    const { code, out } = await cli('predict', dir, input);
    expect(code).toBe(0);
    const loaded = await tf.loadLayersModel(loadFromDirectory(dir));
    const expected = tf.tidy(() => (loaded.predict([tf.tensor(image as number[][][][]), tf.tensor(tokens as number[][][])]) as tf.Tensor).arraySync() as number[][]);
    const printed = JSON.parse(out)[loaded.outputNames[0]!].predictions as number[][];
    printed.forEach((row, i) => row.forEach((p, j) => expect(p).toBeCloseTo(expected[i]![j]!, 5)));
  });

  it.each([
    ['a sample of the wrong length', (m: { image: unknown; tokens: number[][][] }) => ({ image: m.image, tokens: [m.tokens[0], m.tokens[1]!.map((frame, i) => (i === 3 ? frame.slice(1) : frame))] }), 'input.json: tokens[1][3]: expected 16 values, got 15 (a sample has shape [16, 16])'],
    ['a string for a number', (m: { image: unknown; tokens: number[][][] }) => ({ image: m.image, tokens: [[['x', ...m.tokens[0]![0]!.slice(1)], ...m.tokens[0]!.slice(1)], m.tokens[1]] }), 'input.json: tokens[0][0][0]: expected a number, got "x"'],
    ['a missing input', (m: { image: unknown }) => ({ image: m.image }), 'input.json: tokens: missing; the model needs one array of samples for each input: image, tokens'],
    ['an unknown input', (m: object) => ({ ...m, audio: [] }), 'input.json: audio: the model has no input of that name (its inputs: image, tokens)'],
    ['a bare array for two inputs', (m: { tokens: unknown }) => m.tokens, 'input.json: the model has 2 inputs (image, tokens); give an object with one array of samples per input name'],
  ])('bad input (%s) exits 2, names the file and the field, prints nothing', async (_case, edit, message) => {
    const { dir, image, tokens } = await crossModal();
    const input = path.join(dir, 'input.json');
    fs.writeFileSync(input, JSON.stringify(edit({ image, tokens: tokens as number[][][] })));
    const before = fs.readdirSync(dir).sort();
    const { code, out, err } = await cli('predict', dir, input);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`${input.slice(0, -'input.json'.length)}${message}`);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });

  it('a folder without model.json exits 2', async () => {
    const dir = tmp();
    const { code, err } = await cli('predict', dir, path.join(dir, 'input.json'));
    expect(code).toBe(2);
    expect(err).toContain(`${path.join(dir, 'model.json')}: cannot read the file`);
  });
});

describe('layerwire check reports the graph’s training.dataset', () => {
  function graphWith(edit: (doc: any) => void): string {
    const doc = JSON.parse(fs.readFileSync(example('seed-lstm.json'), 'utf8'));
    edit(doc);
    const file = path.join(tmp(), 'graph.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    return file;
  }

  it('a dataset that does not fit is LW208 with its fix, and the check fails', async () => {
    const file = graphWith((doc) => {
      doc.nodes[0].params.shape = ['timesteps', 8];
    });
    const { code, out } = await cli('check', file, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out).diagnostics).toMatchObject([
      { code: 'LW208', nodeId: 'sequence', path: 'training.dataset', fix: { kind: 'set-param', param: 'shape', value: ['timesteps', 16] } },
    ]);
  });

  it('an unknown dataset name is LW208 listing the built-in ones', async () => {
    const { code, out } = await cli('check', graphWith((doc) => (doc.training.dataset = { name: 'cifar' })));
    expect(code).toBe(1);
    expect(out).toContain("error LW208: training.dataset names 'cifar', which is not a built-in dataset; use one of 'shapes', 'mnist', 'waves', 'blobs', 'shapes-and-waves'");
  });
});

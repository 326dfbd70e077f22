/**
 * Quantized export: our encoder against tfjs's own decoder (tf.io.decodeWeights,
 * what tf.loadLayersModel runs), edge cases, and the CLI end to end: the
 * quantized seed models load back with tf.loadLayersModel, predict close to the
 * float ones, are 1/4 (uint8) or 1/2 (float16) the size, and a trained model
 * keeps its accuracy on validation data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '../compiler/custom';
import { describe, expect, it } from 'vitest';
import { quantizeWeights, type QuantizationDtype } from '../compiler/emit/quantize';
import { DATASETS } from '../runtime/datasets';
import { cli, loadFromDirectory } from './cli-harness';
import { root } from './emitted';

type Spec = tf.io.WeightsManifestEntry;

const floats = (name: string, values: number[], shape = [values.length]) => ({ spec: { name, shape, dtype: 'float32' } as Spec, bytes: new Uint8Array(new Float32Array(values).buffer) });
const ints = (name: string, values: number[]) => ({ spec: { name, shape: [values.length], dtype: 'int32' } as Spec, bytes: new Uint8Array(new Int32Array(values).buffer) });

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Quantizes the weights, then decodes them with tfjs's own decoder: the values a loaded model would hold. */
function roundTrip(weights: { spec: Spec; bytes: Uint8Array }[], dtype: QuantizationDtype) {
  const result = quantizeWeights(
    weights.map((w) => w.spec),
    concat(weights.map((w) => w.bytes)),
    dtype,
  );
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refused)}`);
  const data = result.data.slice().buffer;
  const decoded = tf.io.decodeWeights(data, result.specs);
  const values = Object.fromEntries(Object.entries(decoded).map(([name, t]) => [name, Array.from(t.dataSync())]));
  tf.dispose(Object.values(decoded));
  return { ...result, values };
}

/** A seeded normal-ish sample, so a failure reproduces. */
function sample(count: number, seed: number, spread = 1, offset = 0): number[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => Math.fround(offset + spread * (next() + next() + next() - 1.5)));
}

/** uint8: at most half a quantization step, plus the float32 rounding tfjs's Float32Array adds to the decoded value. */
function expectWithinHalfStep(original: number[], decoded: number[], scale: number) {
  original.forEach((v, i) => expect(Math.abs(decoded[i]! - v), `value ${i}: ${v} → ${decoded[i]}`).toBeLessThanOrEqual(scale / 2 + Math.abs(v) * 2 ** -23 + 1e-300));
}

/** float16: round to nearest keeps a relative error of 2^-11 in the normal range (|x| ≥ 2^-14), an absolute 2^-25 below it. */
function expectHalfPrecision(original: number[], decoded: number[]) {
  original.forEach((v, i) => expect(Math.abs(decoded[i]! - v), `value ${i}: ${v} → ${decoded[i]}`).toBeLessThanOrEqual(Math.max(Math.abs(v) * 2 ** -11, 2 ** -25)));
}

describe('quantizeWeights, decoded by tf.io.decodeWeights', () => {
  const kernel = sample(1000, 7, 0.4);
  const bias = sample(20, 8, 0.05, 0.02);
  const weights = [floats('dense/kernel', kernel, [50, 20]), ints('embedding/counter', [3, -7, 1 << 30]), floats('dense/bias', bias)];

  it('uint8: names, shapes and order kept; int32 untouched; every value within half a step; 1 byte a value', () => {
    const r = roundTrip(weights, 'uint8');
    expect(r.specs.map((s) => [s.name, s.shape, s.dtype, s.quantization?.dtype])).toEqual([
      ['dense/kernel', [50, 20], 'float32', 'uint8'],
      ['embedding/counter', [3], 'int32', undefined],
      ['dense/bias', [20], 'float32', 'uint8'],
    ]);
    expect(r.values['embedding/counter']).toEqual([3, -7, 1 << 30]);
    expectWithinHalfStep(kernel, r.values['dense/kernel']!, r.specs[0]!.quantization!.scale!);
    expectWithinHalfStep(bias, r.values['dense/bias']!, r.specs[2]!.quantization!.scale!);
    // scale spans the tensor's own range in 255 steps
    expect(r.specs[0]!.quantization!.scale).toBeCloseTo((Math.max(...kernel) - Math.min(...kernel)) / 255, 12);
    expect([r.bytesBefore, r.bytesAfter]).toEqual([4 * 1023, 1020 + 12]);
  });

  it('float16: relative error within 2^-11; no scale or min; 2 bytes a value', () => {
    const r = roundTrip(weights, 'float16');
    expect(r.specs.map((s) => s.quantization)).toEqual([{ dtype: 'float16' }, undefined, { dtype: 'float16' }]);
    expectHalfPrecision(kernel, r.values['dense/kernel']!);
    expectHalfPrecision(bias, r.values['dense/bias']!);
    expect(r.values['embedding/counter']).toEqual([3, -7, 1 << 30]);
    expect(r.bytesAfter).toBe(2 * 1020 + 12);
  });

  it('float16 keeps what half precision holds exactly, subnormals included, and rounds halfway cases to even', () => {
    const exact = [0, -0, 1, -2, 0.5, 65504, -65504, 2 ** -14, 2 ** -24, 1 + 2 ** -10];
    expect(roundTrip([floats('w', exact)], 'float16').values.w).toEqual(exact);
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: to even is 1; 1 + 3·2^-11 rounds up to 1 + 2^-9
    expect(roundTrip([floats('w', [1 + 2 ** -11, 1 + 3 * 2 ** -11])], 'float16').values.w).toEqual([1, 1 + 2 ** -9]);
  });

  it('uint8 puts 0 on a level when the range holds it, so zeros decode to exactly 0', () => {
    const values = [...sample(200, 3, 0.3), 0, 0, 0];
    const r = roundTrip([floats('w', values)], 'uint8');
    const decoded = r.values.w!;
    expect(decoded.slice(-3)).toEqual([0, 0, 0]);
    expectWithinHalfStep(values, decoded, r.specs[0]!.quantization!.scale!);
  });

  it.each([
    ['a constant tensor', [0.37, 0.37, 0.37]],
    ['all zeros', [0, 0, 0, 0]],
    ['a single value', [-12.5]],
  ])('uint8 stores %s exactly (q = 0, min = the value)', (_, values) => {
    const r = roundTrip([floats('w', values)], 'uint8');
    expect(r.values.w).toEqual(values.map(Math.fround));
    expect(r.specs[0]!.quantization).toEqual({ dtype: 'uint8', scale: 1, min: Math.fround(values[0]!) });
  });

  it.each([
    ['negative only (no zero to nudge to)', sample(300, 11, 2, -10)],
    ['positive only', sample(300, 12, 0.01, 3)],
    ['a huge range', [-1e30, -3, 0, 2.5e-7, 7e29, 1e30]],
    ['the largest float32 values', [-3.4e38, 0, 1, 3.4e38]],
  ])('uint8 round trip within half a step: %s', (_, values) => {
    const r = roundTrip([floats('w', values)], 'uint8');
    const q = r.specs[0]!.quantization!;
    expect(r.values.w!.every(Number.isFinite)).toBe(true);
    expectWithinHalfStep(values, r.values.w!, q.scale!);
  });

  it('an empty tensor stays empty', () => {
    for (const dtype of ['uint8', 'float16'] as const) {
      const r = roundTrip([floats('empty', [], [0, 4]), floats('w', [1, 2])], dtype);
      expect(r.values.empty).toEqual([]);
      expect(r.values.w).toEqual([1, 2]);
    }
  });

  it('refuses NaN and Infinity by weight name (training diverged), and float16 overflow past ±65504', () => {
    const specs = [floats('ok', [1, 2]), floats('nan', [1, NaN, 2]), floats('inf', [-Infinity]), floats('big', [70000])];
    const data = concat(specs.map((s) => s.bytes));
    const uint8 = quantizeWeights(
      specs.map((s) => s.spec),
      data,
      'uint8',
    );
    expect(uint8).toEqual({
      ok: false,
      refused: [
        { name: 'nan', reason: 'not-finite', value: NaN },
        { name: 'inf', reason: 'not-finite', value: -Infinity },
      ],
    });
    const half = quantizeWeights(
      specs.map((s) => s.spec),
      data,
      'float16',
    );
    expect(half.ok === false && half.refused.map((r) => [r.name, r.reason])).toEqual([
      ['nan', 'not-finite'],
      ['inf', 'not-finite'],
      ['big', 'float16-overflow'],
    ]);
    // 70000 is fine as uint8 (scale covers it); 65519 still rounds to float16's 65504
    expect(roundTrip([floats('big', [70000, 0])], 'uint8').values.big).toEqual([70000, 0]);
    expect(roundTrip([floats('w', [65519])], 'float16').values.w).toEqual([65504]);
  });
});

const example = (name: string) => path.join(root, 'examples', name);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'layerwire-quantize-'));
const weightsBytes = (dir: string) => fs.statSync(path.join(dir, 'weights.bin')).size;

/** A few samples of a built-in dataset, one tensor per model input in the model's order. */
async function inputsFor(model: tf.LayersModel, dataset: string, count: number): Promise<tf.Tensor[]> {
  const { inputs } = await DATASETS.get(dataset)!.generate({ samples: count, seed: 5 });
  const arrays = Object.values(inputs);
  return model.inputs.map((_, i) => tf.tensor(arrays[i]!.data, arrays[i]!.shape));
}

const predictions = (model: tf.LayersModel, x: tf.Tensor[]) =>
  tf.tidy(() => {
    const y = model.predict(x.length === 1 ? x[0]! : x);
    return (Array.isArray(y) ? y : [y]).map((t) => Array.from(t.dataSync()));
  });

const largestDifference = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i]![j]!))));

describe('layerwire compile --quantize', () => {
  // Softmax probabilities of untrained seed models on real samples: how far quantized weights move them.
  it.each([
    ['seed-cnn.json', 'shapes', 0.02, 0.002],
    ['seed-lstm.json', 'waves', 0.02, 0.002],
    ['seed-multitask.json', 'blobs', 0.02, 0.002],
  ])('%s: model.json → uint8 and float16 load back with tf.loadLayersModel, predict close to float and are 1/4 and 1/2 the size', async (file, dataset, uint8Tolerance, float16Tolerance) => {
    const dir = tmp();
    const float = path.join(dir, 'float');
    expect((await cli('compile', example(file), '--target', 'tfjs', '-o', float)).code).toBe(0);
    const floatModel = await tf.loadLayersModel(loadFromDirectory(float));
    const x = await inputsFor(floatModel, dataset, 6);
    const expected = predictions(floatModel, x);
    const floatBytes = weightsBytes(float);

    for (const [dtype, tolerance, ratio] of [
      ['uint8', uint8Tolerance, 0.25],
      ['float16', float16Tolerance, 0.5],
    ] as const) {
      const out = path.join(dir, dtype);
      const { code, out: printed, err } = await cli('compile', path.join(float, 'model.json'), '--target', 'tfjs', '--quantize', dtype, '-o', out);
      expect(err).toBe('');
      expect(code).toBe(0);
      const after = weightsBytes(out);
      // every seed weight is float32, so the file shrinks by exactly the value size
      expect(after / floatBytes).toBeCloseTo(ratio, 6);
      expect(printed).toContain(`weights: ${floatBytes.toLocaleString('en-US')} → ${after.toLocaleString('en-US')} bytes (${(ratio * 100).toFixed(1)}% of float32)`);
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8')).weightsManifest[0].weights as Spec[];
      expect(manifest.every((w) => w.quantization?.dtype === dtype)).toBe(true);
      const loaded = await tf.loadLayersModel(loadFromDirectory(out));
      const got = predictions(loaded, x);
      got.forEach((output, i) => {
        const rows = (v: number[]) => [v];
        expect(largestDifference(rows(output), rows(expected[i]!)), `${dtype} output ${i}`).toBeLessThanOrEqual(tolerance);
      });
      loaded.dispose();
    }
    tf.dispose(x);
    floatModel.dispose();
  }, 300_000); // the seed CNN has 3.9M weights: reading and writing them on a busy 2-core machine takes minutes

  it('compiles a graph file straight to quantized artifacts', async () => {
    const out = path.join(tmp(), 'out');
    const { code, out: printed } = await cli('compile', example('seed-lstm.json'), '--target', 'tfjs', '--quantize', 'float16', '-o', out);
    expect(code).toBe(0);
    expect(printed).toMatch(/quantized to float16\)\nweights: [\d,]+ → [\d,]+ bytes \(50\.0% of float32\)$/);
    const loaded = await tf.loadLayersModel(loadFromDirectory(out));
    expect(loaded.outputs[0]!.shape).toEqual([null, 10]);
    loaded.dispose();
  });

  it('a trained model keeps its validation accuracy within 0.05 under uint8, and the CLI prints what tfjs itself measures', async () => {
    const dir = tmp();
    const trained = path.join(dir, 'trained');
    const training = await cli('train', example('seed-multitask.json'), '--samples', '400', '--epochs', '8', '--batch-size', '32', '-o', trained);
    expect(training.code).toBe(0);
    const out = path.join(dir, 'uint8');
    const { code, out: printed, err } = await cli('compile', path.join(trained, 'model.json'), '--target', 'tfjs', '--quantize', 'uint8', '--data', 'blobs', '-o', out);
    expect(code, err).toBe(0);
    const line = printed.split('\n').find((l) => l.startsWith("validation on 'blobs'"))!;
    // --data uses the dataset's default sample count (2000) with train's seed 1 and 10% held out: 200 samples
    expect(line).toMatch(/^validation on 'blobs' \(200 samples\): /);

    // Independently: accuracy of each head by argmax, on the same 200 samples, of both models as tfjs loads them.
    const data = await DATASETS.get('blobs')!.generate({ samples: 2000, seed: 1 });
    const tail = (a: { data: Float32Array; shape: number[] }) => tf.tensor(a.data.slice(1800 * (a.data.length / 2000)), [200, ...a.shape.slice(1)]);
    const x = tail(data.inputs.features!);
    const labels = Object.values(data.outputs).map((o) => Array.from(tf.tidy(() => tail(o).argMax(1).dataSync())));
    const accuracy = async (dirName: string) => {
      const model = await tf.loadLayersModel(loadFromDirectory(dirName));
      const outputs = predictions(model, [x]).map((flat, i) => {
        const classes = flat.length / 200;
        return labels[i]!.filter((label, s) => {
          const row = flat.slice(s * classes, (s + 1) * classes);
          return row.indexOf(Math.max(...row)) === label;
        }).length / 200;
      });
      model.dispose();
      return outputs;
    };
    const [before, after] = [await accuracy(trained), await accuracy(out)];
    x.dispose();
    for (const [head, name] of [
      [0, 'task1'],
      [1, 'task2'],
    ] as const) {
      const printedFigures = new RegExp(`${name}_acc (\\d\\.\\d+) → (\\d\\.\\d+)`).exec(line);
      expect(printedFigures, line).not.toBeNull();
      expect(Number(printedFigures![1])).toBeCloseTo(before[head]!, 3);
      expect(Number(printedFigures![2])).toBeCloseTo(after[head]!, 3);
      expect(Math.abs(after[head]! - before[head]!)).toBeLessThanOrEqual(0.05);
    }
    expect(Math.max(...before)).toBeGreaterThan(0.3); // it did learn: chance is 0.1 and 0.2
  });

  it('refuses a model whose weights hold NaN, naming the weight, and writes nothing', async () => {
    const dir = tmp();
    const float = path.join(dir, 'float');
    expect((await cli('compile', example('seed-multitask.json'), '--target', 'tfjs', '-o', float)).code).toBe(0);
    const weights = fs.readFileSync(path.join(float, 'weights.bin'));
    weights.writeFloatLE(NaN, 4 * 5); // the sixth value of the first weight, shared/kernel
    fs.writeFileSync(path.join(float, 'weights.bin'), weights);
    const out = path.join(dir, 'out');
    const { code, err } = await cli('compile', path.join(float, 'model.json'), '--target', 'tfjs', '--quantize', 'uint8', '-o', out);
    expect(code).toBe(1);
    expect(err).toContain("weight 'shared/kernel' holds NaN: training diverged");
    expect(err).toContain('not compiled: a weight cannot be quantized to uint8');
    expect(fs.existsSync(out)).toBe(false);
  });

  it.each([
    [['--quantize', 'int4'], 2, "--quantize must be uint8 or float16, not 'int4'"],
    [['--quantize', 'uint8', '--target', 'ts'], 2, '--quantize applies to --target tfjs'],
    [['--data', 'waves'], 2, '--data compares the float model with the quantized one; give --quantize'],
    [['--quantize', 'uint8', '--data', 'cifar'], 2, "--data: no built-in dataset 'cifar'"],
    [['--quantize', 'uint8', '--data', 'mnist'], 1, "not compiled: dataset 'mnist' does not fit the model"],
  ])('%j exits %i and writes nothing', async (extra, exit, message) => {
    const out = path.join(tmp(), 'out');
    const args = extra.includes('--target') ? extra : [...extra, '--target', 'tfjs'];
    const { code, err } = await cli('compile', example('seed-lstm.json'), ...args, '-o', out);
    expect(code).toBe(exit);
    expect(err).toContain(message);
    expect(fs.existsSync(out)).toBe(false);
  });
});

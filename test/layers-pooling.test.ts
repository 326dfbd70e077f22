/**
 * The pooling family against tfjs-layers as the oracle: output shapes over
 * random inputs and params, what tfjs computes when the layer runs, the Keras
 * config round trip, and symbolic dims. We are stricter than tfjs in one
 * place only: a pool larger than its "valid"-padded input, where tfjs returns
 * a zero size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import type { Shape } from '../schemas/shape';
import { findLayer } from '../compiler/layers/registry';
import type { AnyLayerDefinition } from '../compiler/layers/definition';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { paramCount } from '../compiler/cost';
import { isKnown, toTfjsShape } from '../compiler/shapes';
import { askTfjs, asTfjs } from './tfjs-oracle';
import { generatedDir, typeCheck } from './emitted';

type Params = Record<string, unknown>;
interface Case {
  params: Params;
  input: Shape;
}

/** Runs the layer on zeros (batch 1): the shape tfjs really produces, or the error it throws. */
function runTfjs(def: AnyLayerDefinition, parsed: unknown, input: Shape): { shape?: number[]; error?: string } {
  try {
    const layer = buildTfjsLayer(def, parsed, undefined);
    return tf.tidy(() => ({ shape: (layer.apply(tf.zeros([1, ...(input.slice(1) as number[])])) as tf.Tensor).shape }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The layer's entry in a one-layer model's Keras JSON (snake_case), and what our importer makes of it. */
function kerasRoundTrip(def: AnyLayerDefinition, parsed: unknown, input: Shape) {
  const x = tf.input({ batchShape: toTfjsShape(input) });
  const model = tf.model({ inputs: x, outputs: buildTfjsLayer(def, parsed, undefined).apply(x) as tf.SymbolicTensor });
  const json = JSON.parse(JSON.stringify(model.toJSON(null, false))) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  const keras = json.config.layers.find((l) => l.class_name === def.kind)!.config;
  return { keras, ...kerasConfigToParams(def, keras) };
}

const allKnown = (shape: Shape) => shape.slice(1).every(isKnown);

interface KindSpec {
  kind: string;
  /** Random cases; `canonical` spells every tuple out in full (strides included), as tfjs writes it back. */
  cases: (canonical: boolean) => fc.Arbitrary<Case>;
  /** Number of spatial axes of a window pooling; global poolings have no window. */
  rank?: number;
}

/** A pool larger than its known, "valid"-padded input along some axis: the one case where we refuse what tfjs accepts. */
function poolTooBig(parsed: Params, input: Shape, rank: number): boolean {
  if (parsed.padding !== 'valid') return false;
  const first = parsed.dataFormat === 'channelsFirst' ? 2 : 1;
  const pool = typeof parsed.poolSize === 'number' ? Array.from({ length: rank }, () => parsed.poolSize as number) : (parsed.poolSize as number[]);
  return pool.some((p, i) => isKnown(input[first + i]!) && p > (input[first + i] as number));
}

/**
 * A symbol in our output claims "this axis has the input's length". Check the
 * claim: give the symbol concrete values and tfjs must return exactly those.
 */
function expectSymbolsHold(def: AnyLayerDefinition, params: Params, input: Shape, output: Shape, context: string) {
  for (const symbol of new Set(output.filter((d): d is string => typeof d === 'string'))) {
    for (const value of [17, 23]) {
      const concrete = input.map((d) => (d === symbol ? value : d));
      const tfjsShape = askTfjs(def, params, [concrete]).shapes![0]!;
      output.forEach((d, axis) => {
        if (d === symbol) expect(tfjsShape[axis], `${context}: ${symbol} = ${value}`).toBe(value);
      });
    }
  }
}

function agreesWithTfjs(spec: KindSpec, { params, input }: Case) {
  const def = findLayer(spec.kind)!;
  const parsed = def.params.parse(params) as Params;
  const result = def.inferShape({ inputs: [input], params: parsed, label: spec.kind });
  const tfjs = askTfjs(def, params, [input]);
  const context = JSON.stringify({ params, input, result, tfjs });

  expect(tfjs.error, context).toBeUndefined(); // tfjs builds every pooling of the right rank
  if (spec.rank !== undefined && poolTooBig(parsed, input, spec.rank)) {
    expect(result, context).toMatchObject({ problems: [{ param: 'poolSize' }] });
    expect(tfjs.shapes![0]!.some((d) => d !== null && d <= 0), context).toBe(true); // tfjs: an empty output
    return;
  }
  expect(result, context).not.toHaveProperty('problems');
  if (!('shapes' in result)) return;
  expect(result.shapes.map(asTfjs), context).toEqual(tfjs.shapes);
  expect(paramCount(def, parsed, [input]), context).toBe(tfjs.params);
  expectSymbolsHold(def, params, input, result.shapes[0]!, context);
  if (allKnown(input)) expect(runTfjs(def, parsed, input), context).toEqual({ shape: [1, ...(result.shapes[0]!.slice(1) as number[])] });
}

function describeKind(spec: KindSpec, numRuns: number) {
  describe(`${spec.kind} agrees with tfjs`, () => {
    it('on output shapes and parameter counts over random inputs and params', () => {
      fc.assert(fc.property(spec.cases(false), (c) => agreesWithTfjs(spec, c)), { numRuns });
    });
    it('through a Keras config round trip', () => {
      fc.assert(
        fc.property(spec.cases(true), ({ params, input }) => {
          const def = findLayer(spec.kind)!;
          const parsed = def.params.parse(params);
          const { params: back, ignored } = kerasRoundTrip(def, parsed, input);
          expect(def.params.parse(back)).toEqual(parsed);
          expect(ignored).toEqual([]);
        }),
        { numRuns: Math.ceil(numRuns / 2) },
      );
    });
  });
}

// ── Arbitraries ─────────────────────────────────────────────────────────────

const SYMBOL = 'steps';
/** A dim: mostly a size, sometimes unknown or a named symbol. */
const dim = (max: number) =>
  fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(SYMBOL) });
const sizes = (rank: number, max: number, canonical: boolean) => {
  const array = fc.array(fc.integer({ min: 1, max }), { minLength: rank, maxLength: rank });
  return canonical ? array : fc.oneof(fc.integer({ min: 1, max }), array);
};
const dataFormat = fc.constantFrom('channelsLast', 'channelsFirst');
const layout = (format: unknown, spatial: Shape, c: Shape[number]): Shape => (format === 'channelsFirst' ? [null, c, ...spatial] : [null, ...spatial, c]);

/** Window pooling cases; 1-D poolings have no dataFormat in tfjs. */
function windowCases(rank: number) {
  const maxDim = rank === 3 ? 7 : 12;
  return (canonical: boolean) =>
    fc
      .record({
        spatial: fc.array(dim(maxDim), { minLength: rank, maxLength: rank }),
        c: dim(4),
        poolSize: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: sizes(rank, 4, canonical) }),
        strides: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: sizes(rank, 3, canonical) }),
        padding: fc.constantFrom('valid', 'same'),
        dataFormat: rank === 1 ? fc.constant(undefined) : dataFormat,
      })
      .map(({ spatial, c, poolSize, strides, padding, dataFormat: format }) => {
        // tfjs writes back every tuple in full, strides included (they default to the pool size).
        const pool = poolSize ?? (canonical ? Array.from({ length: rank }, () => 2) : undefined);
        const params: Params = { poolSize: pool, strides: strides ?? (canonical ? pool : undefined), padding, dataFormat: format };
        for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
        return { params, input: layout(format, spatial, c) };
      });
}

const globalCases = (rank: number) => () =>
  fc
    .record({ spatial: fc.array(dim(12), { minLength: rank, maxLength: rank }), c: dim(8), dataFormat: rank === 1 ? fc.constant(undefined) : dataFormat })
    .map(({ spatial, c, dataFormat: format }) => ({ params: format === undefined ? {} : { dataFormat: format }, input: layout(format, spatial, c) }));

// ── The kinds ───────────────────────────────────────────────────────────────

for (const [kind, rank] of [
  ['MaxPooling1D', 1],
  ['MaxPooling2D', 2],
  ['MaxPooling3D', 3],
  ['AveragePooling1D', 1],
  ['AveragePooling2D', 2],
  ['AveragePooling3D', 3],
] as const) {
  describeKind({ kind, cases: windowCases(rank), rank }, 50);
}

for (const [kind, rank] of [
  ['GlobalMaxPooling1D', 1],
  ['GlobalMaxPooling2D', 2],
  ['GlobalAveragePooling1D', 1],
  ['GlobalAveragePooling2D', 2],
] as const) {
  describeKind({ kind, cases: globalCases(rank) }, 30);
}

// ── Tables ──────────────────────────────────────────────────────────────────

function ours(kind: string, params: Params, input: Shape) {
  const def = findLayer(kind)!;
  return def.inferShape({ inputs: [input], params: def.params.parse(params), label: kind });
}

describe('symbolic dims', () => {
  it.each([
    { kind: 'MaxPooling1D', params: { poolSize: 1 }, input: [null, 'timesteps', 8], out: [null, 'timesteps', 8] },
    { kind: 'MaxPooling1D', params: { poolSize: 3, strides: 1, padding: 'same' }, input: [null, 'timesteps', 8], out: [null, 'timesteps', 8] },
    { kind: 'MaxPooling1D', params: {}, input: [null, 'timesteps', 8], out: [null, null, 8] },
    { kind: 'AveragePooling1D', params: { poolSize: 4, strides: 1 }, input: [null, 'timesteps', 'features'], out: [null, null, 'features'] },
    { kind: 'MaxPooling2D', params: {}, input: [null, 8, 8, 'c'], out: [null, 4, 4, 'c'] },
    { kind: 'AveragePooling2D', params: { poolSize: [1, 2], dataFormat: 'channelsFirst' }, input: [null, 3, 'h', 10], out: [null, 3, 'h', 5] },
    { kind: 'MaxPooling3D', params: { poolSize: [1, 2, 2] }, input: [null, 'frames', 8, 8, 3], out: [null, 'frames', 4, 4, 3] },
    { kind: 'AveragePooling3D', params: { padding: 'same', strides: 1 }, input: [null, 'd', 'h', 'w', 'c'], out: [null, 'd', 'h', 'w', 'c'] },
    { kind: 'GlobalAveragePooling1D', params: {}, input: [null, 'timesteps', 8], out: [null, 8] },
    { kind: 'GlobalMaxPooling1D', params: {}, input: ['batch', 'timesteps', 'features'], out: ['batch', 'features'] },
    { kind: 'GlobalMaxPooling2D', params: { dataFormat: 'channelsFirst' }, input: [null, 'c', 'h', 'w'], out: [null, 'c'] },
    { kind: 'GlobalAveragePooling2D', params: {}, input: [null, null, null, 16], out: [null, 16] },
  ] as { kind: string; params: Params; input: Shape; out: Shape }[])('$kind $params on $input', ({ kind, params, input, out }) => {
    expect(ours(kind, params, input)).toEqual({ shapes: [out] });
    expect(askTfjs(findLayer(kind)!, params, [input]).shapes).toEqual([asTfjs(out)]);
  });
});

describe('a pool larger than its "valid" input', () => {
  it.each([
    { kind: 'MaxPooling1D', params: { poolSize: 5 }, input: [null, 3, 2], tfjs: [null, 0, 2] },
    { kind: 'AveragePooling2D', params: { poolSize: [2, 4] }, input: [null, 6, 3, 1], tfjs: [null, 3, 0, 1] },
    { kind: 'MaxPooling3D', params: { poolSize: 3, strides: 1, dataFormat: 'channelsFirst' }, input: [null, 1, 4, 2, 4], tfjs: [null, 1, 2, 0, 2] },
  ] as { kind: string; params: Params; input: Shape; tfjs: number[] }[])('$kind $params on $input: tfjs gives $tfjs, we a problem', ({ kind, params, input, tfjs }) => {
    expect(askTfjs(findLayer(kind)!, params, [input]).shapes).toEqual([tfjs]);
    const result = ours(kind, params, input);
    expect(result).toMatchObject({ problems: [{ param: 'poolSize' }] });
    expect('problems' in result && result.problems[0]!.message).toMatch(/smaller pool or padding "same"/);
  });

  it('is fine with padding "same"', () => {
    expect(ours('MaxPooling2D', { poolSize: 5, padding: 'same' }, [null, 3, 7, 2])).toEqual({ shapes: [[null, 1, 2, 2]] });
  });
});

describe('params zod rejects', () => {
  it('padding "causal", which Keras pooling lacks and tfjs treats as "valid"', () => {
    expect(findLayer('MaxPooling2D')!.params.safeParse({ padding: 'causal' }).success).toBe(false);
    expect(findLayer('AveragePooling1D')!.params.safeParse({ padding: 'causal' }).success).toBe(false);
    const layer = tf.layers.maxPooling2d({ poolSize: 2, padding: 'causal' });
    expect((layer.apply(tf.input({ batchShape: [null, 7, 7, 1] })) as tf.SymbolicTensor).shape).toEqual([null, 3, 3, 1]);
  });

  it.each([
    { kind: 'MaxPooling1D', params: { poolSize: [2, 2] } },
    { kind: 'AveragePooling3D', params: { strides: [1, 2] } },
    { kind: 'MaxPooling1D', params: { dataFormat: 'channelsLast' } },
    { kind: 'GlobalAveragePooling1D', params: { dataFormat: 'channelsLast' } },
    { kind: 'MaxPooling2D', params: { poolSize: 0 } },
  ] as { kind: string; params: Params }[])('$kind $params', ({ kind, params }) => {
    expect(findLayer(kind)!.params.safeParse(params).success).toBe(false);
  });
});

describe('Keras configs written by Python Keras', () => {
  it('MaxPooling1D: data_format is not a tfjs param and is reported as ignored', () => {
    const def = findLayer('MaxPooling1D')!;
    const { params, ignored } = kerasConfigToParams(def, { name: 'pool', trainable: true, dtype: 'float32', pool_size: [3], padding: 'same', strides: [3], data_format: 'channels_last' });
    expect(def.params.parse(params)).toEqual({ poolSize: [3], strides: [3], padding: 'same' });
    expect(ignored).toEqual(['data_format']);
  });

  it('GlobalAveragePooling2D: keepdims is reported as ignored', () => {
    const def = findLayer('GlobalAveragePooling2D')!;
    const { params, ignored } = kerasConfigToParams(def, { name: 'gap', data_format: 'channels_first', keepdims: false });
    expect(def.params.parse(params)).toEqual({ dataFormat: 'channelsFirst' });
    expect(ignored).toEqual(['keepdims']);
  });
});

describe('FLOPs per sample', () => {
  it.each([
    { kind: 'MaxPooling2D', params: {}, input: [null, 8, 8, 3], flops: 4 * 4 * 3 * 4 },
    { kind: 'AveragePooling1D', params: { poolSize: 3, strides: 1 }, input: [null, 10, 2], flops: 8 * 2 * 3 },
    { kind: 'GlobalAveragePooling2D', params: {}, input: [null, 7, 7, 64], flops: 7 * 7 * 64 },
    { kind: 'GlobalMaxPooling1D', params: {}, input: [null, 'timesteps', 64], flops: NaN },
  ] as { kind: string; params: Params; input: Shape; flops: number }[])('$kind $params on $input: $flops', ({ kind, params, input, flops }) => {
    const def = findLayer(kind)!;
    const parsed = def.params.parse(params);
    const result = def.inferShape({ inputs: [input], params: parsed, label: kind });
    if (!('shapes' in result)) throw new Error('expected shapes');
    expect(def.flops!({ inputs: [input], outputs: result.shapes, params: parsed })).toEqual(flops);
  });
});

// ── Emitted code: tfjs's defaults, and tsc --strict against tfjs's types ─────

/**
 * Our defaults are tfjs's: a tfjs layer built from our parsed defaults has the
 * config of one built from the required params alone, so emitted code may
 * leave defaults out.
 */
function expectTfjsDefaults(kind: string, required: Params): void {
  const def = findLayer(kind)!;
  const factory = (tf.layers as unknown as Record<string, (config: unknown) => tf.layers.Layer>)[(def.tfjs as { factory: string }).factory]!;
  const { name: _theirName, ...theirs } = factory(structuredClone(required)).getConfig();
  const { name: _ourName, ...mine } = buildTfjsLayer(def, def.params.parse(required), undefined).getConfig();
  expect(mine, kind).toEqual(theirs);
}

/** `tf.layers.<factory>(<our config>)` for each case must pass tsc --strict against tfjs's types. */
function typeCheckConfigs(name: string, cases: [kind: string, params: Params][]): void {
  const dir = generatedDir(name);
  const lines = cases.map(([kind, params]) => {
    const def = findLayer(kind)!;
    const config = Object.fromEntries(Object.entries(def.tfjs.config(def.params.parse(params))).filter(([, v]) => v !== undefined));
    return `  tf.layers.${(def.tfjs as { factory: string }).factory}(${JSON.stringify(config)}),`;
  });
  fs.writeFileSync(path.join(dir, 'layers.ts'), `import * as tf from '@tensorflow/tfjs';\n\nexport const layers: tf.layers.Layer[] = [\n${lines.join('\n')}\n];\n`);
  typeCheck(dir);
}

describe('emitted configs', () => {
  it("use tfjs's defaults, so that emitted code may leave them out", () => {
    for (const kind of ['MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D']) expectTfjsDefaults(kind, {});
    for (const kind of ['GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D']) expectTfjsDefaults(kind, {});
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-pooling', [
      ['MaxPooling1D', { poolSize: [3], strides: 2 }],
      ['MaxPooling2D', { poolSize: [3, 3], strides: [1, 2] }],
      ['MaxPooling3D', { poolSize: [1, 2, 2], dataFormat: 'channelsFirst' }],
      ['AveragePooling1D', {}],
      ['AveragePooling2D', { padding: 'same' }],
      ['AveragePooling3D', { strides: [1, 2, 2] }],
      ['GlobalMaxPooling1D', {}],
      ['GlobalAveragePooling1D', {}],
      ['GlobalMaxPooling2D', { dataFormat: 'channelsFirst' }],
      ['GlobalAveragePooling2D', {}],
    ]);
  });
});

/**
 * The pooling family against tfjs-layers as the oracle: output shapes over
 * random inputs and params, what tfjs computes when the layer runs, the Keras
 * config round trip, and symbolic dims. We are stricter than tfjs in one
 * place only: a pool larger than its "valid"-padded input, where tfjs returns
 * a zero size.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import type { Shape } from '../schemas/shape';
import { findLayer } from '../compiler/layers/registry';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { paramCount } from '../compiler/cost';
import { isKnown } from '../compiler/shapes';
import { allKnown, askTfjs, asTfjs, dataFormat, expectSymbolsHold, expectTfjsDefaults, inferred, kerasRoundTrip, layout, runTfjs, sizes, spatialDim, typeCheckConfigs, type Case, type Params } from './tfjs-oracle';

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
          const { imported, ignored } = kerasRoundTrip(def.kind, parsed, [input]);
          expect(imported).toEqual(parsed);
          expect(ignored).toEqual([]);
        }),
        { numRuns: Math.ceil(numRuns / 2) },
      );
    });
  });
}

// ── Arbitraries ─────────────────────────────────────────────────────────────

/** Window pooling cases; 1-D poolings have no dataFormat in tfjs. */
function windowCases(rank: number) {
  const maxDim = rank === 3 ? 7 : 12;
  return (canonical: boolean) =>
    fc
      .record({
        spatial: fc.array(spatialDim(maxDim), { minLength: rank, maxLength: rank }),
        c: spatialDim(4),
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
    .record({ spatial: fc.array(spatialDim(12), { minLength: rank, maxLength: rank }), c: spatialDim(8), dataFormat: rank === 1 ? fc.constant(undefined) : dataFormat })
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
    expect(inferred(kind, params, [input]).result).toEqual({ shapes: [out] });
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
    const result = inferred(kind, params, [input]).result;
    expect(result).toMatchObject({ problems: [{ param: 'poolSize' }] });
    expect('problems' in result && result.problems[0]!.message).toMatch(/smaller pool or padding "same"/);
  });

  it('is fine with padding "same"', () => {
    expect(inferred('MaxPooling2D', { poolSize: 5, padding: 'same' }, [[null, 3, 7, 2]]).result).toEqual({ shapes: [[null, 1, 2, 2]] });
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

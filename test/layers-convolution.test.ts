/**
 * The convolution family against tfjs-layers as the oracle: output shapes over
 * random inputs and params, weight layouts and parameter counts, what tfjs
 * actually computes when the layer runs, the Keras config round trip, and
 * symbolic dims. Where we are stricter than tfjs, the case is named below and
 * the test pins what tfjs does instead.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import type { Shape } from '../schemas/shape';
import { findLayer } from '../compiler/layers/registry';
import type { AnyLayerDefinition, ShapeResult } from '../compiler/layers/definition';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { paramCount, weightSpecs } from '../compiler/cost';
import { isKnown, toTfjsShape } from '../compiler/shapes';
import { allKnown, askTfjs, asTfjs, dataFormat, expectSymbolsHold, expectTfjsDefaults, inferred, kerasRoundTrip, layout, runTfjs, sizes, spatialDim, typeCheckConfigs, type Case, type Params } from './tfjs-oracle';

// ── tfjs beyond shapes: weights, running the layer, its Keras JSON ──────────

/** The weights tfjs creates, as `[keras name, shape]` in getWeights() order. */
function tfjsWeights(def: AnyLayerDefinition, parsed: unknown, input: Shape): [string, number[]][] {
  const layer = buildTfjsLayer(def, parsed, undefined);
  layer.apply(tf.input({ batchShape: toTfjsShape(input) }));
  return layer.weights.map((w) => [w.originalName.split('/').pop()!, w.shape as number[]]);
}

/**
 * tfjs writes the Glorot, He and LeCun initializers as a `VarianceScaling`
 * config. An importer that maps it back gives the name; one that reads plain
 * `varianceScaling` loses it, and then the config must at least be the named
 * initializer's.
 */
const VARIANCE_SCALING: Record<string, { scale: number; mode: string; distribution: string }> = {
  glorotUniform: { scale: 1, mode: 'fan_avg', distribution: 'uniform' },
  glorotNormal: { scale: 1, mode: 'fan_avg', distribution: 'normal' },
  heUniform: { scale: 2, mode: 'fan_in', distribution: 'uniform' },
  heNormal: { scale: 2, mode: 'fan_in', distribution: 'normal' },
  leCunUniform: { scale: 1, mode: 'fan_in', distribution: 'uniform' },
  leCunNormal: { scale: 1, mode: 'fan_in', distribution: 'normal' },
};
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function expectRoundTrip(def: AnyLayerDefinition, parsed: Params, input: Shape, expected: Params = parsed) {
  const { config: keras, imported, ignored } = kerasRoundTrip(def.kind, parsed, [input]);
  const back = imported as Params;
  for (const key of Object.keys(expected).filter((k) => k.endsWith('Initializer'))) {
    const named = VARIANCE_SCALING[expected[key] as string];
    if (back[key] === 'varianceScaling' && named) {
      expect(keras[snake(key)]).toEqual({ class_name: 'VarianceScaling', config: { ...named, seed: null } });
      back[key] = expected[key];
    }
  }
  expect(back).toEqual(expected);
  // Everything tfjs writes is either a param of ours or a regularizer/constraint we do not model.
  expect(ignored.filter((k) => !/_(regularizer|constraint)$/.test(k))).toEqual([]);
  return keras;
}

// ── The property: we agree with tfjs, or refuse for a documented reason ────

/** Why we refuse what tfjs accepts: the documented stricter cases. */
type Stricter =
  /** tfjs returns a zero or negative size (window larger than a "valid" input, crop of the whole axis). */
  | { param: string; because: 'empty-output' }
  /** tfjs builds the layer but fails, or returns another shape, when it runs. */
  | { param: string; because: 'fails-when-run' }
  /** tfjs accepts the param but ignores it. */
  | { param: string; because: 'ignored-by-tfjs'; neutral: Params };

interface KindSpec {
  kind: string;
  /** Random cases; `canonical` spells every tuple out in full, as tfjs writes it back. */
  cases: (canonical: boolean) => fc.Arbitrary<Case>;
  stricter: (parsed: Params, input: Shape) => Stricter | undefined;
  /** What tfjs reports for our output shape, where tfjs is wrong (documented quirks); by default our shape with symbols erased. */
  tfjsSees?: (parsed: Params, input: Shape, ours: Shape) => (number | null)[];
  /** What the Keras round trip gives back where tfjs loses information (documented quirks). */
  roundTrip?: (parsed: Params, keras: Params) => Params;
}

const problemsOf = (result: ShapeResult) => ('problems' in result ? result.problems : []);

function agreesWithTfjs(spec: KindSpec, { params, input }: Case) {
  const def = findLayer(spec.kind)!;
  const parsed = def.params.parse(params) as Params;
  const result = def.inferShape({ inputs: [input], params: parsed, label: spec.kind });
  const tfjs = askTfjs(def, params, [input]);
  const context = JSON.stringify({ params, input, result, tfjs });

  if (tfjs.error !== undefined) {
    expect(problemsOf(result).length, context).toBeGreaterThan(0);
    return;
  }
  const stricter = spec.stricter(parsed, input);
  if (stricter) {
    expect(problemsOf(result).map((p) => p.param), context).toContain(stricter.param);
    if (stricter.because === 'empty-output') {
      expect(tfjs.shapes![0]!.some((d) => d !== null && d <= 0), context).toBe(true);
    } else if (stricter.because === 'ignored-by-tfjs') {
      expect(tfjs.shapes, context).toEqual(askTfjs(def, { ...params, ...stricter.neutral }, [input]).shapes);
    } // 'fails-when-run' is pinned by the table "tfjs builds but cannot run" below.
    return;
  }
  expect(problemsOf(result), context).toEqual([]);
  if (!('shapes' in result)) return;
  expect(result.shapes.map((shape) => (spec.tfjsSees ? spec.tfjsSees(parsed, input, shape) : asTfjs(shape))), context).toEqual(tfjs.shapes);
  expect(paramCount(def, parsed, [input]), context).toBe(tfjs.params);
  expectSymbolsHold(def, params, input, result.shapes[0]!, context);
  expect(weightSpecs(def, parsed, [input]).map((w) => [w.name, w.shape]), context).toEqual(tfjsWeights(def, parsed, input));
  if (allKnown(input)) expect(runTfjs(def, parsed, input), context).toEqual({ shape: [1, ...(result.shapes[0]!.slice(1) as number[])] });
}

function describeKind(spec: KindSpec, numRuns: number) {
  describe(`${spec.kind} agrees with tfjs`, () => {
    it('on output shapes, weights and parameter counts over random inputs and params', () => {
      fc.assert(fc.property(spec.cases(false), (c) => agreesWithTfjs(spec, c)), { numRuns });
    });
    it('through a Keras config round trip', () => {
      fc.assert(
        fc.property(spec.cases(true), ({ params, input }) => {
          const def = findLayer(spec.kind)!;
          const parsed = def.params.parse(params) as Params;
          fc.pre(askTfjs(def, params, [input]).error === undefined); // only what tfjs can build has a Keras config
          const keras = kerasRoundTrip(def.kind, parsed, [input]).config;
          expectRoundTrip(def, parsed, input, spec.roundTrip ? spec.roundTrip(parsed, keras) : parsed);
        }),
        { numRuns: Math.ceil(numRuns / 2) },
      );
    });
  });
}

// ── Arbitraries ─────────────────────────────────────────────────────────────

/** A channel count: mostly known, since convolutions need it. */
const channels = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant('c') });
/** Mostly 1 (strides, dilation), so that the interesting combinations stay frequent. */
const mostlyOne = (rank: number, max: number, canonical: boolean) =>
  fc.oneof({ weight: 2, arbitrary: canonical ? fc.constant(Array.from({ length: rank }, () => 1)) : fc.constant(1) }, { weight: 3, arbitrary: sizes(rank, max, canonical) });
const padding = fc.constantFrom('valid', 'same');
const activation = fc.constantFrom('linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'swish', 'mish', 'gelu');
const kernelInitializer = fc.constantFrom('glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'leCunNormal', 'leCunUniform', 'zeros', 'ones', 'orthogonal', 'randomNormal', 'randomUniform', 'truncatedNormal');
const biasInitializer = fc.constantFrom('zeros', 'ones', 'randomNormal', 'randomUniform', 'truncatedNormal', 'heNormal');

const spatialDims = (rank: number, max: number) => fc.array(spatialDim(max), { minLength: rank, maxLength: rank });

/** A window larger than its known, "valid"-padded input along some axis. */
function windowTooBig(parsed: Params, input: Shape, rank: number, windowParam: string, dilationParam?: string): boolean {
  if (parsed.padding !== 'valid') return false;
  const first = parsed.dataFormat === 'channelsFirst' ? 2 : 1;
  const tupleOf = (v: unknown) => (typeof v === 'number' ? Array.from({ length: rank }, () => v) : (v as number[]));
  const window = tupleOf(parsed[windowParam]);
  const dilation = dilationParam ? tupleOf(parsed[dilationParam]) : window.map(() => 1);
  return window.some((w, i) => {
    const d = input[first + i]!;
    return isKnown(d) && w + (w - 1) * (dilation[i]! - 1) > d;
  });
}
const anyAbove1 = (v: unknown) => (typeof v === 'number' ? v > 1 : (v as number[]).some((x) => x > 1));

/** The stricter cases every regular convolution shares. */
function convStricter(rank: number) {
  return (parsed: Params, input: Shape): Stricter | undefined => {
    if (anyAbove1(parsed.strides) && anyAbove1(parsed.dilationRate)) return { param: 'dilationRate', because: 'fails-when-run' };
    if (windowTooBig(parsed, input, rank, 'kernelSize', 'dilationRate')) return { param: 'kernelSize', because: 'empty-output' };
    return undefined;
  };
}

function convCases(rank: number, extra: (canonical: boolean) => Record<string, fc.Arbitrary<unknown>> = () => ({})) {
  return (canonical: boolean) =>
    fc
      .record({
        spatial: spatialDims(rank, rank === 3 ? 7 : 14),
        c: channels,
        params: fc.record({
          filters: fc.integer({ min: 1, max: 5 }),
          kernelSize: sizes(rank, rank === 3 ? 3 : 5, canonical),
          strides: mostlyOne(rank, 3, canonical),
          padding,
          dataFormat,
          dilationRate: fc.oneof({ weight: 3, arbitrary: mostlyOne(rank, 1, canonical) }, { weight: 1, arbitrary: mostlyOne(rank, 3, canonical) }),
          activation,
          useBias: fc.boolean(),
          kernelInitializer,
          biasInitializer,
          ...extra(canonical),
        }),
      })
      .map(({ spatial, c, params }) => ({ params, input: layout(params.dataFormat, spatial, c) }));
}

// ── The kinds ───────────────────────────────────────────────────────────────

describeKind(
  {
    kind: 'Conv1D',
    cases: (canonical) =>
      convCases(1, () => ({ padding: fc.constantFrom('valid', 'same', 'causal') }))(canonical).map((c) =>
        // Conv1D refuses channelsFirst; keep a few such cases, turn most into channelsLast ones.
        c.params.dataFormat === 'channelsFirst' && (c.params.filters as number) > 1
          ? { params: { ...c.params, dataFormat: 'channelsLast' }, input: [c.input[0]!, ...c.input.slice(2), c.input[1]!] }
          : c,
      ),
    stricter: (parsed, input) => {
      if (parsed.padding === 'causal') return { param: 'padding', because: 'fails-when-run' };
      if (parsed.dataFormat === 'channelsFirst') return { param: 'dataFormat', because: 'fails-when-run' };
      return convStricter(1)(parsed, input);
    },
    // tfjs's Conv1D does not write data_format: channelsFirst comes back as channelsLast.
    roundTrip: (parsed, keras) => {
      expect(keras).not.toHaveProperty('data_format');
      return { ...parsed, dataFormat: 'channelsLast' };
    },
  },
  60,
);

describeKind({ kind: 'Conv2D', cases: convCases(2), stricter: convStricter(2) }, 60);

describeKind({ kind: 'Conv3D', cases: convCases(3), stricter: convStricter(3) }, 60);

describeKind(
  {
    kind: 'Conv2DTranspose',
    cases: (canonical) =>
      convCases(2)(canonical).map(({ params, input }) => {
        // tfjs does not write dilationRate back for a transposed convolution.
        const { dilationRate, ...rest } = params;
        return { params: canonical ? rest : { ...rest, dilationRate }, input };
      }),
    stricter: (parsed) => (anyAbove1(parsed.dilationRate) ? { param: 'dilationRate', because: 'ignored-by-tfjs', neutral: { dilationRate: 1 } } : undefined),
  },
  60,
);

describeKind(
  {
    kind: 'SeparableConv2D',
    cases: (canonical) =>
      convCases(2, () => ({ depthMultiplier: fc.integer({ min: 1, max: 3 }), depthwiseInitializer: kernelInitializer, pointwiseInitializer: kernelInitializer }))(canonical).map(
        ({ params: { kernelInitializer: _, ...params }, input }) => ({ params, input }),
      ),
    stricter: (parsed, input) => {
      if (parsed.dataFormat === 'channelsFirst' && parsed.useBias && (parsed.filters as number) > 1) return { param: 'dataFormat', because: 'fails-when-run' };
      return convStricter(2)(parsed, input);
    },
    // tfjs writes no depth_multiplier (it is lost on reload) and starts the pointwise kernel with depthwiseInitializer.
    roundTrip: (parsed, keras) => {
      expect(keras).not.toHaveProperty('depth_multiplier');
      return { ...parsed, depthMultiplier: 1, pointwiseInitializer: parsed.depthwiseInitializer };
    },
  },
  60,
);

describeKind(
  {
    kind: 'DepthwiseConv2D',
    cases: (canonical) =>
      convCases(2, () => ({ depthMultiplier: fc.integer({ min: 1, max: 3 }), depthwiseInitializer: kernelInitializer }))(canonical).map(
        // We never hand tfjs a dilationRate (it ignores it), so it writes back [1, 1].
        ({ params: { kernelInitializer: _k, filters: _f, ...params }, input }) => ({ params: canonical ? { ...params, dilationRate: [1, 1] } : params, input }),
      ),
    stricter: (parsed, input) => {
      if (anyAbove1(parsed.dilationRate)) return { param: 'dilationRate', because: 'ignored-by-tfjs', neutral: { dilationRate: 1 } };
      return convStricter(2)(parsed, input);
    },
  },
  60,
);

describeKind(
  {
    kind: 'ZeroPadding2D',
    cases: (canonical) => {
      const amount = fc.integer({ min: 0, max: 3 });
      const pair = fc.tuple(amount, amount);
      return fc
        .record({
          spatial: spatialDims(2, 10),
          c: channels,
          params: fc.record({ padding: canonical ? fc.tuple(pair, pair) : fc.oneof(amount, pair, fc.tuple(pair, pair)), dataFormat }),
        })
        .map(({ spatial, c, params }) => ({ params, input: layout(params.dataFormat, spatial, c) }));
    },
    stricter: () => undefined,
  },
  40,
);

/** tfjs computes `null − top − bottom` for an unknown dim: a negative (or zero) size where we say unknown. */
function croppedLikeTfjs(parsed: Params, input: Shape): (number | null)[] {
  const c = parsed.cropping as number | number[] | number[][];
  const pairs = (typeof c === 'number' ? [[c, c], [c, c]] : typeof c[0] === 'number' ? [[c[0], c[0]], [c[1], c[1]]] : c) as number[][];
  const first = parsed.dataFormat === 'channelsFirst' ? 2 : 1;
  const out = asTfjs(input);
  for (const i of [0, 1]) out[first + i] = (out[first + i] as number) - pairs[i]![0]! - pairs[i]![1]!; // null − n = −n, as in tfjs
  return out;
}

describeKind(
  {
    kind: 'Cropping2D',
    cases: (canonical) => {
      const amount = fc.integer({ min: 0, max: 4 });
      const pair = fc.tuple(amount, amount);
      return fc
        .record({
          spatial: spatialDims(2, 12),
          c: channels,
          params: fc.record({ cropping: canonical ? fc.tuple(pair, pair) : fc.oneof(amount, pair, fc.tuple(pair, pair)), dataFormat }),
        })
        .map(({ spatial, c, params }) => ({ params, input: layout(params.dataFormat, spatial, c) }));
    },
    stricter: (parsed, input) => {
      const tfjsShape = croppedLikeTfjs(parsed, input);
      const first = parsed.dataFormat === 'channelsFirst' ? 2 : 1;
      return [first, first + 1].some((a) => isKnown(input[a]!) && tfjsShape[a]! <= 0) ? { param: 'cropping', because: 'empty-output' } : undefined;
    },
    // Where the input dim is unknown and so is ours, tfjs has `null − crop`.
    tfjsSees: (parsed, input, ours) => {
      const tfjsShape = croppedLikeTfjs(parsed, input);
      return asTfjs(ours).map((d, a) => (a > 0 && !isKnown(input[a]!) && !isKnown(ours[a]!) ? tfjsShape[a]! : d));
    },
  },
  40,
);

describeKind(
  {
    kind: 'UpSampling2D',
    cases: () =>
      fc
        .record({
          spatial: spatialDims(2, 8),
          c: channels,
          params: fc.record({ size: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), dataFormat, interpolation: fc.constantFrom('nearest', 'bilinear') }),
        })
        .map(({ spatial, c, params }) => ({ params, input: layout(params.dataFormat, spatial, c) })),
    stricter: () => undefined,
  },
  40,
);

// ── Tables ──────────────────────────────────────────────────────────────────

describe('Cropping2D where tfjs is wrong', () => {
  it.each([
    { cropping: 1, input: [null, null, 5, 3], tfjs: [null, -2, 3, 3], ours: [null, null, 3, 3] },
    { cropping: [0, 1], input: [null, 'h', 5, 3], tfjs: [null, 0, 3, 3], ours: [null, 'h', 3, 3] },
    { cropping: [[0, 0], [1, 0]], input: [null, 'h', 'w', 3], tfjs: [null, 0, -1, 3], ours: [null, 'h', null, 3] },
  ] as { cropping: unknown; input: Shape; tfjs: number[]; ours: Shape }[])('crops $cropping from $input', ({ cropping, input, tfjs, ours: expected }) => {
    expect(askTfjs(findLayer('Cropping2D')!, { cropping }, [input]).shapes).toEqual([tfjs]);
    expect(inferred('Cropping2D', { cropping }, [input]).result).toEqual({ shapes: [expected] });
  });
});

describe('tfjs builds but cannot run', () => {
  it.each([
    { kind: 'Conv1D', params: { filters: 2, kernelSize: 3, padding: 'causal' }, input: [null, 10, 3], param: 'padding', run: /CAUSAL/ },
    { kind: 'Conv1D', params: { filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' }, input: [null, 3, 10], param: 'dataFormat', runShape: [1, 8, 2] },
    { kind: 'Conv1D', params: { filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 }, input: [null, 10, 3], param: 'dilationRate', run: /stride or dilation must be 1/ },
    { kind: 'Conv2D', params: { filters: 2, kernelSize: 2, strides: 2, dilationRate: [1, 2] }, input: [null, 9, 9, 3], param: 'dilationRate', run: /strides or dilations must be 1/ },
    { kind: 'Conv3D', params: { filters: 2, kernelSize: 2, strides: 2, dilationRate: 2 }, input: [null, 7, 7, 7, 1], param: 'dilationRate', run: /strides or dilations must be 1/ },
    { kind: 'SeparableConv2D', params: { filters: 2, kernelSize: 2, strides: [2, 1], dilationRate: 2 }, input: [null, 9, 9, 3], param: 'dilationRate', run: /strides or dilations must be 1/ },
    { kind: 'SeparableConv2D', params: { filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' }, input: [null, 3, 6, 5], param: 'dataFormat', run: /could not be broadcast/ },
  ] as { kind: string; params: Params; input: Shape; param: string; run?: RegExp; runShape?: number[] }[])('$kind $params', ({ kind, params, input, param, run, runShape }) => {
    const def = findLayer(kind)!;
    expect(inferred(kind, params, [input]).result).toMatchObject({ problems: [{ param }] });
    expect(askTfjs(def, params, [input]).error).toBeUndefined();
    const ran = runTfjs(def, def.params.parse(params), input);
    if (run) expect(ran.error).toMatch(run);
    else expect(ran.shape).toEqual(runShape);
  });

  it('SeparableConv2D with channelsFirst and a bias runs where there is a single filter, and is accepted there', () => {
    const params = { filters: 1, kernelSize: 2, dataFormat: 'channelsFirst' };
    expect(inferred('SeparableConv2D', params, [[null, 3, 6, 5]]).result).toEqual({ shapes: [[null, 1, 5, 4]] });
    expect(runTfjs(findLayer('SeparableConv2D')!, findLayer('SeparableConv2D')!.params.parse(params), [null, 3, 6, 5])).toEqual({ shape: [1, 1, 5, 4] });
  });

  it('SeparableConv2D warns that tfjs ignores pointwiseInitializer', () => {
    const base = { filters: 4, kernelSize: 3, depthwiseInitializer: 'heNormal' };
    expect(inferred('SeparableConv2D', { ...base, pointwiseInitializer: 'zeros' }, [[null, 8, 8, 3]]).result).toMatchObject({ warnings: [{ param: 'pointwiseInitializer' }] });
    expect(inferred('SeparableConv2D', { ...base, pointwiseInitializer: 'heNormal' }, [[null, 8, 8, 3]]).result).not.toHaveProperty('warnings');
    const layer = buildTfjsLayer(findLayer('SeparableConv2D')!, findLayer('SeparableConv2D')!.params.parse({ ...base, pointwiseInitializer: 'zeros' }), undefined);
    expect((layer.getConfig().pointwiseInitializer as { config: { scale: number } }).config.scale).toBe(2); // heNormal's, not zeros
  });
});

describe('symbolic dims pass through where the length is unchanged', () => {
  it.each([
    { kind: 'Conv1D', params: { filters: 4, kernelSize: 3, padding: 'same' }, input: [null, 'timesteps', 8], out: [null, 'timesteps', 4] },
    { kind: 'Conv1D', params: { filters: 4, kernelSize: 1 }, input: [null, 'timesteps', 8], out: [null, 'timesteps', 4] },
    { kind: 'Conv1D', params: { filters: 4, kernelSize: 3 }, input: [null, 'timesteps', 8], out: [null, null, 4] },
    { kind: 'Conv1D', params: { filters: 4, kernelSize: 3, strides: 2, padding: 'same' }, input: [null, 'timesteps', 8], out: [null, null, 4] },
    { kind: 'Conv2D', params: { filters: 2, kernelSize: 3, padding: 'same', dilationRate: 2 }, input: [null, 'h', 'w', 3], out: [null, 'h', 'w', 2] },
    { kind: 'Conv3D', params: { filters: 2, kernelSize: [1, 3, 3] }, input: [null, 'frames', 9, 9, 3], out: [null, 'frames', 7, 7, 2] },
    { kind: 'Conv2DTranspose', params: { filters: 2, kernelSize: 3, padding: 'same' }, input: [null, 'h', 5, 3], out: [null, 'h', 5, 2] },
    { kind: 'Conv2DTranspose', params: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }, input: [null, 'h', 5, 3], out: [null, null, 10, 2] },
    { kind: 'Conv2DTranspose', params: { filters: 2, kernelSize: [1, 2] }, input: [null, 'h', 'w', 3], out: [null, 'h', null, 2] },
    { kind: 'SeparableConv2D', params: { filters: 2, kernelSize: 3, padding: 'same', dataFormat: 'channelsFirst', useBias: false }, input: [null, 3, 'h', 'w'], out: [null, 2, 'h', 'w'] },
    { kind: 'DepthwiseConv2D', params: { kernelSize: 3, padding: 'same', depthMultiplier: 2 }, input: [null, 'h', 'w', 3], out: [null, 'h', 'w', 6] },
    { kind: 'ZeroPadding2D', params: { padding: [0, 2] }, input: [null, 'h', 'w', 3], out: [null, 'h', null, 3] },
    { kind: 'UpSampling2D', params: { size: [1, 2] }, input: [null, 'h', 'w', 'c'], out: [null, 'h', null, 'c'] },
  ] as { kind: string; params: Params; input: Shape; out: Shape }[])('$kind $params on $input', ({ kind, params, input, out }) => {
    const result = inferred(kind, params, [input]).result;
    expect(result).toEqual({ shapes: [out] });
    expect(askTfjs(findLayer(kind)!, params, [input]).shapes).toEqual([asTfjs(out)]);
  });

  it.each([
    { kind: 'Conv1D', input: [null, 10, 'c'] },
    { kind: 'Conv2D', input: [null, 'c', 8, 8], dataFormat: 'channelsFirst' },
    { kind: 'Conv2DTranspose', input: [null, 8, 8, null] },
    { kind: 'SeparableConv2D', input: [null, 8, 8, 'c'] },
  ] as { kind: string; input: Shape; dataFormat?: string }[])('$kind needs the channels of $input (tfjs throws)', ({ kind, input, dataFormat }) => {
    const params = { filters: 2, kernelSize: 3, ...(dataFormat ? { dataFormat } : {}) };
    const result = inferred(kind, params, [input]).result;
    expect(result).toMatchObject({ problems: [{ port: 'in' }] });
    expect(askTfjs(findLayer(kind)!, params, [input]).error).toMatch(/channel dimension/);
  });
});

describe('params zod rejects, where tfjs throws or misbehaves', () => {
  it.each([
    { kind: 'Conv2DTranspose', params: { filters: 2, kernelSize: 3, padding: 'causal' }, tfjs: /supports only padding modes/ },
    { kind: 'SeparableConv2D', params: { filters: 2, kernelSize: 3, padding: 'causal' }, tfjs: /supports only padding modes/ },
    { kind: 'Conv2D', params: { filters: 2, kernelSize: 3, kernelInitializer: 'identity' }, tfjs: /2D square matrices/ },
    { kind: 'Conv1D', params: { filters: 2, kernelSize: 3, biasInitializer: 'orthogonal' }, tfjs: /at least 2D/ },
    { kind: 'Conv3D', params: { filters: 2, kernelSize: [3, 3] }, tfjs: /kernelSize/ },
  ] as { kind: string; params: Params; tfjs: RegExp }[])('$kind $params', ({ kind, params, tfjs: message }) => {
    const def = findLayer(kind)!;
    expect(def.params.safeParse(params).success).toBe(false);
    const input: Shape = kind === 'Conv1D' ? [null, 8, 3] : kind === 'Conv3D' ? [null, 6, 6, 6, 3] : [null, 8, 8, 3];
    const config = def.tfjs.config({ ...def.params.parse({ filters: 2, kernelSize: 3 }), ...params });
    let error = '';
    try {
      const layer = (tf.layers as unknown as Record<string, (c: unknown) => tf.layers.Layer>)[(def.tfjs as { factory: string }).factory]!(config);
      layer.apply(tf.input({ batchShape: toTfjsShape(input) }));
    } catch (e) {
      error = String(e);
    }
    expect(error).toMatch(message);
  });

  it('UpSampling2D size must be a pair: tfjs takes a number but computes NaN sizes', () => {
    expect(findLayer('UpSampling2D')!.params.safeParse({ size: 2 }).success).toBe(false);
    const layer = tf.layers.upSampling2d({ size: 2 as unknown as number[] });
    expect((layer.apply(tf.input({ batchShape: [null, 4, 4, 3] })) as tf.SymbolicTensor).shape).toEqual([null, NaN, NaN, 3]);
  });
});

describe('Keras configs written by Python Keras', () => {
  const conv1d = {
    name: 'conv1d',
    trainable: true,
    dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
    filters: 16,
    kernel_size: [5],
    strides: [1],
    padding: 'causal',
    data_format: 'channels_last',
    dilation_rate: [2],
    groups: 1,
    activation: 'relu',
    use_bias: true,
    kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
    bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
    kernel_regularizer: null,
    bias_regularizer: null,
    activity_regularizer: null,
    kernel_constraint: null,
    bias_constraint: null,
  };

  it('imports a causal Conv1D, which the checker then refuses for tfjs', () => {
    const def = findLayer('Conv1D')!;
    const { params, ignored } = kerasConfigToParams(def, conv1d);
    const parsed = def.params.parse(params);
    expect(parsed).toEqual({
      filters: 16,
      kernelSize: [5],
      strides: [1],
      padding: 'causal',
      dataFormat: 'channelsLast',
      dilationRate: [2],
      activation: 'relu',
      useBias: true,
      kernelInitializer: 'glorotUniform',
      biasInitializer: 'zeros',
    });
    expect(ignored).toContain('groups');
    expect(def.inferShape({ inputs: [[null, 100, 8]], params: parsed, label: 'Conv1D' })).toMatchObject({ problems: [{ param: 'padding' }] });
  });

  it('keeps SeparableConv2D depth_multiplier, which tfjs itself does not write', () => {
    const def = findLayer('SeparableConv2D')!;
    const { params } = kerasConfigToParams(def, {
      name: 'sep',
      filters: 8,
      kernel_size: [3, 3],
      strides: [1, 1],
      padding: 'same',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      depth_multiplier: 2,
      activation: 'linear',
      use_bias: true,
      depthwise_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      pointwise_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
    });
    const parsed = def.params.parse(params);
    expect(parsed).toMatchObject({ depthMultiplier: 2, filters: 8 });
    expect(paramCount(def, parsed, [[null, 16, 16, 3]])).toBe(3 * 3 * 3 * 2 + 6 * 8 + 8);
  });
});

describe('fixes for a missing channels axis', () => {
  it.each([
    { kind: 'Conv1D', input: [null, 'timesteps'], targetShape: [-1, 1] },
    { kind: 'Conv2D', input: [null, 28, 28], targetShape: [28, 28, 1] },
    { kind: 'Conv3D', input: [null, 4, 28, 28], targetShape: [4, 28, 28, 1] },
  ] as { kind: string; input: Shape; targetShape: number[] }[])('$kind on $input inserts Reshape to $targetShape', ({ kind, input, targetShape }) => {
    const def = findLayer(kind)!;
    const port = def.inputs.kind === 'fixed' ? def.inputs.ports[0]! : undefined;
    expect(port?.fixForRank?.(input)).toMatchObject({ type: 'Reshape', params: { targetShape } });
  });
});

// ── Emitted code: tfjs's defaults, and tsc --strict against tfjs's types ─────

describe('emitted configs', () => {
  it("use tfjs's defaults, so that emitted code may leave them out", () => {
    for (const kind of ['Conv1D', 'Conv2D', 'Conv3D', 'Conv2DTranspose', 'SeparableConv2D']) expectTfjsDefaults(kind, { filters: 3, kernelSize: 2 });
    expectTfjsDefaults('DepthwiseConv2D', { kernelSize: 2 });
    expectTfjsDefaults('ZeroPadding2D', {});
    expectTfjsDefaults('Cropping2D', { cropping: 1 });
    expectTfjsDefaults('UpSampling2D', {});
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-convolution', [
      ['Conv1D', { filters: 4, kernelSize: 3, padding: 'causal', dilationRate: [2] }],
      ['Conv1D', { filters: 4, kernelSize: [3], strides: [2], kernelInitializer: 'heNormal' }],
      ['Conv2D', { filters: 4, kernelSize: [3, 3], strides: 2, activation: 'relu' }],
      ['Conv3D', { filters: 4, kernelSize: [3, 3, 3], dilationRate: [1, 2, 2], dataFormat: 'channelsFirst' }],
      ['Conv2DTranspose', { filters: 4, kernelSize: 3, strides: [2, 2], padding: 'same' }],
      ['SeparableConv2D', { filters: 4, kernelSize: [3, 3], depthMultiplier: 2, pointwiseInitializer: 'heNormal' }],
      ['DepthwiseConv2D', { kernelSize: [3, 3], depthMultiplier: 2, strides: [1, 1] }],
      ['DepthwiseConv2D', { kernelSize: 3 }],
      ['ZeroPadding2D', {}],
      ['ZeroPadding2D', { padding: [1, 2] }],
      ['ZeroPadding2D', { padding: [[1, 2], [3, 4]], dataFormat: 'channelsFirst' }],
      ['Cropping2D', { cropping: 2 }],
      ['Cropping2D', { cropping: [1, 2] }],
      ['Cropping2D', { cropping: [[1, 2], [3, 4]] }],
      ['UpSampling2D', { size: [2, 3], interpolation: 'bilinear' }],
    ]);
  });
});

/**
 * Core and regularization layers against tfjs as the oracle: Input, Dense,
 * Rescaling; Dropout, SpatialDropout1D, GaussianNoise, GaussianDropout,
 * AlphaDropout.
 *
 * Each kind: random parameters and input shapes (named symbols included) give
 * the same output shapes and parameter counts as tfjs; where tfjs throws we
 * refuse too; where we refuse what tfjs builds, tfjs fails when it runs the
 * layer on real data (in training mode), or the case is one listed here as
 * deliberately stricter; the Keras config tfjs writes imports back to the same
 * parameters; defaults are tfjs's; the tfjs config type-checks under `tsc --strict`.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dim, Shape } from '../schemas/shape';
import { weightSpecs } from '../compiler/cost';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { askTfjs, defined, definition, dim, expectAgreement, expectContract, expectTfjsDefaults, kerasRoundTrip, maybe, ours, RUNS, shapeOfRank, typeCheckConfigs, type Params } from './tfjs-oracle';

// ---- core ------------------------------------------------------------------------------

const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'leCunNormal', 'leCunUniform', 'zeros', 'ones', 'orthogonal', 'randomNormal', 'randomUniform', 'truncatedNormal', 'varianceScaling', 'identity'] as const;
/**
 * tfjs saves glorot*, he* and leCun* as the VarianceScaling they are, and the importer names them
 * back; a plain varianceScaling (tfjs's defaults: scale 1, fan_in, normal) comes back as the
 * leCunNormal it equals.
 */
const sameInitializer = (params: Params): Params =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k.endsWith('Initializer') && v === 'varianceScaling' ? 'leCunNormal' : v]));
const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new'] as const;
const denseParams = (initializer: fc.Arbitrary<string | undefined>) =>
  fc.record({
    units: fc.integer({ min: 1, max: 6 }),
    activation: maybe(fc.constantFrom(...ACTIVATIONS)),
    useBias: maybe(fc.boolean()),
    kernelInitializer: initializer,
    biasInitializer: initializer,
  }).map(defined);

describe('Dense', () => {
  it('agrees with tfjs over random units, initializers and input shapes', () => {
    fc.assert(fc.property(denseParams(maybe(fc.constantFrom(...INITIALIZERS))), shapeOfRank(2, 4), (p, input) => void expectAgreement('Dense', p, [input])), { numRuns: 80 });
  });

  it('keeps symbols on the axes it does not touch', () => {
    expect(ours('Dense', { units: 16 }, [[null, 'timesteps', 8]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 16]], params: 8 * 16 + 16 });
  });

  it('needs a known last axis, as tfjs does', () => {
    for (const last of [null, 'features'] as Dim[]) {
      expect(ours('Dense', { units: 4 }, [[null, last]])).toMatchObject({ ok: false, why: 'problems' });
      expect(askTfjs(definition('Dense'), { units: 4 }, [[null, last]]).error).toBeDefined();
    }
  });

  it('refuses initializers that cannot fill its weights, where tfjs throws', () => {
    expect(ours('Dense', { units: 3, kernelInitializer: 'identity' }, [[null, 4]])).toMatchObject({ ok: false, why: 'problems' });
    expect(ours('Dense', { units: 4, kernelInitializer: 'identity' }, [[null, 4]])).toMatchObject({ ok: true });
    expect(ours('Dense', { units: 4, biasInitializer: 'orthogonal' }, [[null, 4]])).toMatchObject({ ok: false, why: 'problems' });
    expect(ours('Dense', { units: 4, biasInitializer: 'orthogonal', useBias: false }, [[null, 4]])).toMatchObject({ ok: true });
    expect(askTfjs(definition('Dense'), { units: 3, kernelInitializer: 'identity' }, [[null, 4]]).error).toMatch(/square/);
    expect(askTfjs(definition('Dense'), { units: 4, biasInitializer: 'orthogonal' }, [[null, 4]]).error).toMatch(/at least 2D/);
  });

  it('lays out kernel then bias, as tfjs getWeights()', () => {
    for (const useBias of [true, false]) {
      const params = definition('Dense').params.parse({ units: 5, useBias });
      const built = buildTfjsLayer(definition('Dense'), params, undefined);
      built.apply(tf.input({ batchShape: [null, 7] }));
      const theirs = built.weights.map((w) => ({ name: w.name.split('/').at(-1), shape: w.shape, trainable: w.trainable }));
      expect(weightSpecs(definition('Dense'), params, [[null, 7]])).toEqual(theirs);
    }
  });

  it('counts FLOPs per sample: a multiply-add per kernel entry and position, plus the bias', () => {
    const flops = (input: Shape, params: Params) => definition('Dense').flops!({ inputs: [input], outputs: [], params: definition('Dense').params.parse(params) });
    expect(flops([null, 784], { units: 10 })).toBe(2 * 784 * 10 + 10);
    expect(flops([null, 5, 8], { units: 4, useBias: false })).toBe(5 * 2 * 8 * 4);
    expect(flops([null, 'timesteps', 8], { units: 4 })).toBeNaN(); // unknown, not a guess
  });
});

describe('Rescaling', () => {
  it('keeps the shape, as in tfjs', () => {
    const params = fc.record({ scale: fc.integer({ min: -20, max: 20 }).map((n) => n / 4), offset: maybe(fc.integer({ min: -4, max: 4 })) }).map(defined);
    fc.assert(fc.property(params, shapeOfRank(1, 4), (p, input) => void expect(expectAgreement('Rescaling', p, [input])).toMatchObject({ ok: true, shapes: [input] })), RUNS);
  });
});

describe('Input', () => {
  it('adds the unknown batch axis and keeps symbols', () => {
    expect(ours('Input', { shape: ['timesteps', 8] }, [])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 8]] });
  });

  it('imports the InputLayer config tfjs writes, and Keras 3 batch_shape', () => {
    for (const [batchShape, dtype] of [[[null, 5, 3], 'float32'], [[null, null, 4], 'float32'], [[null, 7], 'int32']] as const) {
      const input = tf.input({ batchShape: [...batchShape], dtype });
      const model = tf.model({ inputs: input, outputs: tf.layers.activation({ activation: 'relu' }).apply(input) as tf.SymbolicTensor });
      const json = JSON.parse(JSON.stringify(model.toJSON(null, false))) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
      const entry = json.config.layers.find((l) => l.class_name === 'InputLayer')!;
      expect(definition('Input').params.parse(kerasConfigToParams(definition('Input'), entry.config).params)).toEqual({ shape: batchShape.slice(1), dtype });
    }
    expect(kerasConfigToParams(definition('Input'), { batch_shape: [null, 28, 28, 1], dtype: 'float32' }).params).toEqual({ shape: [28, 28, 1], dtype: 'float32' });
  });
});

// ---- regularization ----------------------------------------------------------------------

const rate = fc.integer({ min: 0, max: 95 }).map((n) => n / 100);
/** A mask shape for an input: per axis (aligned from the last) 1, the input's size, or some other size; sometimes an axis too many. */
const noiseFor = (input: Shape) =>
  fc.integer({ min: 1, max: input.length + 1 }).chain((length) =>
    fc.tuple(
      ...Array.from({ length }, (_, k) => {
        const d = input[input.length - length + k];
        return fc.oneof(fc.constant(1), fc.constant(typeof d === 'number' ? d : 3), fc.integer({ min: 1, max: 6 }));
      }),
    ),
  );
/** Documented, stricter than tfjs: a mask that does not fit is refused even at rate 0, where tfjs never draws it. */
const rateZero = (p: Params) => p.rate === 0;

describe('Dropout and AlphaDropout', () => {
  for (const kind of ['Dropout', 'AlphaDropout']) {
    it(`${kind} agrees with tfjs and refuses masks that do not fit the input, which tfjs trips on when training`, () => {
      const cases = shapeOfRank(1, 4).chain((input) =>
        fc.tuple(fc.record({ rate, noiseShape: maybe(noiseFor(input)), ...(kind === 'Dropout' ? { seed: maybe(fc.integer({ min: 0, max: 99 })) } : {}) }).map(defined), fc.constant(input)),
      );
      fc.assert(fc.property(cases, ([p, input]) => void expectAgreement(kind, p, [input], rateZero)), { numRuns: 80 });
    });
  }

  it('names the axis that does not fit', () => {
    const result = definition('Dropout').inferShape({ inputs: [[null, 10, 64]], params: definition('Dropout').params.parse({ rate: 0.5, noiseShape: [1, 1, 32] }), label: "Dropout 'd'" });
    expect(result).toEqual({ problems: [expect.objectContaining({ param: 'noiseShape', message: expect.stringMatching(/axis 2 is 64/) })] });
    expect(() => tf.layers.dropout({ rate: 0.5, noiseShape: [1, 1, 32] }).apply(tf.ones([2, 10, 64]), { training: true })).toThrow();
  });

  it('keep named symbols', () => {
    expect(ours('Dropout', { rate: 0.5, noiseShape: [1, 1, 8] }, [[null, 'timesteps', 8]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 8]] });
  });
});

describe('SpatialDropout1D, GaussianNoise, GaussianDropout', () => {
  const cases: [string, fc.Arbitrary<Params>][] = [
    ['SpatialDropout1D', fc.record({ rate, seed: maybe(fc.integer({ min: 0, max: 99 })) }).map(defined)],
    ['GaussianNoise', fc.record({ stddev: fc.integer({ min: 0, max: 30 }).map((n) => n / 10) })],
    ['GaussianDropout', fc.record({ rate })],
  ];
  for (const [kind, params] of cases) {
    it(`${kind} agrees with tfjs over random parameters and ranks, and keeps the shape`, () => {
      fc.assert(
        fc.property(params, shapeOfRank(1, 4), (p, input) => {
          const mine = expectAgreement(kind, p, [input]);
          if (mine.ok) expect(mine.shapes).toEqual([input]);
        }),
        RUNS,
      );
    });
  }

  it('SpatialDropout1D takes only sequences, as tfjs', () => {
    expect(ours('SpatialDropout1D', { rate: 0.2 }, [[null, 8]])).toMatchObject({ ok: false, why: 'rank' });
    expect(askTfjs(definition('SpatialDropout1D'), { rate: 0.2 }, [[null, 8]]).error).toMatch(/ndim=3/);
    expect(ours('SpatialDropout1D', { rate: 0.2 }, [[null, 'timesteps', 8]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 8]] });
  });
});

// ---- every kind here ---------------------------------------------------------------------

describe('Keras round trip: the config tfjs saves imports back to the same parameters', () => {
  const cases: [string, fc.Arbitrary<Params>, Shape][] = [
    ['Dense', denseParams(fc.constantFrom(...INITIALIZERS)).filter((p) => p.kernelInitializer !== 'identity' && p.biasInitializer !== 'identity' && p.biasInitializer !== 'orthogonal'), [null, 4]],
    ['Rescaling', fc.record({ scale: fc.integer({ min: 1, max: 255 }).map((n) => 1 / n), offset: maybe(fc.integer({ min: -1, max: 1 })) }).map(defined), [null, 4]],
    ['Dropout', fc.record({ rate, noiseShape: maybe(fc.constant([1, 1, 4])), seed: maybe(fc.integer({ min: 0, max: 99 })) }).map(defined), [null, 3, 4]],
    ['SpatialDropout1D', fc.record({ rate, seed: maybe(fc.integer({ min: 0, max: 99 })) }).map(defined), [null, 3, 4]],
    ['GaussianNoise', fc.record({ stddev: fc.integer({ min: 0, max: 30 }).map((n) => n / 10) }), [null, 4]],
    ['GaussianDropout', fc.record({ rate }), [null, 4]],
    ['AlphaDropout', fc.record({ rate }), [null, 4]],
  ];
  for (const [kind, params, input] of cases) {
    it(kind, () => {
      fc.assert(
        fc.property(params, (p) => {
          const { parsed, imported } = kerasRoundTrip(kind, p, [input]);
          expect(imported).toEqual(sameInitializer(parsed));
        }),
        { numRuns: 15 },
      );
    });
  }

  it("loses AlphaDropout's noiseShape, because tfjs's getConfig leaves it out", () => {
    const { parsed, imported, config } = kerasRoundTrip('AlphaDropout', { rate: 0.2, noiseShape: [1, 4] }, [[null, 4]]);
    expect(config).not.toHaveProperty('noise_shape');
    expect(imported).toEqual({ rate: parsed.rate });
  });

  it('Dense keeps its default glorotNormal, which tfjs saves as VarianceScaling fan_avg/normal', () => {
    const { parsed, imported, config } = kerasRoundTrip('Dense', { units: 3 }, [[null, 4]]);
    expect(config.kernel_initializer).toMatchObject({ class_name: 'VarianceScaling', config: { mode: 'fan_avg', distribution: 'normal' } });
    expect(imported).toEqual(parsed);
  });
});

describe('tfjs configs', () => {
  it("use tfjs's defaults, so that emitted code may leave them out", () => {
    expectTfjsDefaults('Dense', { units: 3 });
    expectTfjsDefaults('Rescaling', { scale: 2 });
    for (const kind of ['Dropout', 'SpatialDropout1D', 'GaussianDropout', 'AlphaDropout']) expectTfjsDefaults(kind, { rate: 0.5 });
    expectTfjsDefaults('GaussianNoise', { stddev: 1 });
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-core', [
      ['Dense', { units: 3 }],
      ['Dense', { units: 3, activation: 'gelu_new', useBias: false, kernelInitializer: 'leCunNormal', biasInitializer: 'ones' }],
      ['Rescaling', { scale: 1 / 255 }],
      ['Rescaling', { scale: 2, offset: -1 }],
      ['Dropout', { rate: 0.5 }],
      ['Dropout', { rate: 0.5, noiseShape: [1, 1, 8], seed: 7 }],
      ['SpatialDropout1D', { rate: 0.2, seed: 1 }],
      ['GaussianNoise', { stddev: 0.1 }],
      ['GaussianDropout', { rate: 0.3 }],
      ['AlphaDropout', { rate: 0.3 }],
      ['AlphaDropout', { rate: 0.3, noiseShape: [1, 8] }],
    ]);
  });

  it('regularization layers cost nothing at inference; Rescaling two operations per value', () => {
    for (const kind of ['Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']) {
      expect(definition(kind).flops!({ inputs: [[null, 3, 4]], outputs: [[null, 3, 4]], params: {} })).toBe(0);
    }
    expect(definition('Rescaling').flops!({ inputs: [[null, 3, 4]], outputs: [[null, 3, 4]], params: { scale: 2, offset: 0 } })).toBe(24);
  });
});

describe('definition contract', () => {
  const cases: Record<string, fc.Arbitrary<Params>> = {
    Input: fc.record({ shape: fc.array(dim, { minLength: 1, maxLength: 3 }) }),
    Dense: denseParams(maybe(fc.constantFrom(...INITIALIZERS))),
    Rescaling: fc.record({ scale: fc.integer({ min: -3, max: 3 }) }),
    Dropout: fc.record({ rate, noiseShape: maybe(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 })) }).map(defined),
    SpatialDropout1D: fc.record({ rate }),
    GaussianNoise: fc.record({ stddev: fc.integer({ min: 0, max: 3 }) }),
    GaussianDropout: fc.record({ rate }),
    AlphaDropout: fc.record({ rate, noiseShape: maybe(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 })) }).map(defined),
  };
  for (const [kind, params] of Object.entries(cases)) it(kind, () => expectContract(kind, params));
});

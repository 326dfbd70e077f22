/**
 * Activation layers against tfjs as the oracle: Activation, ReLU, LeakyReLU,
 * PReLU, ELU, ThresholdedReLU, Softmax.
 *
 * Each kind: random parameters and input shapes (named symbols included) give
 * the same output shapes and parameter counts as tfjs; where tfjs throws we
 * refuse too; where we refuse what tfjs builds, tfjs fails when it runs the
 * layer on real data, or the case is one listed here as deliberately stricter;
 * the Keras config tfjs writes imports back to the same parameters; the tfjs
 * config type-checks under `tsc --strict`.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Shape } from '../schemas/shape';
import { weightSpecs } from '../compiler/cost';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { askTfjs, defined, definition, expectAgreement, expectContract, expectTfjsDefaults, kerasRoundTrip, maybe, ours, RUNS, shapeOfRank, typeCheckConfigs, type Params } from './tfjs-oracle';

// ---- the activation kinds ----------------------------------------------------------------

const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new'] as const;
const tenths = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);

/** Random parameters for each element-wise kind. */
const elementwise: Record<string, fc.Arbitrary<Params>> = {
  Activation: fc.record({ activation: fc.constantFrom(...ACTIVATIONS) }),
  ReLU: fc.record({ maxValue: maybe(tenths(0, 8)) }).map(defined),
  LeakyReLU: fc.record({ alpha: maybe(tenths(0, 1)) }).map(defined),
  ELU: fc.record({ alpha: maybe(fc.constant(1)) }).map(defined),
  ThresholdedReLU: fc.record({ theta: maybe(tenths(-1, 3)) }).map(defined),
};

describe('element-wise activations keep the shape, as in tfjs', () => {
  for (const [kind, params] of Object.entries(elementwise)) {
    it(`${kind} over random parameters and shapes`, () => {
      fc.assert(
        fc.property(params, shapeOfRank(1, 4), (p, input) => {
          const mine = expectAgreement(kind, p, [input]);
          expect(mine).toMatchObject({ ok: true, shapes: [input] }); // symbols kept
        }),
        RUNS,
      );
    });
  }

  it('keep named symbols', () => {
    for (const kind of Object.keys(elementwise)) {
      const params = kind === 'Activation' ? { activation: 'tanh' } : {};
      expect(ours(kind, params, [[null, 'timesteps', 8]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 8]] });
    }
  });
});

describe('ELU', () => {
  it('accepts only alpha = 1, because tfjs throws for any other alpha', () => {
    for (const alpha of [0.5, 2, 0]) {
      expect(() => tf.layers.elu({ alpha })).toThrow(/Non-default alpha/);
      expect(ours('ELU', { alpha }, [[null, 3]])).toMatchObject({ ok: false, why: 'params' });
    }
    expect(ours('ELU', { alpha: 1 }, [[null, 3]])).toMatchObject({ ok: true });
  });
});

describe('Softmax', () => {
  const axis = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 3 }));
  /** Documented: tfjs runs a multi-axis softmax that includes the batch axis (it mixes samples). */
  const overBatch = (p: Params, [input]: Shape[]) => Array.isArray(p.axis) && p.axis.some((a) => a === 0 || a === -input!.length);

  it('agrees with tfjs over random axes and ranks; refuses axes tfjs cannot run', () => {
    fc.assert(fc.property(axis, shapeOfRank(2, 4), (a, input) => void expectAgreement('Softmax', { axis: a }, [input], overBatch)), { numRuns: 80 });
  });

  it('defaults to axis 1, as tfjs does (not -1, as its docs say)', () => {
    expect(definition('Softmax').params.parse({}).axis).toBe(1);
    expect((tf.layers.softmax() as unknown as { axis: number }).axis).toBe(1);
  });

  it('refuses a single non-last axis, which tfjs builds but cannot run', () => {
    const result = ours('Softmax', { axis: 1 }, [[null, 'timesteps', 1]]);
    expect(result).toMatchObject({ ok: false, why: 'problems' });
    expect(askTfjs(definition('Softmax'), { axis: 1 }, [[null, 5, 1]]).shapes).toEqual([[null, 5, 1]]);
    expect(() => tf.layers.softmax({ axis: 1 }).apply(tf.ones([2, 5, 1]))).toThrow(/non-last dimension/);
    expect(ours('Softmax', { axis: -1 }, [[null, 'timesteps', 1]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 1]] });
    expect(ours('Softmax', { axis: [1, 2] }, [[null, 'timesteps', 4]])).toMatchObject({ ok: true });
  });

  it('refuses the batch axis in a multi-axis softmax, which tfjs runs (documented: stricter)', () => {
    expect(ours('Softmax', { axis: [0, 1] }, [[null, 3, 4]])).toMatchObject({ ok: false, why: 'problems' });
    expect((tf.layers.softmax({ axis: [0, 1] }).apply(tf.ones([2, 3, 4])) as tf.Tensor).shape).toEqual([2, 3, 4]);
  });
});

describe('PReLU', () => {
  const sharedAxes = maybe(fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }));
  const initializer = fc.constantFrom('zeros', 'ones', 'randomNormal', 'randomUniform', 'truncatedNormal', 'glorotUniform', 'heNormal', 'leCunUniform', 'varianceScaling', 'orthogonal', 'identity');
  /**
   * Documented, stricter than tfjs: (a) a shared axis beyond the input's rank, where tfjs builds a
   * ragged alpha and garbles the output; (b) the orthogonal initializer on an axis of unknown size,
   * where tfjs quietly builds a [1, 1] alpha (shared along everything) instead of failing as the other
   * initializers do. We ask for sharedAxes instead.
   */
  const beyondRank = (p: Params, [input]: Shape[]) => ((p.sharedAxes as number[] | undefined) ?? []).some((a) => a >= input!.length);
  const orthogonalOnUnknown = (p: Params, [input]: Shape[]) =>
    p.alphaInitializer === 'orthogonal' && input!.some((d, i) => i > 0 && typeof d !== 'number' && !((p.sharedAxes as number[] | undefined) ?? []).includes(i));

  it('agrees with tfjs on shapes and alpha counts over random shared axes and initializers', () => {
    fc.assert(
      fc.property(fc.record({ sharedAxes, alphaInitializer: initializer }).map(defined), shapeOfRank(2, 4), (p, input) => void expectAgreement('PReLU', p, [input], (q, i) => beyondRank(q, i) || orthogonalOnUnknown(q, i))),
      { numRuns: 80 },
    );
  });

  it('lays out one alpha per value, 1 along shared axes, named as in Keras', () => {
    const params = definition('PReLU').params.parse({ sharedAxes: [1, 2] });
    expect(weightSpecs(definition('PReLU'), params, [[null, 8, 8, 16]])).toEqual([{ name: 'alpha', shape: [1, 1, 16], trainable: true }]);
    const built = buildTfjsLayer(definition('PReLU'), params, undefined);
    built.apply(tf.input({ batchShape: [null, 8, 8, 16] }));
    expect(built.weights.map((w) => [w.name.split('/').at(-1), w.shape])).toEqual([['alpha', [1, 1, 16]]]);
  });

  it('needs known sizes where alpha is not shared, and offers to share it', () => {
    const result = definition('PReLU').inferShape({ inputs: [[null, 'timesteps', 8]], params: definition('PReLU').params.parse({}), label: "PReLU 'p'" });
    expect(result).toMatchObject({ problems: [{ fix: { kind: 'set-param', param: 'sharedAxes', value: [1] } }] });
    expect(askTfjs(definition('PReLU'), {}, [[null, null, 8]]).error).toMatch(/positive integers/);
    expect(ours('PReLU', { sharedAxes: [1] }, [[null, 'timesteps', 8]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 8]], params: 8 });
  });

  it('refuses orthogonal on an unknown axis, where tfjs quietly shares one alpha (documented: stricter)', () => {
    expect(ours('PReLU', { alphaInitializer: 'orthogonal' }, [[null, 1, null]])).toMatchObject({ ok: false, why: 'problems' });
    expect(askTfjs(definition('PReLU'), { alphaInitializer: 'orthogonal' }, [[null, 1, null]])).toEqual({ shapes: [[null, 1, null]], params: 1 });
  });
});

describe('Keras round trip: the config tfjs saves imports back to the same parameters', () => {
  const cases: Record<string, fc.Arbitrary<Params>> = {
    ...elementwise,
    Softmax: fc.record({ axis: fc.oneof(fc.constantFrom(-1, 1, 2), fc.constantFrom([1, 2], [-1])) }),
    PReLU: fc.record({ sharedAxes: maybe(fc.constantFrom([1], [1, 2], [2])), alphaInitializer: fc.constantFrom('zeros', 'ones', 'randomNormal', 'orthogonal', 'truncatedNormal') }).map(defined),
  };
  for (const [kind, params] of Object.entries(cases)) {
    it(kind, () => {
      fc.assert(
        fc.property(params, (p) => {
          const { parsed, imported } = kerasRoundTrip(kind, p, [[null, 3, 4]]);
          expect(imported).toEqual(parsed);
        }),
        { numRuns: 15 },
      );
    });
  }

  it('LeakyReLU reads Keras 3 negative_slope as alpha', () => {
    expect(kerasConfigToParams(definition('LeakyReLU'), { name: 'l', negative_slope: 0.2 }).params).toEqual({ alpha: 0.2 });
    expect(kerasConfigToParams(definition('LeakyReLU'), { name: 'l', alpha: 0.1 }).params).toEqual({ alpha: 0.1 });
  });

  it('ReLU needs no special import: max_value converts and null means no cap', () => {
    expect(kerasConfigToParams(definition('ReLU'), { max_value: 6, negative_slope: 0, threshold: 0 })).toEqual({ params: { maxValue: 6 }, ignored: ['negative_slope', 'threshold'] });
    expect(kerasConfigToParams(definition('ReLU'), { max_value: null }).params).toEqual({});
  });

  it("Activation 'gelu_new' and 'hardSigmoid' survive, though tfjs writes them as gelu_new and hard_sigmoid", () => {
    for (const activation of ['gelu_new', 'hardSigmoid']) {
      const { parsed, imported, config } = kerasRoundTrip('Activation', { activation }, [[null, 3]]);
      expect(config.activation).toBe(activation === 'hardSigmoid' ? 'hard_sigmoid' : 'gelu_new');
      expect(imported).toEqual(parsed);
    }
  });
});

describe('tfjs configs', () => {
  it("use tfjs's defaults, so that emitted code may leave them out", () => {
    expectTfjsDefaults('Activation', { activation: 'relu' });
    for (const kind of ['ReLU', 'LeakyReLU', 'ELU', 'ThresholdedReLU', 'Softmax', 'PReLU']) expectTfjsDefaults(kind, {});
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-activations', [
      ['Activation', { activation: 'gelu_new' }],
      ['Activation', { activation: 'hardSigmoid' }],
      ['ReLU', {}],
      ['ReLU', { maxValue: 6 }],
      ['LeakyReLU', { alpha: 0.1 }],
      ['ELU', {}],
      ['ThresholdedReLU', { theta: 0.5 }],
      ['Softmax', { axis: -1 }],
      ['Softmax', { axis: [1, 2] }],
      ['PReLU', {}],
      ['PReLU', { sharedAxes: [1, 2], alphaInitializer: 'ones' }],
    ]);
  });
});

describe('FLOPs', () => {
  it('count per value, and are unknown (NaN, shown as unknown) where the size is', () => {
    const flops = (kind: string, params: Params, input: Shape) => definition(kind).flops!({ inputs: [input], outputs: [input], params: definition(kind).params.parse(params) });
    expect(flops('ReLU', {}, [null, 10, 3])).toBe(30);
    expect(flops('ReLU', { maxValue: 6 }, [null, 10, 3])).toBe(60);
    expect(flops('Softmax', { axis: -1 }, [null, 10])).toBe(40);
    expect(flops('PReLU', {}, [null, 10])).toBe(20);
    expect(flops('Activation', { activation: 'tanh' }, [null, 'timesteps', 3])).toBeNaN();
  });
});

describe('definition contract', () => {
  const cases: Record<string, fc.Arbitrary<Params>> = {
    ...elementwise,
    Softmax: fc.record({ axis: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 3 })) }),
    PReLU: fc.record({ sharedAxes: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }), { nil: undefined }), alphaInitializer: fc.constantFrom('zeros', 'identity', 'orthogonal') }).map(defined),
  };
  for (const [kind, params] of Object.entries(cases)) it(kind, () => expectContract(kind, params));
});

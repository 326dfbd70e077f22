/**
 * BatchNormalization and LayerNormalization, and the sequence-input layers
 * Embedding and Masking, against tfjs: shapes, parameter counts, refusals,
 * warnings, and the Keras config round trip.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { Initializer } from '../compiler/layers/common';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { paramCount, trainableParamCount } from '../compiler/cost';
import type { Shape } from '../schemas/shape';
import { askTfjs, asTfjs, configBesideTfjs, definition, dimUpTo, expectTotal, inferred, kerasRoundTrip, size, typeCheckConfigs, undescribed, weightsBesideTfjs } from './tfjs-oracle';

/** `[null, …]` of the given ranks, some dims unknown or named. */
const shapeOfRank = (minRank: number, maxRank: number) =>
  fc.array(dimUpTo(5, 'steps'), { minLength: minRank - 1, maxLength: maxRank - 1 }).map((dims): Shape => [null, ...dims]);
/** Any initializer: tfjs refuses orthogonal on a vector and identity on a non-square matrix, and so must we. */
const anyInitializer = fc.constantFrom(...Initializer.options);
const vectorInitializer = fc.constantFrom('zeros', 'ones', 'randomNormal', 'randomUniform', 'truncatedNormal');

describe('BatchNormalization agrees with tfjs', () => {
  const params = fc.record({
    axis: fc.integer({ min: -5, max: 4 }),
    center: fc.boolean(),
    scale: fc.boolean(),
    momentum: fc.constantFrom(0.9, 0.99),
    epsilon: fc.constantFrom(1e-3, 1e-5),
    betaInitializer: anyInitializer,
    gammaInitializer: anyInitializer,
    movingMeanInitializer: vectorInitializer,
    movingVarianceInitializer: vectorInitializer,
  });

  it('on shapes and parameter counts over random axes and inputs (rank 2 to 4)', () => {
    fc.assert(
      fc.property(params, shapeOfRank(2, 4), (p, input) => {
        const { def, parsed, result } = inferred('BatchNormalization', p, [input]);
        const tfjs = askTfjs(def, p, [input]);
        // Refused exactly where tfjs throws: the batch axis, an axis outside the input, an
        // unknown channel size, an initializer that cannot fill a vector.
        expect('problems' in result).toBe(tfjs.error !== undefined);
        if ('problems' in result) return;
        expect(result.shapes.map(asTfjs)).toEqual(tfjs.shapes);
        expect(result.shapes).toEqual([input]);
        expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
        const channels = input.at(p.axis < 0 ? p.axis : p.axis - input.length) as number;
        expect(trainableParamCount(def, parsed, [input])).toBe(channels * (Number(p.center) + Number(p.scale)));
      }),
      { numRuns: 60 },
    );
  });

  it('uses tfjs\'s defaults', () => {
    expect(definition('BatchNormalization').params.parse({})).toEqual({
      axis: -1, momentum: 0.99, epsilon: 1e-3, center: true, scale: true,
      betaInitializer: 'zeros', gammaInitializer: 'ones', movingMeanInitializer: 'zeros', movingVarianceInitializer: 'ones',
    });
  });

  it('lists gamma, beta, then the non-trainable moving statistics', () => {
    const { def, parsed } = inferred('BatchNormalization', {}, [[null, 8, 8, 16]]);
    expect(def.weights!({ inputs: [[null, 8, 8, 16]], params: parsed })).toEqual([
      { name: 'gamma', shape: [16], trainable: true },
      { name: 'beta', shape: [16], trainable: true },
      { name: 'moving_mean', shape: [16], trainable: false },
      { name: 'moving_variance', shape: [16], trainable: false },
    ]);
  });

  it('takes rank 2 to 4 only: tfjs builds rank 5 but cannot run it', () => {
    expect(definition('BatchNormalization').inputs).toMatchObject({ ports: [{ minRank: 2, maxRank: 4 }] });
    expect(askTfjs(definition('BatchNormalization'), {}, [[null, 2, 2, 2, 2]]).error).toBeUndefined();
    expect(() => tf.layers.batchNormalization({}).apply(tf.ones([1, 2, 2, 2, 2]))).toThrow(/rank 5/);
  });

  it('warns that tfjs cannot train it without center or scale', async () => {
    const x = tf.input({ shape: [4] });
    const model = tf.model({ inputs: x, outputs: tf.layers.batchNormalization({ center: false }).apply(x) as tf.SymbolicTensor });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await expect(model.trainOnBatch(tf.ones([2, 4]), tf.ones([2, 4]))).rejects.toThrow();
    expect(inferred('BatchNormalization', { center: false }, [[null, 4]]).result).toMatchObject({ warnings: [{ severity: 'warning', param: 'center' }] });
    expect(inferred('BatchNormalization', { scale: false }, [[null, 4]]).result).toMatchObject({ warnings: [{ severity: 'warning', param: 'scale' }] });
    expect(inferred('BatchNormalization', {}, [[null, 4]]).result).toEqual({ shapes: [[null, 4]] });
  });

  it('imports the one-axis list tf.keras 2 writes for a built layer', () => {
    const { params: imported } = kerasConfigToParams(definition('BatchNormalization'), { axis: [3], momentum: 0.9, epsilon: 1e-5, center: true, scale: false });
    expect(definition('BatchNormalization').params.parse(imported)).toMatchObject({ axis: 3, momentum: 0.9, epsilon: 1e-5, scale: false });
  });

  it('round-trips through the Keras config tfjs writes', () => {
    fc.assert(
      fc.property(params, (p) => {
        const roundTripping = { ...p, axis: -1, betaInitializer: 'zeros', gammaInitializer: 'ones' };
        expect(kerasRoundTrip('BatchNormalization', roundTripping, [[null, 3, 4]]).imported).toEqual(definition('BatchNormalization').params.parse(roundTripping));
      }),
      { numRuns: 20 },
    );
  });
});

describe('LayerNormalization agrees with tfjs', () => {
  const axis = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 2 }));
  const params = fc.record({ axis, center: fc.boolean(), scale: fc.boolean(), epsilon: fc.constantFrom(1e-3, 1e-5), betaInitializer: anyInitializer, gammaInitializer: anyInitializer });

  it('on shapes and parameter counts over random axes and inputs (rank 2 to 4)', () => {
    fc.assert(
      fc.property(params, shapeOfRank(2, 4), (p, input) => {
        const { def, parsed, result } = inferred('LayerNormalization', p, [input]);
        const tfjs = askTfjs(def, p, [input]);
        // Refused where tfjs throws: an axis outside the input or twice, an unknown size on an
        // axis that sizes the scale or offset, an initializer that cannot fill them. Also the batch
        // axis, which tfjs accepts when nothing is sized by it (it then mixes the samples), and
        // unknown sizes that an orthogonal initializer turns into weights of no size.
        const axes = typeof p.axis === 'number' ? [p.axis] : p.axis;
        const batchAxis = axes.some((a) => a === 0 || a === -input.length);
        const sizedByUnknown = (p.center || p.scale) && axes.some((a) => typeof input.at(a) !== 'number');
        if ('problems' in result) {
          expect(tfjs.error !== undefined || batchAxis || sizedByUnknown).toBe(true);
          return;
        }
        expect(tfjs.error).toBeUndefined();
        expect(result.shapes).toEqual([input]);
        expect(result.shapes.map(asTfjs)).toEqual(tfjs.shapes);
        expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
      }),
      { numRuns: 60 },
    );
  });

  it('names the axis that is wrong', () => {
    expect(inferred('LayerNormalization', { axis: 0 }, [[null, 4]]).result).toMatchObject({ problems: [{ param: 'axis', message: expect.stringContaining('batch axis') }] });
    expect(inferred('LayerNormalization', { axis: [1, -2] }, [[null, 3, 4]]).result).toMatchObject({ problems: [{ param: 'axis', message: expect.stringContaining('twice') }] });
    expect(inferred('LayerNormalization', { axis: 1 }, [[null, 'timesteps', 4]]).result).toMatchObject({ problems: [{ port: 'in', message: expect.stringContaining('"timesteps"') }] });
    // Nothing is sized by the axes without center and scale: any size will do, as in tfjs.
    expect(inferred('LayerNormalization', { axis: 1, center: false, scale: false }, [[null, 'timesteps', 4]]).result).toEqual({ shapes: [[null, 'timesteps', 4]] });
  });

  it('round-trips through the Keras config tfjs writes, which resolves the axes to a list of positive ones', () => {
    fc.assert(
      fc.property(params, shapeOfRank(2, 4), (p, input) => {
        const concrete = input.map((d, i) => (i === 0 ? null : typeof d === 'number' ? d : 3));
        const { result } = inferred('LayerNormalization', p, [concrete]);
        fc.pre(!('problems' in result));
        const roundTripping = { ...p, betaInitializer: 'zeros', gammaInitializer: 'ones' };
        const axes = (typeof p.axis === 'number' ? [p.axis] : p.axis).map((a) => (a < 0 ? a + concrete.length : a));
        expect(kerasRoundTrip('LayerNormalization', roundTripping, [concrete]).imported).toEqual({ ...definition('LayerNormalization').params.parse(roundTripping), axis: axes });
      }),
      { numRuns: 20 },
    );
  });
});

describe('Embedding agrees with tfjs', () => {
  const inputLength = fc.oneof(fc.constant(undefined), size(5), fc.array(size(5), { minLength: 1, maxLength: 3 }));
  const params = fc.record({ inputDim: size(8), outputDim: size(8), maskZero: fc.boolean(), embeddingsInitializer: anyInitializer, inputLength }, { requiredKeys: ['inputDim', 'outputDim'] });

  it('on shapes and parameter counts over random inputs and input lengths', () => {
    fc.assert(
      fc.property(params, shapeOfRank(2, 3), (p, input) => {
        const { def, parsed, result } = inferred('Embedding', p, [input]);
        const tfjs = askTfjs(def, p, [input]);
        // Refused exactly where tfjs throws: an inputLength that contradicts the input, or an
        // identity initializer on a table that is not square.
        expect('problems' in result).toBe(tfjs.error !== undefined);
        if ('problems' in result) return;
        expect(result.shapes.map(asTfjs)).toEqual(tfjs.shapes);
        expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
        // Sequence dims pass through by name unless inputLength fixes them.
        if (p.inputLength === undefined) expect(result.shapes[0]).toEqual([...input, p.outputDim]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses (zod) the sizes tfjs refuses', () => {
    fc.assert(
      fc.property(fc.constantFrom(-1, 0, 2.5, 4), fc.constantFrom(-1, 0, 2.5, 4), (inputDim, outputDim) => {
        const tfjsRefuses = (() => {
          try {
            tf.layers.embedding({ inputDim, outputDim });
            return false;
          } catch {
            return true;
          }
        })();
        expect(definition('Embedding').params.safeParse({ inputDim, outputDim }).success).toBe(!tfjsRefuses);
      }),
      { numRuns: 16 },
    );
  });

  it('warns unless its input is known to carry int32 token ids (tfjs silently truncates floats)', () => {
    const at = (extra: Record<string, unknown>) => inferred('Embedding', { inputDim: 100, outputDim: 8 }, [[null, 'words']], extra).result;
    expect(tf.layers.embedding({ inputDim: 5, outputDim: 1, embeddingsInitializer: 'ones' }).apply(tf.tensor2d([[1.9]])).toString()).toContain('1');
    expect(at({})).toMatchObject({ shapes: [[null, 'words', 8]], warnings: [{ severity: 'warning', port: 'in', message: expect.stringContaining('int32') }] });
    expect(at({ inputDtypes: ['float32'] })).toMatchObject({ warnings: [{ message: expect.stringContaining('float32') }] });
    expect(at({ inputDtypes: ['int32'] })).toEqual({ shapes: [[null, 'words', 8]], warnings: [] });
  });

  it('says which inputLength contradicts the input', () => {
    expect(askTfjs(definition('Embedding'), { inputDim: 5, outputDim: 2, inputLength: 4 }, [[null, 3]]).error).toMatch(/inputLength/);
    expect(inferred('Embedding', { inputDim: 5, outputDim: 2, inputLength: 4 }, [[null, 3]]).result).toMatchObject({ problems: [{ param: 'inputLength' }] });
    expect(inferred('Embedding', { inputDim: 5, outputDim: 2, inputLength: [4, 2] }, [[null, 4]]).result).toMatchObject({ problems: [{ param: 'inputLength' }] });
    expect(inferred('Embedding', { inputDim: 5, outputDim: 2, inputLength: 4 }, [[null, 'words']]).result).toMatchObject({ shapes: [[null, 4, 2]] });
  });

  it('round-trips through the Keras config tfjs writes', () => {
    fc.assert(
      fc.property(params, (p) => {
        const roundTripping = { ...p, embeddingsInitializer: 'randomUniform' };
        const lengths = roundTripping.inputLength === undefined ? [3] : typeof roundTripping.inputLength === 'number' ? [roundTripping.inputLength] : roundTripping.inputLength;
        expect(kerasRoundTrip('Embedding', roundTripping, [[null, ...lengths]]).imported).toEqual(definition('Embedding').params.parse(roundTripping));
      }),
      { numRuns: 20 },
    );
  });
});

describe('Masking agrees with tfjs', () => {
  it('passes its input through, with no weights', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -5, max: 5 }), shapeOfRank(2, 4), (maskValue, input) => {
        const { def, parsed, result } = inferred('Masking', { maskValue }, [input]);
        const tfjs = askTfjs(def, { maskValue }, [input]);
        expect(result).toEqual({ shapes: [input] });
        expect([input].map(asTfjs)).toEqual(tfjs.shapes);
        expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
      }),
      { numRuns: 30 },
    );
  });

  it('round-trips through the Keras config tfjs writes', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0 /* JSON has no -0 */), (maskValue) => {
        expect(kerasRoundTrip('Masking', { maskValue }, [[null, 3, 4]]).imported).toEqual({ maskValue });
      }),
      { numRuns: 20 },
    );
  });
});

describe('shape functions are total', () => {
  const axis = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 3 }));
  it('BatchNormalization', () => expectTotal('BatchNormalization', fc.record({ axis: fc.integer({ min: -6, max: 6 }), center: fc.boolean(), scale: fc.boolean(), gammaInitializer: anyInitializer }), 2, 4));
  it('LayerNormalization', () => expectTotal('LayerNormalization', fc.record({ axis, center: fc.boolean(), scale: fc.boolean(), betaInitializer: anyInitializer }), 2, 4));
  it('Embedding', () =>
    expectTotal('Embedding', fc.record({ inputDim: size(8), outputDim: size(8), inputLength: fc.oneof(fc.constant(undefined), size(12), fc.array(size(12), { maxLength: 4 })), embeddingsInitializer: anyInitializer }), 2, 6));
  it('Masking', () => expectTotal('Masking', fc.record({ maskValue: fc.double({ noNaN: true }) }), 2, 6));
});

describe('params', () => {
  it.each(['BatchNormalization', 'LayerNormalization', 'Embedding', 'Masking'])('%s describes every param', (kind) => expect(undescribed(kind)).toEqual([]));
});

describe('weights are tfjs\'s, in getWeights order', () => {
  it.each([
    ['BatchNormalization', {}, [null, 4, 3]],
    ['BatchNormalization', { axis: 1, center: false }, [null, 4, 3]],
    ['LayerNormalization', { axis: [2, 1] }, [null, 4, 3]],
    ['LayerNormalization', { scale: false }, [null, 4, 3]],
    ['Embedding', { inputDim: 7, outputDim: 3 }, [null, 4]],
  ] as [string, Record<string, unknown>, Shape][])('%s %j on %j', (kind, params, input) => {
    const { mine, theirs } = weightsBesideTfjs(kind, params, input);
    expect(mine).toEqual(theirs);
  });
});

describe('emitted configs', () => {
  it.each([
    ['BatchNormalization', {}],
    ['LayerNormalization', {}],
    ['Embedding', { inputDim: 5, outputDim: 2 }],
    ['Masking', {}],
  ])("%s uses tfjs's defaults, so that emitted code may leave them out", (kind, required) => {
    const { mine, theirs } = configBesideTfjs(kind, required);
    expect(mine).toEqual(theirs);
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-normalization', [
      ['BatchNormalization', { axis: 1, momentum: 0.9, center: false }],
      ['LayerNormalization', { axis: [1, 2], epsilon: 1e-5 }],
      ['LayerNormalization', { axis: -1, scale: false }],
      ['Embedding', { inputDim: 100, outputDim: 8, inputLength: 12, maskZero: true }],
      ['Embedding', { inputDim: 100, outputDim: 8, inputLength: [3, 4], embeddingsInitializer: 'glorotUniform' }],
      ['Masking', { maskValue: -1 }],
    ]);
  });
});

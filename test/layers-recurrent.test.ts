/**
 * SimpleRNN, GRU, LSTM and ConvLSTM2D against tfjs: shapes, parameter counts,
 * refusals, and the Keras config round trip.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { outputPorts } from '../compiler/layers/definition';
import { Initializer } from '../compiler/layers/common';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { paramCount } from '../compiler/cost';
import { toTfjsShape, tuple } from '../compiler/shapes';
import type { Dim, Shape } from '../schemas/shape';
import { askTfjs, asTfjs, configBesideTfjs, definition, dimUpTo, expectTotal, factoryOf, inferred, kerasRoundTrip, size, typeCheckConfigs, undescribed, weightsBesideTfjs } from './tfjs-oracle';

/** Whether Layerwire refuses: zod rejects the params, or the shape function reports a problem. */
function weRefuse(kind: string, params: Record<string, unknown>, inputs: Shape[]): boolean {
  const def = definition(kind);
  const parsed = def.params.safeParse(params);
  return !parsed.success || 'problems' in def.inferShape({ inputs, params: parsed.data, label: kind });
}

/** Whether tfjs refuses the raw config, built directly (no zod in between), applied to a symbolic input. */
function tfjsRefuses(factory: string, config: Record<string, unknown>, input: Shape): boolean {
  try {
    const layer = (tf.layers as unknown as Record<string, (c: unknown) => tf.layers.Layer>)[factory]!(config);
    layer.apply(tf.input({ batchShape: toTfjsShape(input) }));
    return false;
  } catch {
    return true;
  }
}

const activation = fc.constantFrom('linear', 'relu', 'tanh', 'sigmoid', 'hardSigmoid', 'softmax');
/**
 * Initializers that come back under their own name: not identity (it fits square kernels only)
 * nor varianceScaling (tfjs writes it exactly as leCunNormal); orthogonal only for matrices.
 */
const roundTrippingInitializer = fc.constantFrom(...Initializer.options.filter((i) => i !== 'identity' && i !== 'varianceScaling'));
const roundTrippingBiasInitializer = fc.constantFrom(...Initializer.options.filter((i) => i !== 'identity' && i !== 'varianceScaling' && i !== 'orthogonal'));

/** Any initializer: tfjs refuses orthogonal on a bias and identity on a non-square kernel, and so must we. */
const anyInitializer = fc.constantFrom(...Initializer.options);

const sequenceOptions = {
  returnSequences: fc.boolean(),
  returnState: fc.boolean(),
  goBackwards: fc.boolean(),
  useBias: fc.boolean(),
  dropout: fc.constantFrom(0, 0.25),
  recurrentDropout: fc.constantFrom(0, 0.25),
};

const rnnParams = {
  SimpleRNN: fc.record({ units: size(6), activation, ...sequenceOptions }),
  GRU: fc.record({ units: size(6), activation, recurrentActivation: activation, ...sequenceOptions }),
  LSTM: fc.record({ units: size(6), activation, recurrentActivation: activation, unitForgetBias: fc.boolean(), ...sequenceOptions }),
} satisfies Record<string, fc.Arbitrary<Record<string, unknown>>>;
const initializers = fc.record({ kernelInitializer: anyInitializer, recurrentInitializer: anyInitializer, biasInitializer: anyInitializer });

const STATES = { SimpleRNN: ['state'], GRU: ['state'], LSTM: ['stateH', 'stateC'] };

describe.each(['SimpleRNN', 'GRU', 'LSTM'] as const)('%s agrees with tfjs', (kind) => {
  it('on shapes, ports and parameter counts over random params and inputs', () => {
    fc.assert(
      fc.property(rnnParams[kind], initializers, dimUpTo(5, 'timesteps'), dimUpTo(6, 'features'), (options, inits, timesteps, features) => {
        const params = { ...options, ...inits };
        const input: Shape = [null, timesteps, features];
        const { def, parsed, result } = inferred(kind, params, [input]);
        const tfjs = askTfjs(def, params, [input]);
        if (typeof features !== 'number') {
          // A kernel sized by an unknown feature axis: tfjs throws, or (orthogonal) builds a kernel of no size.
          expect(result).toMatchObject({ problems: [{ port: 'in' }] });
          return;
        }
        // Otherwise we refuse exactly what tfjs cannot build: an initializer that cannot fill its weight.
        expect('problems' in result).toBe(tfjs.error !== undefined);
        if ('problems' in result) return;
        expect(tfjs.error).toBeUndefined();
        expect(result.shapes.map(asTfjs)).toEqual(tfjs.shapes);
        expect(outputPorts(def, parsed)).toEqual(params.returnState ? ['out', ...STATES[kind]] : ['out']);
        expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
        // The timesteps dimension passes through by name, not only as "unknown".
        if (params.returnSequences) expect(result.shapes[0]![1]).toBe(timesteps);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses (zod or a problem) whatever tfjs refuses, over out-of-range params', () => {
    fc.assert(
      fc.property(fc.constantFrom(-1, 0, 1.5, 3), fc.constantFrom(-0.5, 0, 0.5, 1, 1.5), size(4), (units, dropout, features) => {
        const params = { units, dropout };
        const input: Shape = [null, 3, features];
        if (tfjsRefuses(factoryOf(kind), params, input)) expect(weRefuse(kind, params, [input])).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('keeps a symbolic timesteps dimension', () => {
    const { result } = inferred(kind, { units: 4, returnSequences: true, returnState: true }, [[null, 'timesteps', 8]]);
    const state: Shape = [null, 4];
    expect(result).toEqual({ shapes: [[null, 'timesteps', 4], ...STATES[kind].map(() => state)] });
  });

  it('refuses a sequence of zero timesteps, which tfjs builds but cannot run', () => {
    const def = definition(kind);
    expect(askTfjs(def, { units: 2 }, [[null, 0, 3]]).error).toBeUndefined();
    expect(() => buildTfjsLayer(def, def.params.parse({ units: 2 }), undefined).apply(tf.zeros([1, 0, 3]))).toThrow();
    expect(inferred(kind, { units: 2 }, [[null, 0, 3]]).result).toMatchObject({ problems: [{ port: 'in' }] });
  });

  it('round-trips through the Keras config tfjs writes', () => {
    fc.assert(
      fc.property(rnnParams[kind], roundTrippingInitializer, roundTrippingInitializer, roundTrippingBiasInitializer, (params, kernel, recurrent, bias) => {
        const { parsed, imported } = kerasRoundTrip(kind, { ...params, kernelInitializer: kernel, recurrentInitializer: recurrent, biasInitializer: bias }, [[null, 3, 4]]);
        expect(imported).toEqual(parsed);
      }),
      { numRuns: 25 },
    );
  });
});

describe('recurrent defaults are tfjs\'s', () => {
  it.each([
    ['SimpleRNN', {}],
    ['GRU', { recurrentActivation: 'hardSigmoid', resetAfter: false }],
    ['ConvLSTM2D', { recurrentActivation: 'hardSigmoid', unitForgetBias: false }],
  ] as const)('%s', (kind, extra) => {
    const size = kind === 'ConvLSTM2D' ? { filters: 2, kernelSize: 3 } : { units: 2 };
    expect(definition(kind).params.parse(size)).toMatchObject({ activation: 'tanh', kernelInitializer: 'glorotNormal', recurrentInitializer: 'orthogonal', biasInitializer: 'zeros', ...extra });
  });
});

describe('GRU', () => {
  it('refuses resetAfter true, which tfjs cannot build', () => {
    expect(() => tf.layers.gru({ units: 2, resetAfter: true } as Parameters<typeof tf.layers.gru>[0])).toThrow(/reset_after/);
    expect(inferred('GRU', { units: 2, resetAfter: true }, [[null, 3, 4]]).result).toMatchObject({ problems: [{ param: 'resetAfter' }] });
  });

  it('imports Keras\'s default resetAfter true, and then says why tfjs cannot run it', () => {
    const { params } = kerasConfigToParams(definition('GRU'), { units: 4, reset_after: true, activation: 'tanh' });
    expect(inferred('GRU', params, [[null, 3, 2]]).result).toMatchObject({ problems: [{ param: 'resetAfter', message: expect.stringContaining('Keras') }] });
  });

  it('counts three gates of weights', () => {
    const { def, parsed } = inferred('GRU', { units: 4 }, [[null, 5, 3]]);
    expect(def.weights!({ inputs: [[null, 5, 3]], params: parsed })).toEqual([
      { name: 'kernel', shape: [3, 12], trainable: true },
      { name: 'recurrent_kernel', shape: [4, 12], trainable: true },
      { name: 'bias', shape: [12], trainable: true },
    ]);
  });
});

const convLstmParams = fc.record({
  filters: size(3),
  kernelSize: fc.oneof(size(3), fc.tuple(size(3), size(3))),
  strides: fc.oneof(size(2), fc.tuple(size(2), size(2))),
  dilationRate: fc.constantFrom(1, 2, [1, 2]),
  padding: fc.constantFrom('valid', 'same'),
  dataFormat: fc.constantFrom('channelsLast', 'channelsFirst'),
  ...sequenceOptions,
  unitForgetBias: fc.boolean(),
});

describe('ConvLSTM2D agrees with tfjs', () => {
  it('on shapes and parameter counts over random params and inputs', () => {
    fc.assert(
      fc.property(convLstmParams, initializers, dimUpTo(3, 'timesteps'), dimUpTo(6, 'height'), dimUpTo(6, 'width'), fc.oneof({ weight: 6, arbitrary: size(3) }, { weight: 1, arbitrary: fc.constant(null) }), (options, inits, t, h, w, c) => {
        const params = { ...options, ...inits };
        const input: Shape = params.dataFormat === 'channelsLast' ? [null, t, h, w, c] : [null, t, c, h, w];
        const { def, parsed, result } = inferred('ConvLSTM2D', params, [input]);
        const tfjs = askTfjs(def, params, [input]);
        if ('problems' in result) {
          const kernel = tuple(params.kernelSize, 2);
          const dilation = tuple(params.dilationRate, 2);
          const windowTooBig = params.padding === 'valid' && [h, w].some((d, i) => typeof d === 'number' && kernel[i]! + (kernel[i]! - 1) * (dilation[i]! - 1) > d);
          const stridedAndDilated = tuple(params.strides, 2).some((s) => s > 1) && dilation.some((d) => d > 1);
          // tfjs refuses an unknown channel axis and initializers that do not fit;
          // we also refuse what it builds but gets wrong or cannot run.
          expect(tfjs.error !== undefined || windowTooBig || stridedAndDilated).toBe(true);
          return;
        }
        expect(tfjs.error).toBeUndefined();
        expect(result.shapes.map(asTfjs)).toEqual(tfjs.shapes);
        expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
        if (params.returnSequences) expect(result.shapes[0]![1]).toBe(t);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a valid-padded kernel larger than the image, where tfjs gives sizes of 0 or less', () => {
    expect(askTfjs(definition('ConvLSTM2D'), { filters: 2, kernelSize: 5 }, [[null, 2, 3, 3, 1]]).shapes).toEqual([[null, -1, -1, 2]]);
    expect(inferred('ConvLSTM2D', { filters: 2, kernelSize: 5 }, [[null, 2, 3, 3, 1]]).result).toMatchObject({ problems: [{ param: 'kernelSize' }] });
  });

  it('refuses strides and dilation both above 1, which tfjs builds but its conv2d refuses when run', () => {
    const def = definition('ConvLSTM2D');
    const params = def.params.parse({ filters: 1, kernelSize: 2, strides: 2, dilationRate: 2 });
    expect(() => buildTfjsLayer(def, params, undefined).apply(tf.zeros([1, 1, 6, 6, 1]))).toThrow(/strides or dilations/);
    expect(inferred('ConvLSTM2D', params, [[null, 1, 6, 6, 1]]).result).toMatchObject({ problems: [{ param: 'dilationRate' }] });
  });

  it('outputs the hidden and cell states with returnState', () => {
    const { def, parsed, result } = inferred('ConvLSTM2D', { filters: 4, kernelSize: 3, padding: 'same', returnSequences: true, returnState: true }, [[null, 'frames', 8, 8, 3]]);
    expect(outputPorts(def, parsed)).toEqual(['out', 'stateH', 'stateC']);
    expect(result).toEqual({ shapes: [[null, 'frames', 8, 8, 4], [null, 8, 8, 4], [null, 8, 8, 4]] });
  });

  it('round-trips through the Keras config tfjs writes (kernelSize, strides, dilationRate as tfjs writes them: pairs)', () => {
    fc.assert(
      fc.property(convLstmParams, roundTrippingInitializer, (options, init) => {
        const params = { ...options, biasInitializer: 'zeros' };
        const pair = (v: number | number[]) => tuple(v, 2);
        const sizes = { kernelSize: pair(params.kernelSize), strides: pair(params.strides), dilationRate: pair(params.dilationRate) };
        const { parsed, imported } = kerasRoundTrip('ConvLSTM2D', { ...params, ...sizes, kernelInitializer: init, recurrentInitializer: init }, [params.dataFormat === 'channelsLast' ? [null, 2, 8, 8, 2] : [null, 2, 2, 8, 8]]);
        expect(imported).toEqual(parsed);
      }),
      { numRuns: 20 },
    );
  });
});

describe('FLOPs', () => {
  it('count the gates of each cell per step', () => {
    const flops = (kind: string, params: Record<string, unknown>, input: Shape) => {
      const { def, parsed, result } = inferred(kind, params, [input]);
      return def.flops!({ inputs: [input], outputs: 'shapes' in result ? result.shapes : [], params: parsed });
    };
    const input: Dim[] = [null, 10, 8];
    expect(flops('SimpleRNN', { units: 4 }, input)).toBe(10 * (2 * 4 * 12 + 2 * 4));
    expect(flops('GRU', { units: 4 }, input)).toBe(10 * (2 * 3 * 4 * 12 + 8 * 4));
    expect(flops('LSTM', { units: 4 }, input)).toBe(10 * (2 * 4 * 4 * 12 + 10 * 4));
    expect(flops('ConvLSTM2D', { filters: 2, kernelSize: 3, padding: 'same' }, [null, 5, 4, 4, 3])).toBe(5 * 16 * (2 * 4 * 2 * 9 * (3 + 2) + 10 * 2));
  });
});

describe('shape functions are total', () => {
  it.each(['SimpleRNN', 'GRU', 'LSTM'] as const)('%s', (kind) => expectTotal(kind, fc.tuple(rnnParams[kind], initializers).map(([a, b]) => ({ ...a, ...b })), 3, 3));
  it('ConvLSTM2D', () => expectTotal('ConvLSTM2D', fc.tuple(convLstmParams, initializers).map(([a, b]) => ({ ...a, ...b })), 5, 5));
});

describe('params', () => {
  it.each(['SimpleRNN', 'GRU', 'LSTM', 'ConvLSTM2D'])('%s describes every param', (kind) => expect(undescribed(kind)).toEqual([]));
});

describe('weights are tfjs\'s, in getWeights order', () => {
  it.each([
    ['SimpleRNN', { units: 3 }, [null, 4, 5]],
    ['GRU', { units: 3, useBias: false }, [null, 4, 5]],
    ['LSTM', { units: 2 }, [null, 'timesteps', 5]],
    ['ConvLSTM2D', { filters: 2, kernelSize: [3, 2] }, [null, 2, 6, 6, 3]],
    ['ConvLSTM2D', { filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' }, [null, 2, 3, 6, 6]],
  ] as [string, Record<string, unknown>, Shape][])('%s %j on %j', (kind, params, input) => {
    const { mine, theirs } = weightsBesideTfjs(kind, params, input);
    expect(mine).toEqual(theirs);
  });
});

describe('emitted configs', () => {
  it.each([
    ['SimpleRNN', { units: 2 }],
    ['GRU', { units: 2 }],
    ['ConvLSTM2D', { filters: 2, kernelSize: 3 }],
    ['LSTM', { units: 2 }],
  ])("%s uses tfjs's defaults, so that emitted code may leave them out", (kind, required) => {
    const { mine, theirs } = configBesideTfjs(kind, required);
    expect(mine).toEqual(theirs);
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-recurrent', [
      ['SimpleRNN', { units: 3, activation: 'relu', returnSequences: true }],
      ['GRU', { units: 3, recurrentActivation: 'sigmoid', dropout: 0.2, kernelInitializer: 'heNormal' }],
      ['LSTM', { units: 3, returnState: true }],
      ['ConvLSTM2D', { filters: 2, kernelSize: [3, 3], strides: [2, 1], padding: 'same' }],
      ['ConvLSTM2D', { filters: 2, kernelSize: 3, dilationRate: [1, 2], dataFormat: 'channelsFirst' }],
      ['ConvLSTM2D', { filters: 2, kernelSize: 3, dilationRate: 2, unitForgetBias: true }],
    ]);
  });
});

/**
 * Bidirectional and TimeDistributed against tfjs: shapes, ports, parameter
 * counts, refusals located at the wrapped layer's params, and the Keras
 * config round trip.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { outputPorts } from '../compiler/layers/definition';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { paramCount } from '../compiler/cost';
import type { Shape } from '../schemas/shape';
import { askTfjs, asTfjs, definition, dimUpTo, expectTotal, inferred, kerasConfigOf, size, typeCheckConfigs, undescribed, weightsBesideTfjs } from './tfjs-oracle';

interface Wrapped {
  layer: { type: string; params: Record<string, unknown> };
  [key: string]: unknown;
}

/** A wrapper's params parsed, the wrapped layer's params too (recursively), so that defaults compare equal. */
function parsedThrough(kind: string, params: Wrapped): unknown {
  const outer = definition(kind).params.parse(params) as Wrapped;
  const inner = definition(outer.layer.type).params.parse(outer.layer.params) as Record<string, unknown>;
  return { ...outer, layer: { type: outer.layer.type, params: 'layer' in inner ? parsedThrough(outer.layer.type, inner as Wrapped) : inner } };
}

function roundTrip(kind: string, params: Wrapped, input: Shape) {
  const imported = kerasConfigToParams(definition(kind), kerasConfigOf(kind, params, [input]));
  expect(parsedThrough(kind, imported.params as Wrapped)).toEqual(parsedThrough(kind, params));
}

const recurrentLayer = fc.record({
  type: fc.constantFrom('LSTM', 'GRU', 'SimpleRNN'),
  params: fc.record({ units: size(5), returnSequences: fc.boolean(), returnState: fc.boolean(), goBackwards: fc.boolean(), useBias: fc.boolean() }),
});
const mergeMode = fc.constantFrom('concat', 'sum', 'mul', 'ave', null);
const STATES: Record<string, string[]> = { LSTM: ['StateH', 'StateC'], GRU: ['State'], SimpleRNN: ['State'] };

describe('Bidirectional agrees with tfjs', () => {
  it('on shapes, ports and parameter counts over random wrapped layers, merge modes and inputs', () => {
    fc.assert(
      fc.property(recurrentLayer, mergeMode, dimUpTo(4, 'timesteps'), dimUpTo(5, 'features'), (layer, merge, timesteps, features) => {
        const params = { layer, mergeMode: merge };
        const input: Shape = [null, timesteps, features];
        const { def, parsed, result } = inferred('Bidirectional', params, [input]);
        const tfjs = askTfjs(def, params, [input]);
        expect('problems' in result).toBe(tfjs.error !== undefined);
        if ('problems' in result) {
          expect(typeof features).not.toBe('number');
          expect(result.problems[0]).toMatchObject({ port: 'in' });
          return;
        }
        expect(result.shapes.map(asTfjs)).toEqual(tfjs.shapes);
        expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
        const states = layer.params.returnState ? STATES[layer.type]! : [];
        expect(outputPorts(def, parsed)).toEqual([
          ...(merge === null ? ['forward', 'backward'] : ['out']),
          ...states.map((s) => `forward${s}`),
          ...states.map((s) => `backward${s}`),
        ]);
        if (layer.params.returnSequences) expect(result.shapes[0]![1]).toBe(timesteps);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the default merge mode and a symbolic timesteps dimension', () => {
    expect(inferred('Bidirectional', { layer: { type: 'LSTM', params: { units: 8, returnSequences: true } } }, [[null, 'timesteps', 3]]).result).toEqual({
      shapes: [[null, 'timesteps', 16]],
    });
  });

  it('lists the forward weights, then the backward ones, under Keras names', () => {
    const { def, parsed } = inferred('Bidirectional', { layer: { type: 'SimpleRNN', params: { units: 2 } } }, [[null, 5, 3]]);
    expect(def.weights!({ inputs: [[null, 5, 3]], params: parsed }).map((w) => [w.name, w.shape])).toEqual([
      ['forward_simple_rnn/kernel', [3, 2]],
      ['forward_simple_rnn/recurrent_kernel', [2, 2]],
      ['forward_simple_rnn/bias', [2]],
      ['backward_simple_rnn/kernel', [3, 2]],
      ['backward_simple_rnn/recurrent_kernel', [2, 2]],
      ['backward_simple_rnn/bias', [2]],
    ]);
  });

  it('reports a bad param of the wrapped layer at its path, where tfjs throws', () => {
    expect(() => tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 0 }) })).toThrow();
    const { result } = inferred('Bidirectional', { layer: { type: 'LSTM', params: { units: 0 } } }, [[null, 4, 3]]);
    expect(result).toMatchObject({ problems: [{ param: 'layer.params.units', message: expect.stringMatching(/^layer\.params\.units: /) }] });
    expect(inferred('Bidirectional', { layer: { type: 'GRU', params: { units: 2, resetAfter: true } } }, [[null, 4, 3]]).result).toMatchObject({
      problems: [{ param: 'layer.params.resetAfter' }],
    });
    expect(inferred('Bidirectional', { layer: { type: 'LSTM', params: { units: 2, cells: 3 } } }, [[null, 4, 3]]).result).toMatchObject({
      problems: [{ param: 'layer.params', message: expect.stringContaining('"cells"') }],
    });
  });

  it('wraps only recurrent layers (zod refuses the rest)', () => {
    expect(definition('Bidirectional').params.safeParse({ layer: { type: 'Dense', params: { units: 2 } } }).success).toBe(false);
  });

  it('counts twice the wrapped layer\'s FLOPs, plus the merge', () => {
    const flops = (params: Record<string, unknown>) => {
      const input: Shape = [null, 10, 8];
      const { def, parsed, result } = inferred('Bidirectional', params, [input]);
      return def.flops!({ inputs: [input], outputs: 'shapes' in result ? result.shapes : [], params: parsed });
    };
    const lstm = 10 * (2 * 4 * 4 * 12 + 10 * 4);
    expect(flops({ layer: { type: 'LSTM', params: { units: 4 } } })).toBe(2 * lstm);
    expect(flops({ layer: { type: 'LSTM', params: { units: 4 } }, mergeMode: 'ave' })).toBe(2 * lstm + 2 * 4);
  });

  it('round-trips through the Keras config tfjs writes, merge mode null included', () => {
    fc.assert(
      fc.property(recurrentLayer, mergeMode, (layer, merge) => {
        const inner = { ...layer.params, kernelInitializer: 'zeros', recurrentInitializer: 'orthogonal' };
        roundTrip('Bidirectional', { layer: { type: layer.type, params: inner }, mergeMode: merge }, [null, 3, 2]);
      }),
      { numRuns: 15 },
    );
  });
});

/** Wrapped layers and inputs whose per-step rank the wrapped layer accepts. */
const distributed = fc.oneof(
  fc.record({
    layer: fc.record({ type: fc.constant('Dense'), params: fc.record({ units: size(4), useBias: fc.boolean() }) }),
    input: fc.tuple(dimUpTo(4, 'timesteps'), fc.array(dimUpTo(4, 'width'), { maxLength: 1 }), dimUpTo(4, 'features')).map(([t, middle, f]): Shape => [null, t, ...middle, f]),
  }),
  fc.record({
    layer: fc.record({ type: fc.constant('BatchNormalization'), params: fc.record({ center: fc.boolean(), scale: fc.boolean() }) }),
    input: fc.tuple(dimUpTo(4, 'timesteps'), fc.array(size(4), { minLength: 1, maxLength: 3 })).map(([t, rest]): Shape => [null, t, ...rest]),
  }),
  fc.record({
    layer: fc.record({ type: fc.constantFrom('SimpleRNN', 'GRU'), params: fc.record({ units: size(4), returnSequences: fc.boolean() }) }),
    input: fc.tuple(dimUpTo(3, 'timesteps'), dimUpTo(3, 'steps'), size(4)).map(([t, s, f]): Shape => [null, t, s, f]),
  }),
  fc.record({
    layer: fc.record({ type: fc.constant('Conv2D'), params: fc.record({ filters: size(3), kernelSize: size(2), padding: fc.constantFrom('valid', 'same') }) }),
    input: fc.tuple(dimUpTo(3, 'frames'), size(5), size(5), size(3)).map(([t, h, w, c]): Shape => [null, t, h, w, c]),
  }),
  fc.record({
    layer: fc.record({ type: fc.constant('Embedding'), params: fc.record({ inputDim: size(10), outputDim: size(4) }) }),
    input: fc.tuple(dimUpTo(3, 'sentences'), dimUpTo(5, 'words')).map(([t, l]): Shape => [null, t, l]),
  }),
);

describe('TimeDistributed agrees with tfjs', () => {
  it('on shapes and parameter counts over random wrapped layers and inputs', () => {
    fc.assert(
      fc.property(distributed, ({ layer, input }) => {
        const params = { layer };
        const { def, parsed, result } = inferred('TimeDistributed', params, [input]);
        const tfjs = askTfjs(def, params, [input]);
        if ('problems' in result) {
          // Refused where tfjs throws, or where the wrapped layer alone refuses one step
          // (Conv2D: a valid-padded kernel larger than the image, which tfjs sizes 0).
          const step: Shape = [null, ...input.slice(2)];
          expect(tfjs.error !== undefined || 'problems' in inferred(layer.type, layer.params, [step]).result).toBe(true);
          return;
        }
        expect(tfjs.error).toBeUndefined();
        expect(result.shapes.map(asTfjs)).toEqual(tfjs.shapes);
        expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
        expect(result.shapes[0]![1]).toBe(input[1]);
      }),
      { numRuns: 50 },
    );
  });

  it('wraps a wrapper: TimeDistributed(Bidirectional(LSTM))', () => {
    const params = { layer: { type: 'Bidirectional', params: { layer: { type: 'LSTM', params: { units: 3 } } } } };
    const input: Shape = [null, 'sentences', 7, 5];
    const { def, parsed, result } = inferred('TimeDistributed', params, [input]);
    expect(result).toEqual({ shapes: [[null, 'sentences', 6]] });
    const tfjs = askTfjs(def, params, [input]);
    expect(tfjs.shapes).toEqual([[null, null, 6]]);
    expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
    const bad = { layer: { type: 'Bidirectional', params: { layer: { type: 'LSTM', params: { units: -1 } } } } };
    expect(inferred('TimeDistributed', bad, [input]).result).toMatchObject({ problems: [{ param: 'layer.params.layer.params.units' }] });
  });

  it('needs a rank-3 input or more, like tfjs', () => {
    expect(definition('TimeDistributed').inputs).toMatchObject({ kind: 'fixed', ports: [{ name: 'in', minRank: 3 }] });
    expect(askTfjs(definition('TimeDistributed'), { layer: { type: 'Dense', params: { units: 2 } } }, [[null, 4]]).error).toMatch(/>= 3D/);
  });

  it('refuses a step the wrapped layer cannot take, which tfjs builds into a wrong shape', () => {
    const params = { layer: { type: 'Conv2D', params: { filters: 2, kernelSize: 1 } } };
    expect(askTfjs(definition('TimeDistributed'), params, [[null, 2, 3, 4]]).shapes).toEqual([[null, 2, 3, 2]]);
    expect(inferred('TimeDistributed', params, [[null, 2, 3, 4]]).result).toMatchObject({ problems: [{ port: 'in', message: expect.stringContaining('rank-5') }] });
  });

  it('refuses a wrapped layer with several outputs, which tfjs applies to no shape', () => {
    const params = { layer: { type: 'LSTM', params: { units: 2, returnState: true } } };
    const tfjs = askTfjs(definition('TimeDistributed'), params, [[null, 2, 3, 4]]);
    expect(tfjs.shapes).toEqual([[null, 2], 2, [null, 2], [null, 2]]); // not one shape per output: a mangled list
    expect(inferred('TimeDistributed', params, [[null, 2, 3, 4]]).result).toMatchObject({ problems: [{ param: 'layer' }] });
  });

  it('refuses unknown kinds, kinds without exactly one input, and bad params, at their paths', () => {
    const refusal = (layer: Wrapped['layer']) => {
      const result = inferred('TimeDistributed', { layer }, [[null, 3, 4]]).result;
      return 'problems' in result ? result.problems[0]!.param : undefined;
    };
    expect(refusal({ type: 'Dense2', params: {} })).toBe('layer.type');
    expect(refusal({ type: 'Input', params: { shape: [4] } })).toBe('layer.type');
    expect(refusal({ type: 'Concatenate', params: {} })).toBe('layer.type');
    expect(refusal({ type: 'Dense', params: { units: 0 } })).toBe('layer.params.units');
    expect(refusal({ type: 'Dense', params: { units: 2, kernelInitializer: 'identity' } })).toBe('layer.params.kernelInitializer');
  });

  it('refuses a sequence of zero timesteps, which tfjs builds but cannot run', () => {
    const params = { layer: { type: 'Dense', params: { units: 2 } } };
    const def = definition('TimeDistributed');
    expect(() => buildTfjsLayer(def, def.params.parse(params), undefined).apply(tf.zeros([1, 0, 3]))).toThrow();
    expect(inferred('TimeDistributed', params, [[null, 0, 3]]).result).toMatchObject({ problems: [{ port: 'in' }] });
  });

  it('has the wrapped layer\'s weights on one step, and its FLOPs once per step', () => {
    const params = { layer: { type: 'Dense', params: { units: 4 } } };
    const input: Shape = [null, 10, 6, 3];
    const { def, parsed, result } = inferred('TimeDistributed', params, [input]);
    expect(def.weights!({ inputs: [input], params: parsed }).map((w) => [w.name, w.shape])).toEqual([['kernel', [3, 4]], ['bias', [4]]]);
    expect(def.flops!({ inputs: [input], outputs: 'shapes' in result ? result.shapes : [], params: parsed })).toBe(10 * 6 * (2 * 3 * 4 + 4));
  });

  it('round-trips through the Keras config tfjs writes', () => {
    fc.assert(
      fc.property(distributed, ({ layer, input }) => {
        // Initializers that tfjs writes under their own names; sizes as the pairs tfjs writes.
        const inner: Record<string, unknown> = { ...layer.params };
        if (['Dense', 'Conv2D', 'SimpleRNN', 'GRU'].includes(layer.type)) inner.kernelInitializer = 'zeros';
        if (typeof inner.kernelSize === 'number') Object.assign(inner, { kernelSize: [inner.kernelSize, inner.kernelSize], strides: [1, 1], dilationRate: [1, 1] });
        const concrete = input.map((d, i) => (i === 0 ? null : typeof d === 'number' ? d : 3));
        roundTrip('TimeDistributed', { layer: { type: layer.type, params: inner } }, concrete);
      }),
      { numRuns: 15 },
    );
  });
});

describe('shape functions are total', () => {
  /** Wrapped layers of many kinds, with params that may be wrong in any way. */
  const anyParams = fc.dictionary(fc.constantFrom('units', 'filters', 'kernelSize', 'returnState', 'returnSequences', 'axis', 'inputDim', 'outputDim', 'layer', 'extra'), fc.oneof(fc.integer({ min: -2, max: 6 }), fc.boolean(), fc.constant(null), fc.string()));
  const wellFormed = fc.oneof(
    fc.record({ type: fc.constantFrom('LSTM', 'GRU', 'SimpleRNN'), params: fc.record({ units: size(4), returnState: fc.boolean(), returnSequences: fc.boolean() }) }),
    fc.record({ type: fc.constant('Dense'), params: fc.record({ units: size(4) }) }),
    fc.record({ type: fc.constant('Conv2D'), params: fc.record({ filters: size(4), kernelSize: size(3) }) }),
    fc.record({ type: fc.constantFrom('BatchNormalization', 'LayerNormalization', 'Masking'), params: fc.constant({}) }),
    fc.record({ type: fc.constant('Embedding'), params: fc.record({ inputDim: size(9), outputDim: size(4) }) }),
    fc.record({ type: fc.constant('Bidirectional'), params: fc.constant({ layer: { type: 'GRU', params: { units: 2 } } }) }),
  );
  const anyLayer = fc.oneof(wellFormed, fc.record({ type: fc.constantFrom('LSTM', 'GRU', 'Dense', 'Input', 'Concatenate', 'Bidirectional', 'TimeDistributed', 'Nope'), params: anyParams }));
  it('Bidirectional', () => expectTotal('Bidirectional', fc.record({ layer: anyLayer, mergeMode }), 3, 3));
  it('TimeDistributed', () => expectTotal('TimeDistributed', fc.record({ layer: anyLayer }), 3, 6));
});

describe('params', () => {
  it.each(['Bidirectional', 'TimeDistributed'])('%s describes every param', (kind) => expect(undescribed(kind)).toEqual([]));
});

describe('weights are tfjs\'s, in getWeights order', () => {
  it.each([
    ['Bidirectional', { layer: { type: 'LSTM', params: { units: 2 } } }, [null, 4, 3]],
    ['Bidirectional', { layer: { type: 'GRU', params: { units: 2, useBias: false } }, mergeMode: null }, [null, 4, 3]],
    ['TimeDistributed', { layer: { type: 'Dense', params: { units: 2 } } }, [null, 4, 3]],
    ['TimeDistributed', { layer: { type: 'BatchNormalization', params: {} } }, [null, 4, 5, 3]],
  ] as [string, Record<string, unknown>, Shape][])('%s %j on %j', (kind, params, input) => {
    const { mine, theirs } = weightsBesideTfjs(kind, params, input);
    expect(mine).toEqual(theirs);
  });
});

describe('emitted configs', () => {
  it("Bidirectional uses tfjs's default merge mode", () => {
    const tfjsDefault = tf.layers.bidirectional({ layer: tf.layers.gru({ units: 2 }) as tf.RNN }).getConfig().mergeMode;
    expect(definition('Bidirectional').params.parse({ layer: { type: 'GRU', params: { units: 2 } } })).toMatchObject({ mergeMode: tfjsDefault });
  });

  it('type-check under tsc --strict against tfjs types, the wrapped layer written as its own expression', () => {
    typeCheckConfigs('layers-wrappers', [
      ['Bidirectional', { layer: { type: 'LSTM', params: { units: 4, returnSequences: true } } }],
      ['Bidirectional', { layer: { type: 'GRU', params: { units: 4 } }, mergeMode: 'ave' }],
      ['Bidirectional', { layer: { type: 'SimpleRNN', params: { units: 4, returnState: true } }, mergeMode: 'mul' }],
      ['TimeDistributed', { layer: { type: 'Dense', params: { units: 4, activation: 'relu' } } }],
      ['TimeDistributed', { layer: { type: 'Conv2D', params: { filters: 4, kernelSize: 3 } } }],
      ['TimeDistributed', { layer: { type: 'Bidirectional', params: { layer: { type: 'LSTM', params: { units: 4 } } } } }],
    ]);
  });

  it('mergeMode null runs in tfjs, but its typings leave null out: emitted code must cast it', () => {
    expect(askTfjs(definition('Bidirectional'), { layer: { type: 'GRU', params: { units: 2 } }, mergeMode: null }, [[null, 3, 2]]).shapes).toHaveLength(2);
    expect(() => typeCheckConfigs('layers-wrappers-null-merge', [['Bidirectional', { layer: { type: 'GRU', params: { units: 2 } }, mergeMode: null }]])).toThrow(/BidirectionalMergeMode/);
  });
});

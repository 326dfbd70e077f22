/**
 * BatchNormalization and LayerNormalization, and the sequence-input layers
 * Embedding and Masking, against tfjs: shapes, parameter counts, refusals,
 * warnings, and the Keras config round trip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { findLayer } from '../compiler/layers/registry';
import { Initializer } from '../compiler/layers/common';
import { outputPorts, type AnyLayerDefinition, type ShapeContext } from '../compiler/layers/definition';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { paramCount, trainableParamCount } from '../compiler/cost';
import { toTfjsShape } from '../compiler/shapes';
import type { Shape } from '../schemas/shape';
import { askTfjs, asTfjs } from './tfjs-oracle';
import { generatedDir, typeCheck } from './emitted';

const definition = (kind: string): AnyLayerDefinition => findLayer(kind)!;
const factoryOf = (kind: string): string => {
  const { tfjs: target } = definition(kind);
  return 'factory' in target ? target.factory : target.customClass;
};

function ours(kind: string, params: Record<string, unknown>, inputs: Shape[], extra: Record<string, unknown> = {}) {
  const def = definition(kind);
  const parsed = def.params.parse(params);
  const context: ShapeContext<unknown> = { inputs, params: parsed, label: kind, ...extra };
  return { def, parsed, result: def.inferShape(context) };
}

/** The snake_case Keras config tfjs writes for the layer in a one-layer model. */
function kerasConfigOf(kind: string, params: Record<string, unknown>, input: Shape): Record<string, unknown> {
  const def = definition(kind);
  const layer = buildTfjsLayer(def, def.params.parse(params), undefined);
  const x = tf.input({ batchShape: toTfjsShape(input) });
  const model = tf.model({ inputs: x, outputs: layer.apply(x) as tf.SymbolicTensor });
  return JSON.parse(JSON.stringify(model.toJSON(null, false))).config.layers[1].config;
}

const imported = (kind: string, params: Record<string, unknown>, input: Shape) =>
  definition(kind).params.parse(kerasConfigToParams(definition(kind), kerasConfigOf(kind, params, input)).params);

/** Any dimension the checker may hand over: a size (0 included), unknown, or a named symbol. */
const anyDim = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(null), fc.constantFrom('timesteps', 'n'));

/** inferShape never throws, over any dims within the rank contract; its shapes match the output ports, and cost functions run on them. */
function expectTotal(kind: string, params: fc.Arbitrary<unknown>, minRank: number, maxRank: number) {
  const def = definition(kind);
  fc.assert(
    fc.property(params, fc.array(anyDim, { minLength: minRank - 1, maxLength: maxRank - 1 }), (raw, dims) => {
      const parsed = def.params.safeParse(raw);
      fc.pre(parsed.success);
      const inputs: Shape[] = [[null, ...dims]];
      const result = def.inferShape({ inputs, params: parsed.data, label: kind });
      if ('problems' in result) return;
      expect(result.shapes).toHaveLength(outputPorts(def, parsed.data).length);
      def.weights?.({ inputs, params: parsed.data });
      def.flops?.({ inputs, outputs: result.shapes, params: parsed.data });
    }),
    { numRuns: 40 },
  );
}

/** Every param carries the help the inspector shows (zod drops a description when .default() follows .describe()). */
const undescribed = (kind: string) => Object.entries(definition(kind).params.shape).filter(([, schema]) => !(schema as { description?: string }).description).map(([name]) => name);

/** Our weight layout beside tfjs's own `weights` (getWeights order): last name segment, shape, trainable. */
function weightsBesideTfjs(kind: string, params: Record<string, unknown>, input: Shape) {
  const def = definition(kind);
  const parsed = def.params.parse(params);
  const layer = buildTfjsLayer(def, parsed, undefined);
  layer.apply(tf.input({ batchShape: toTfjsShape(input) }));
  const trainable = new Set(layer.trainableWeights);
  const theirs = layer.weights.map((w) => ({ name: w.name.split('/').at(-1), shape: w.shape, trainable: trainable.has(w) }));
  const mine = def.weights!({ inputs: [input], params: parsed }).map((w) => ({ name: w.name.split('/').at(-1), shape: w.shape, trainable: w.trainable }));
  return { mine, theirs };
}

/**
 * Our defaults are tfjs's: a tfjs layer built from our parsed defaults has the config of one
 * built from the required params alone (a flag tfjs leaves unset reads as our false).
 */
function configBesideTfjs(kind: string, required: Record<string, unknown>) {
  const def = definition(kind);
  const factory = (tf.layers as unknown as Record<string, (config: unknown) => tf.layers.Layer>)[factoryOf(kind)]!;
  const { name: _theirName, ...theirs } = factory(structuredClone(required)).getConfig();
  const { name: _ourName, ...mine } = buildTfjsLayer(def, def.params.parse(required), undefined).getConfig();
  for (const [key, value] of Object.entries(mine)) if (value === false && theirs[key] === undefined) theirs[key] = false;
  return { mine, theirs };
}

/** `tf.layers.<factory>(<our config>)` for each case, written to one file that must pass tsc --strict against tfjs's types. */
function typeCheckConfigs(name: string, cases: [kind: string, params: Record<string, unknown>][]): void {
  const dir = generatedDir(name);
  const lines = cases.map(([kind, params]) => `  ${tfjsExpression(kind, params)},`);
  fs.writeFileSync(path.join(dir, 'layers.ts'), `import * as tf from '@tensorflow/tfjs';\n\nexport const layers: tf.layers.Layer[] = [\n${lines.join('\n')}\n];\n`);
  typeCheck(dir);
}

/** The expression the TypeScript emitter writes for a layer: its config as a literal, a wrapped layer as its own expression. */
function tfjsExpression(kind: string, params: Record<string, unknown>): string {
  const def = definition(kind);
  const entries = Object.entries(def.tfjs.config(def.params.parse(params)))
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const nested = value as { $layer?: { type: string; params: Record<string, unknown> } } | null;
      return `${key}: ${nested?.$layer ? tfjsExpression(nested.$layer.type, nested.$layer.params) : JSON.stringify(value)}`;
    });
  return `tf.layers.${factoryOf(kind)}({ ${entries.join(', ')} })`;
}

const size = (max: number) => fc.integer({ min: 1, max });
const dim = (max: number, symbol: string) =>
  fc.oneof({ weight: 6, arbitrary: size(max) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(symbol) });
/** `[null, …]` of the given ranks, some dims unknown or named. */
const shapeOfRank = (minRank: number, maxRank: number) =>
  fc.array(dim(5, 'steps'), { minLength: minRank - 1, maxLength: maxRank - 1 }).map((dims): Shape => [null, ...dims]);
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
        const { def, parsed, result } = ours('BatchNormalization', p, [input]);
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
    const { def, parsed } = ours('BatchNormalization', {}, [[null, 8, 8, 16]]);
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
    expect(ours('BatchNormalization', { center: false }, [[null, 4]]).result).toMatchObject({ warnings: [{ severity: 'warning', param: 'center' }] });
    expect(ours('BatchNormalization', { scale: false }, [[null, 4]]).result).toMatchObject({ warnings: [{ severity: 'warning', param: 'scale' }] });
    expect(ours('BatchNormalization', {}, [[null, 4]]).result).toEqual({ shapes: [[null, 4]] });
  });

  it('imports the one-axis list tf.keras 2 writes for a built layer', () => {
    const { params: imported } = kerasConfigToParams(definition('BatchNormalization'), { axis: [3], momentum: 0.9, epsilon: 1e-5, center: true, scale: false });
    expect(definition('BatchNormalization').params.parse(imported)).toMatchObject({ axis: 3, momentum: 0.9, epsilon: 1e-5, scale: false });
  });

  it('round-trips through the Keras config tfjs writes', () => {
    fc.assert(
      fc.property(params, (p) => {
        const roundTripping = { ...p, axis: -1, betaInitializer: 'zeros', gammaInitializer: 'ones' };
        expect(imported('BatchNormalization', roundTripping, [null, 3, 4])).toEqual(definition('BatchNormalization').params.parse(roundTripping));
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
        const { def, parsed, result } = ours('LayerNormalization', p, [input]);
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
    expect(ours('LayerNormalization', { axis: 0 }, [[null, 4]]).result).toMatchObject({ problems: [{ param: 'axis', message: expect.stringContaining('batch axis') }] });
    expect(ours('LayerNormalization', { axis: [1, -2] }, [[null, 3, 4]]).result).toMatchObject({ problems: [{ param: 'axis', message: expect.stringContaining('twice') }] });
    expect(ours('LayerNormalization', { axis: 1 }, [[null, 'timesteps', 4]]).result).toMatchObject({ problems: [{ port: 'in', message: expect.stringContaining('"timesteps"') }] });
    // Nothing is sized by the axes without center and scale: any size will do, as in tfjs.
    expect(ours('LayerNormalization', { axis: 1, center: false, scale: false }, [[null, 'timesteps', 4]]).result).toEqual({ shapes: [[null, 'timesteps', 4]] });
  });

  it('round-trips through the Keras config tfjs writes, which resolves the axes to a list of positive ones', () => {
    fc.assert(
      fc.property(params, shapeOfRank(2, 4), (p, input) => {
        const concrete = input.map((d, i) => (i === 0 ? null : typeof d === 'number' ? d : 3));
        const { result } = ours('LayerNormalization', p, [concrete]);
        fc.pre(!('problems' in result));
        const roundTripping = { ...p, betaInitializer: 'zeros', gammaInitializer: 'ones' };
        const axes = (typeof p.axis === 'number' ? [p.axis] : p.axis).map((a) => (a < 0 ? a + concrete.length : a));
        expect(imported('LayerNormalization', roundTripping, concrete)).toEqual({ ...definition('LayerNormalization').params.parse(roundTripping), axis: axes });
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
        const { def, parsed, result } = ours('Embedding', p, [input]);
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
    const at = (extra: Record<string, unknown>) => ours('Embedding', { inputDim: 100, outputDim: 8 }, [[null, 'words']], extra).result;
    expect(tf.layers.embedding({ inputDim: 5, outputDim: 1, embeddingsInitializer: 'ones' }).apply(tf.tensor2d([[1.9]])).toString()).toContain('1');
    expect(at({})).toMatchObject({ shapes: [[null, 'words', 8]], warnings: [{ severity: 'warning', port: 'in', message: expect.stringContaining('int32') }] });
    expect(at({ inputDtypes: ['float32'] })).toMatchObject({ warnings: [{ message: expect.stringContaining('float32') }] });
    expect(at({ inputDtypes: ['int32'] })).toEqual({ shapes: [[null, 'words', 8]], warnings: [] });
  });

  it('says which inputLength contradicts the input', () => {
    expect(askTfjs(definition('Embedding'), { inputDim: 5, outputDim: 2, inputLength: 4 }, [[null, 3]]).error).toMatch(/inputLength/);
    expect(ours('Embedding', { inputDim: 5, outputDim: 2, inputLength: 4 }, [[null, 3]]).result).toMatchObject({ problems: [{ param: 'inputLength' }] });
    expect(ours('Embedding', { inputDim: 5, outputDim: 2, inputLength: [4, 2] }, [[null, 4]]).result).toMatchObject({ problems: [{ param: 'inputLength' }] });
    expect(ours('Embedding', { inputDim: 5, outputDim: 2, inputLength: 4 }, [[null, 'words']]).result).toMatchObject({ shapes: [[null, 4, 2]] });
  });

  it('round-trips through the Keras config tfjs writes', () => {
    fc.assert(
      fc.property(params, (p) => {
        const roundTripping = { ...p, embeddingsInitializer: 'randomUniform' };
        const lengths = roundTripping.inputLength === undefined ? [3] : typeof roundTripping.inputLength === 'number' ? [roundTripping.inputLength] : roundTripping.inputLength;
        expect(imported('Embedding', roundTripping, [null, ...lengths])).toEqual(definition('Embedding').params.parse(roundTripping));
      }),
      { numRuns: 20 },
    );
  });
});

describe('Masking agrees with tfjs', () => {
  it('passes its input through, with no weights', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -5, max: 5 }), shapeOfRank(2, 4), (maskValue, input) => {
        const { def, parsed, result } = ours('Masking', { maskValue }, [input]);
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
        expect(imported('Masking', { maskValue }, [null, 3, 4])).toEqual({ maskValue });
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

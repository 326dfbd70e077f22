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
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dim, Shape } from '../schemas/shape';
import { findLayer } from '../compiler/layers/registry';
import { CATEGORIES, rankFits, type AnyLayerDefinition, type RankSpec } from '../compiler/layers/definition';
import { paramCount, weightSpecs } from '../compiler/cost';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { toTfjsShape } from '../compiler/shapes';
import { askTfjs, asTfjs, type TfjsAnswer } from './tfjs-oracle';

// ---- the oracle harness (the same in each layers-*.test.ts) -------------------------------

type Params = Record<string, unknown>;
type Ours = { ok: true; shapes: Shape[]; params: number; warnings: string[] } | { ok: false; why: 'params' | 'rank' | 'problems'; messages: string[] };

const layer = (kind: string): AnyLayerDefinition => {
  const definition = findLayer(kind);
  if (!definition) throw new Error(`${kind} is not in the registry`);
  return definition;
};

/** What Layerwire says: zod, then the rank contract (as check enforces it), then the shape function. */
function ours(kind: string, params: Params, inputs: Shape[]): Ours {
  const def = layer(kind);
  const parsed = def.params.safeParse(params);
  if (!parsed.success) return { ok: false, why: 'params', messages: parsed.error.issues.map((i: { message: string }) => i.message) };
  const contract = def.inputs;
  const specs: RankSpec[] = contract.kind === 'fixed' ? contract.ports : inputs.map(() => contract);
  if (inputs.some((s, i) => !rankFits(specs[i] ?? {}, s.length))) return { ok: false, why: 'rank', messages: ['rank contract'] };
  const result = def.inferShape({ inputs, params: parsed.data, label: kind });
  if ('problems' in result) return { ok: false, why: 'problems', messages: result.problems.map((p) => p.message) };
  return { ok: true, shapes: result.shapes, params: paramCount(def, parsed.data, inputs), warnings: (result.warnings ?? []).map((w) => w.message) };
}

/** Concrete sizes for a symbolic shape: the batch 2, unknown sizes 2, each symbol its own size. */
const concrete = (shape: Shape) => shape.map((d, i) => (typeof d === 'number' ? d : d === null ? 2 : i === 0 ? 2 : 3 + (d.length % 3)));

/**
 * Whether the layer tfjs built for the symbolic inputs (as in a model) then
 * runs on real tensors (in training mode) and gives the shape it promised.
 */
function tfjsRuns(def: AnyLayerDefinition, params: unknown, inputs: Shape[], promised: (number | null)[][] | undefined): boolean {
  try {
    const built = buildTfjsLayer(def, params, undefined);
    const symbolic = inputs.map((s) => tf.input({ batchShape: toTfjsShape(s) }));
    built.apply(symbolic.length === 1 ? symbolic[0]! : symbolic);
    const values = inputs.map((s) => tf.ones(concrete(s)));
    const out = built.apply(values.length === 1 ? values[0]! : values, { training: true }) as tf.Tensor;
    const expected = promised?.[0] ?? out.shape;
    return out.shape.length === expected.length && expected.every((d, i) => d === null || d === out.shape[i]);
  } catch {
    return false;
  }
}

/**
 * One case, ours beside tfjs's. `stricter` names the documented cases where we
 * refuse a layer that tfjs builds and even runs.
 */
function expectAgreement(kind: string, params: Params, inputs: Shape[], stricter: (params: Params, inputs: Shape[]) => boolean = () => false): Ours {
  const def = layer(kind);
  const mine = ours(kind, params, inputs);
  const theirs: TfjsAnswer = mine.ok || mine.why !== 'params' ? askTfjs(def, params, inputs) : askRaw(def, params, inputs);
  const where = `${kind}(${JSON.stringify(params)}) on ${JSON.stringify(inputs)}`;
  if (theirs.error !== undefined) {
    expect(mine.ok, `${where}: tfjs throws "${theirs.error}" but we infer ${JSON.stringify(mine)}`).toBe(false);
    return mine;
  }
  if (mine.ok) {
    expect(mine.shapes.map(asTfjs), where).toEqual(theirs.shapes);
    expect(mine.params, `${where}: parameter count`).toBe(theirs.params);
    return mine;
  }
  if (mine.why === 'params') return mine; // zod may be stricter than tfjs; each schema says why
  const parsed = def.params.parse(params);
  const documented = stricter(parsed, inputs);
  expect(documented || !tfjsRuns(def, parsed, inputs, theirs.shapes), `${where}: we refuse (${mine.messages.join('; ')}) what tfjs builds as ${JSON.stringify(theirs.shapes)} and runs`).toBe(true);
  return mine;
}

/** tfjs's answer for parameters zod refuses (built from the raw values). */
function askRaw(def: AnyLayerDefinition, params: Params, inputs: Shape[]): TfjsAnswer {
  try {
    const built = buildTfjsLayer(def, params, undefined);
    const symbolic = inputs.map((s) => tf.input({ batchShape: toTfjsShape(s) }));
    const out = built.apply(symbolic.length === 1 ? symbolic[0]! : symbolic) as tf.SymbolicTensor;
    return { shapes: [out.shape as (number | null)[]], params: built.countParams() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

let modelCount = 0;
/** Builds the tfjs layer in a model, saves it as Keras JSON and imports its config back. */
function kerasRoundTrip(kind: string, params: Params, inputs: Shape[]) {
  const def = layer(kind);
  const parsed = def.params.parse(params);
  const before = structuredClone(parsed);
  const name = `under_test_${++modelCount}`;
  const built = buildTfjsLayer(def, parsed, name);
  const symbolic = inputs.map((s) => tf.input({ batchShape: toTfjsShape(s) }));
  const output = built.apply(symbolic.length === 1 ? symbolic[0]! : symbolic) as tf.SymbolicTensor;
  const model = tf.model({ inputs: symbolic, outputs: output });
  const json = JSON.parse(JSON.stringify(model.toJSON(null, false))) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  const entry = json.config.layers.find((l) => l.config.name === name)!;
  expect(entry.class_name).toBe(kind);
  expect(parsed, 'building the tfjs layer must not change our parameters').toEqual(before);
  const imported = kerasConfigToParams(def, entry.config);
  return { parsed, imported: def.params.parse(imported.params), ignored: imported.ignored, config: entry.config };
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** `tf.layers.<factory>(<config>)` for each case, checked by the real `tsc --strict` against tfjs's types. */
function typeCheckConfigs(name: string, cases: [kind: string, params: Params][]): void {
  const dir = path.join(here, '.generated', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const lines = cases.map(([kind, params]) => {
    const def = layer(kind);
    if (!('factory' in def.tfjs)) throw new Error(`${kind} is a custom layer`);
    return `  tf.layers.${def.tfjs.factory}(${JSON.stringify(def.tfjs.config(def.params.parse(params)))}),`;
  });
  fs.writeFileSync(path.join(dir, 'layers.ts'), `import * as tf from '@tensorflow/tfjs';\n\nexport const layers: tf.layers.Layer[] = [\n${lines.join('\n')}\n];\n`);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', types: [] }, include: ['*.ts'] }),
  );
  try {
    execFileSync(path.join(here, '../node_modules/.bin/tsc'), ['-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: string };
    throw new Error(`tsc --strict refuses a tfjs config:\n${e.stdout ?? String(error)}`);
  }
}

/**
 * Our defaults are tfjs's: a tfjs layer built from our parsed defaults has the
 * config of one built from the required parameters alone, so emitted code may
 * leave defaults out. `unsetMeans` lists what tfjs does when a key is left unset
 * and its config then omits the key.
 */
function expectTfjsDefaults(kind: string, required: Params, unsetMeans: Params = {}): void {
  const def = layer(kind);
  if (!('factory' in def.tfjs)) throw new Error(`${kind} is a custom layer`);
  const factory = (tf.layers as unknown as Record<string, (config: unknown) => tf.layers.Layer>)[def.tfjs.factory]!;
  const { name: _a, ...theirs } = factory(structuredClone(required)).getConfig();
  const { name: _b, ...mine } = buildTfjsLayer(def, def.params.parse(required), undefined).getConfig();
  expect(mine, `${kind}: defaults`).toEqual({ ...theirs, ...unsetMeans });
}

/** A dimension as documents hold them: mostly sizes, sometimes unknown or a named symbol. */
const dim: fc.Arbitrary<Dim> = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom('timesteps', 'steps') });
const batch: fc.Arbitrary<Dim> = fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(4) });
const shapeOfRank = (min: number, max: number) => fc.tuple(batch, fc.array(dim, { minLength: min - 1, maxLength: max - 1 })).map(([b, rest]): Shape => [b, ...rest]);
const knownShape = (min: number, max: number) => fc.array(fc.integer({ min: 1, max: 5 }), { minLength: min - 1, maxLength: max - 1 }).map((rest): Shape => [null, ...rest]);
const RUNS = { numRuns: 50 };

/** The description the inspector shows for a parameter, looking through `.default()` and `.optional()`. */
function descriptionOf(schema: unknown): string | undefined {
  let current = schema as { description?: string; _zod?: { def?: { innerType?: unknown } } } | undefined;
  while (current) {
    if (current.description) return current.description;
    current = current._zod?.def?.innerType as typeof current;
  }
  return undefined;
}

/**
 * The definition contract for each kind: a palette category, a described
 * parameter for each field, and a shape function that never throws — for
 * inputs the checker lets through (ranks within the contract; sizes known,
 * unknown or symbolic) and for a missing input — with weights and FLOPs that
 * do not throw either once it has answered.
 */
function expectContract(kind: string, params: fc.Arbitrary<Params>): void {
  const def = layer(kind);
  expect(CATEGORIES).toContain(def.category);
  for (const [field, schema] of Object.entries(def.params.shape)) expect(descriptionOf(schema), `${kind}.${field} needs a description`).toBeTruthy();
  const contract = def.inputs;
  const ports: RankSpec[] = contract.kind === 'fixed' ? contract.ports : [contract, contract, contract];
  const shapeFor = (spec: RankSpec) => shapeOfRank(Math.max(1, spec.rank ?? spec.minRank ?? 1), Math.max(1, spec.rank ?? spec.maxRank ?? 5));
  const inputs = fc.tuple(...ports.map(shapeFor)).chain((shapes) => fc.integer({ min: 0, max: shapes.length }).map((n) => (contract.kind === 'fixed' && n !== 0 ? shapes : shapes.slice(0, n))));
  fc.assert(
    fc.property(params, inputs, (p, shapes) => {
      const parsed = def.params.parse(p);
      const result = def.inferShape({ inputs: shapes, params: parsed, label: kind });
      if ('problems' in result) {
        expect(result.problems.length).toBeGreaterThan(0);
        return;
      }
      for (const shape of result.shapes) for (const d of shape) expect(d === null || typeof d === 'string' || Number.isInteger(d)).toBe(true);
      weightSpecs(def, parsed, shapes);
      def.flops?.({ inputs: shapes, outputs: result.shapes, params: parsed });
    }),
    { numRuns: 40 },
  );
}

// ---- the activation kinds ----------------------------------------------------------------

const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new'] as const;
const tenths = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const defined = (params: Params): Params => Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));

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
    expect(layer('Softmax').params.parse({}).axis).toBe(1);
    expect((tf.layers.softmax() as unknown as { axis: number }).axis).toBe(1);
  });

  it('refuses a single non-last axis, which tfjs builds but cannot run', () => {
    const result = ours('Softmax', { axis: 1 }, [[null, 'timesteps', 1]]);
    expect(result).toMatchObject({ ok: false, why: 'problems' });
    expect(askTfjs(layer('Softmax'), { axis: 1 }, [[null, 5, 1]]).shapes).toEqual([[null, 5, 1]]);
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
    const params = layer('PReLU').params.parse({ sharedAxes: [1, 2] });
    expect(weightSpecs(layer('PReLU'), params, [[null, 8, 8, 16]])).toEqual([{ name: 'alpha', shape: [1, 1, 16], trainable: true }]);
    const built = buildTfjsLayer(layer('PReLU'), params, undefined);
    built.apply(tf.input({ batchShape: [null, 8, 8, 16] }));
    expect(built.weights.map((w) => [w.name.split('/').at(-1), w.shape])).toEqual([['alpha', [1, 1, 16]]]);
  });

  it('needs known sizes where alpha is not shared, and offers to share it', () => {
    const result = layer('PReLU').inferShape({ inputs: [[null, 'timesteps', 8]], params: layer('PReLU').params.parse({}), label: "PReLU 'p'" });
    expect(result).toMatchObject({ problems: [{ fix: { kind: 'set-param', param: 'sharedAxes', value: [1] } }] });
    expect(askTfjs(layer('PReLU'), {}, [[null, null, 8]]).error).toMatch(/positive integers/);
    expect(ours('PReLU', { sharedAxes: [1] }, [[null, 'timesteps', 8]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 8]], params: 8 });
  });

  it('refuses orthogonal on an unknown axis, where tfjs quietly shares one alpha (documented: stricter)', () => {
    expect(ours('PReLU', { alphaInitializer: 'orthogonal' }, [[null, 1, null]])).toMatchObject({ ok: false, why: 'problems' });
    expect(askTfjs(layer('PReLU'), { alphaInitializer: 'orthogonal' }, [[null, 1, null]])).toEqual({ shapes: [[null, 1, null]], params: 1 });
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
    expect(kerasConfigToParams(layer('LeakyReLU'), { name: 'l', negative_slope: 0.2 }).params).toEqual({ alpha: 0.2 });
    expect(kerasConfigToParams(layer('LeakyReLU'), { name: 'l', alpha: 0.1 }).params).toEqual({ alpha: 0.1 });
  });

  it('ReLU needs no special import: max_value converts and null means no cap', () => {
    expect(kerasConfigToParams(layer('ReLU'), { max_value: 6, negative_slope: 0, threshold: 0 })).toEqual({ params: { maxValue: 6 }, ignored: ['negative_slope', 'threshold'] });
    expect(kerasConfigToParams(layer('ReLU'), { max_value: null }).params).toEqual({});
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
    const flops = (kind: string, params: Params, input: Shape) => layer(kind).flops!({ inputs: [input], outputs: [input], params: layer(kind).params.parse(params) });
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

/**
 * Reshape layers against tfjs as the oracle: Flatten, Reshape, Permute,
 * RepeatVector.
 *
 * Each kind: random parameters and input shapes (named symbols included) give
 * the same output shapes as tfjs; where tfjs throws we refuse too; where we
 * refuse what tfjs builds (Reshape: wrong element counts, two -1s, a -1 that
 * does not divide, which tfjs checks only when the batch size is known), tfjs
 * fails when it runs the layer on real data; the Keras config tfjs writes
 * imports back to the same parameters; defaults are tfjs's; the tfjs config
 * type-checks under `tsc --strict`.
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

// ---- Flatten ---------------------------------------------------------------------------

describe('Flatten', () => {
  it('agrees with tfjs over random ranks and shapes, refusing unknown sizes as tfjs does', () => {
    const params = fc.record({ dataFormat: fc.option(fc.constantFrom('channelsLast', 'channelsFirst'), { nil: undefined }) }).map((p) => (p.dataFormat ? p : {}));
    fc.assert(fc.property(params, shapeOfRank(2, 5), (p, input) => void expectAgreement('Flatten', p, [input])), RUNS);
  });

  it('multiplies the sizes, and names the axes it cannot', () => {
    expect(ours('Flatten', {}, [[null, 31, 31, 32]])).toMatchObject({ ok: true, shapes: [[null, 30752]] });
    const result = layer('Flatten').inferShape({ inputs: [[null, 'timesteps', 8]], params: layer('Flatten').params.parse({}), label: "Flatten 'f'" });
    expect(result).toMatchObject({ problems: [{ port: 'in', message: expect.stringContaining('axis 1 ("timesteps")') }] });
    expect(askTfjs(layer('Flatten'), {}, [[null, 'timesteps', 8]]).error).toMatch(/not fully defined/);
  });
});

// ---- Reshape ---------------------------------------------------------------------------

/** Target shapes for an input: mostly ones that hold the same values (regrouped, one size as -1), sometimes anything. */
const targetFor = (input: Shape) => {
  const sizes = input.slice(1).map((d) => (typeof d === 'number' ? d : 3));
  const regrouped = fc.shuffledSubarray(sizes, { minLength: sizes.length, maxLength: sizes.length }).chain((order) =>
    fc.integer({ min: -1, max: order.length - 1 }).map((wild) => order.map((d, i) => (i === wild ? -1 : d))),
  );
  const merged = fc.constant([sizes.reduce((a, b) => a * b, 1)]);
  const anything = fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 4 });
  return fc.oneof(regrouped, merged, anything);
};
const reshapeCases = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(4) }), fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant('timesteps') }), { minLength: 1, maxLength: 3 }))
  .map(([b, rest]): Shape => [b, ...rest])
  .chain((input) => fc.tuple(targetFor(input), fc.constant(input)));

describe('Reshape', () => {
  it('agrees with tfjs; refuses only what tfjs refuses or cannot run', () => {
    fc.assert(fc.property(reshapeCases, ([targetShape, input]) => void expectAgreement('Reshape', { targetShape }, [input])), { numRuns: 100 });
  });

  /** The documented cases where Layerwire is stricter than tfjs's shape inference, with tfjs failing at run time beside each. */
  const stricter: [string, number[], Shape, Shape][] = [
    ['element counts differ', [5], [null, 2, 3], [2, 2, 3]],
    ['two -1s', [-1, -1], [null, 2, 3], [2, 2, 3]],
    ['a -1 that does not divide', [-1, 4], [null, 2, 3], [2, 2, 3]],
  ];
  for (const [why, targetShape, input, real] of stricter) {
    it(`refuses ${why}, which tfjs builds (batch unknown) but cannot run`, () => {
      expect(ours('Reshape', { targetShape }, [input])).toMatchObject({ ok: false, why: 'problems' });
      expect(askTfjs(layer('Reshape'), { targetShape }, [input]).error).toBeUndefined();
      expect(() => tf.layers.reshape({ targetShape: [...targetShape] }).apply(tf.ones(real.map(Number)))).toThrow();
    });
  }

  it('names both counts, and offers a -1 that makes them agree', () => {
    const result = layer('Reshape').inferShape({ inputs: [[null, 28, 28]], params: { targetShape: [28, 27] }, label: "Reshape 'r'" });
    expect(result).toMatchObject({ problems: [{ param: 'targetShape', message: expect.stringMatching(/784 values per sample.*holds 756/) }] });
    const again = layer('Reshape').inferShape({ inputs: [[null, 784]], params: { targetShape: [28, 27] }, label: "Reshape 'r'" });
    expect(again).toMatchObject({ problems: [{ fix: { kind: 'set-param', param: 'targetShape', value: [28, -1] } }] });
    expect(layer('Reshape').inferShape({ inputs: [[null, 784]], params: { targetShape: [-1, 28] }, label: "Reshape 'r'" })).toEqual({ shapes: [[null, null, 28]] });
  });

  it('works out -1 only when the batch is known, as tfjs does', () => {
    expect(ours('Reshape', { targetShape: [-1, 4] }, [[null, 2, 6]])).toMatchObject({ ok: true, shapes: [[null, null, 4]] });
    expect(ours('Reshape', { targetShape: [-1, 4] }, [[8, 2, 6]])).toMatchObject({ ok: true, shapes: [[8, 3, 4]] });
  });

  it("does not let tfjs overwrite the document's -1 (tfjs's Reshape rewrites the array it is given)", () => {
    const params = layer('Reshape').params.parse({ targetShape: [-1, 4] });
    buildTfjsLayer(layer('Reshape'), params, undefined);
    expect(params.targetShape).toEqual([-1, 4]);
    const raw = [-1, 4];
    tf.layers.reshape({ targetShape: raw });
    expect(raw).toEqual([null, 4]);
  });
});

// ---- Permute ---------------------------------------------------------------------------

const permutation = fc.integer({ min: 1, max: 5 }).chain((n) => fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: n, maxLength: n }));

describe('Permute', () => {
  it('agrees with tfjs over random permutations and ranks, moving symbols with their axes', () => {
    fc.assert(
      fc.property(permutation, shapeOfRank(2, 6), (dims, input) => {
        const mine = expectAgreement('Permute', { dims }, [input]);
        if (mine.ok) expect(mine.shapes).toEqual([[input[0], ...dims.map((d) => input[d])]]);
      }),
      RUNS,
    );
  });

  it('refuses what is not a permutation, as tfjs does', () => {
    const dims = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(dims, (d) => void expectAgreement('Permute', { dims: d }, [[null, 2, 3, 4, 5].slice(0, d.length + 1)])), RUNS);
  });

  it('refuses 10 or more axes, which tfjs cannot check (it sorts the numbers as text)', () => {
    const dims = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(() => tf.layers.permute({ dims })).toThrow(/Invalid permutation/);
    expect(ours('Permute', { dims }, [[null, ...dims.map(() => 1)]])).toMatchObject({ ok: false, why: 'params' });
  });
});

// ---- RepeatVector ----------------------------------------------------------------------

describe('RepeatVector', () => {
  it('agrees with tfjs over random n and ranks', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), shapeOfRank(2, 4), (n, input) => void expectAgreement('RepeatVector', { n }, [input])), RUNS);
  });

  it('keeps a symbol and offers Flatten for a rank-3 input', () => {
    expect(ours('RepeatVector', { n: 3 }, [[null, 'features']])).toMatchObject({ ok: true, shapes: [[null, 3, 'features']] });
    const port = (layer('RepeatVector').inputs as { ports: { fixForRank?: (s: Shape) => unknown }[] }).ports[0]!;
    expect(port.fixForRank!([null, 4, 5])).toMatchObject({ kind: 'insert-node', type: 'Flatten' });
  });
});

// ---- every kind here ---------------------------------------------------------------------

describe('Keras round trip: the config tfjs saves imports back to the same parameters', () => {
  const cases: [string, fc.Arbitrary<Params>, Shape][] = [
    ['Flatten', fc.constantFrom({}, { dataFormat: 'channelsFirst' }, { dataFormat: 'channelsLast' }), [null, 2, 3, 4]],
    ['Reshape', fc.constantFrom({ targetShape: [6, 4] }, { targetShape: [-1, 4] }, { targetShape: [2, -1, 2] }, { targetShape: [24] }), [null, 2, 3, 4]],
    ['Permute', permutation.filter((d) => d.length === 3).map((dims) => ({ dims })), [null, 2, 3, 4]],
    ['RepeatVector', fc.integer({ min: 1, max: 9 }).map((n) => ({ n })), [null, 4]],
  ];
  for (const [kind, params, input] of cases) {
    it(kind, () => {
      fc.assert(
        fc.property(params, (p) => {
          const { parsed, imported } = kerasRoundTrip(kind, p, [input]);
          expect(imported).toEqual(parsed);
        }),
        { numRuns: 12 },
      );
    });
  }

  it('Reshape reads -1 back from the null tfjs saves, and from Keras -1', () => {
    const { config } = kerasRoundTrip('Reshape', { targetShape: [-1, 4] }, [[null, 2, 3, 4]]);
    expect(config.target_shape).toEqual([null, 4]);
    expect(kerasConfigToParams(layer('Reshape'), { target_shape: [-1, 4] }).params).toEqual({ targetShape: [-1, 4] });
  });
});

describe('tfjs configs', () => {
  it("use tfjs's defaults, so that emitted code may leave them out", () => {
    expectTfjsDefaults('Flatten', {}, { dataFormat: 'channelsLast' }); // tfjs leaves dataFormat unset, which flattens channels-last
    expectTfjsDefaults('Reshape', { targetShape: [4] });
    expectTfjsDefaults('Permute', { dims: [2, 1] });
    expectTfjsDefaults('RepeatVector', { n: 2 });
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-reshape', [
      ['Flatten', {}],
      ['Flatten', { dataFormat: 'channelsFirst' }],
      ['Reshape', { targetShape: [-1, 4] }],
      ['Permute', { dims: [2, 1] }],
      ['RepeatVector', { n: 3 }],
    ]);
  });

  it('move no arithmetic', () => {
    for (const kind of ['Flatten', 'Reshape', 'Permute', 'RepeatVector']) expect(layer(kind).flops!({ inputs: [[null, 4]], outputs: [[null, 4]], params: {} })).toBe(0);
  });
});

describe('definition contract', () => {
  const cases: Record<string, fc.Arbitrary<Params>> = {
    Flatten: fc.constantFrom({}, { dataFormat: 'channelsFirst' }),
    Reshape: fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 4 }).map((targetShape) => ({ targetShape })),
    Permute: permutation.map((dims) => ({ dims })),
    RepeatVector: fc.integer({ min: 1, max: 4 }).map((n) => ({ n })),
  };
  for (const [kind, params] of Object.entries(cases)) it(kind, () => expectContract(kind, params));
});

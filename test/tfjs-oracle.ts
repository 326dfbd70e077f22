/**
 * tfjs as the independent oracle, and the one harness every layers-*.test.ts
 * uses: build the real tfjs layer for a definition and parameters, apply it to
 * symbolic inputs (and to real tensors), and put tfjs's answers — output
 * shapes, parameter counts, weights, the Keras config it saves, its defaults,
 * its TypeScript types — beside ours. Also the fast-check arbitraries that
 * several layer families share.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Dim, Shape } from '../schemas/shape';
import { CATEGORIES, outputPorts, rankFits, type AnyLayerDefinition, type RankSpec, type ShapeContext } from '../compiler/layers/definition';
import { findLayer } from '../compiler/layers/registry';
import { paramCount, weightSpecs } from '../compiler/cost';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { isKnown, toTfjsShape } from '../compiler/shapes';
import { generatedDir, typeCheck } from './emitted';

export type Params = Record<string, unknown>;

/** One random case of a single-input layer. */
export interface Case {
  params: Params;
  input: Shape;
}

export const definition = (kind: string): AnyLayerDefinition => {
  const found = findLayer(kind);
  if (!found) throw new Error(`${kind} is not in the registry`);
  return found;
};

/** `dense` for Dense: the `tf.layers` factory (or the custom class name). */
export const factoryOf = (kind: string): string => {
  const { tfjs: target } = definition(kind);
  return 'factory' in target ? target.factory : target.customClass;
};

// ---- tfjs's answers ------------------------------------------------------------------------

export interface TfjsAnswer {
  /** Output shapes, or the error tfjs threw. */
  shapes?: (number | null)[][];
  params?: number;
  error?: string;
}

/** tfjs's output shapes and parameter count for our parsed parameters, or the error it throws. */
export function askTfjs(def: AnyLayerDefinition, params: Record<string, unknown>, inputShapes: Shape[]): TfjsAnswer {
  const parsed = def.params.parse(params);
  try {
    const layer = buildTfjsLayer(def, parsed, undefined);
    const inputs = inputShapes.map((s) => tf.input({ batchShape: toTfjsShape(s) }));
    const out = layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tf.SymbolicTensor | tf.SymbolicTensor[];
    const outs = Array.isArray(out) ? out : [out];
    return { shapes: outs.map((o) => o.shape as (number | null)[]), params: layer.countParams() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** tfjs's answer for parameters zod refuses (built from the raw values). */
export function askRaw(def: AnyLayerDefinition, params: Params, inputs: Shape[]): TfjsAnswer {
  try {
    const built = buildTfjsLayer(def, params, undefined);
    const symbolic = inputs.map((s) => tf.input({ batchShape: toTfjsShape(s) }));
    const out = built.apply(symbolic.length === 1 ? symbolic[0]! : symbolic) as tf.SymbolicTensor;
    return { shapes: [out.shape as (number | null)[]], params: built.countParams() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Our shape with symbols erased, to compare with tfjs's. */
export const asTfjs = (shape: Shape) => toTfjsShape(shape);

/** Concrete sizes for a symbolic shape: the batch 2, unknown sizes 2, each symbol its own size. */
const concrete = (shape: Shape) => shape.map((d, i) => (typeof d === 'number' ? d : d === null ? 2 : i === 0 ? 2 : 3 + (d.length % 3)));

/**
 * Whether the layer tfjs built for the symbolic inputs (as in a model) then
 * runs on real tensors (in training mode) and gives the shape it promised.
 */
export function tfjsRuns(def: AnyLayerDefinition, params: unknown, inputs: Shape[], promised: (number | null)[][] | undefined): boolean {
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

/** Runs the layer on zeros (batch 1, a fully known input): the shape tfjs really produces, or the error it throws. */
export function runTfjs(def: AnyLayerDefinition, parsed: unknown, input: Shape): { shape?: number[]; error?: string } {
  try {
    const layer = buildTfjsLayer(def, parsed, undefined);
    return tf.tidy(() => ({ shape: (layer.apply(tf.zeros([1, ...(input.slice(1) as number[])])) as tf.Tensor).shape }));
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

// ---- ours beside tfjs's ----------------------------------------------------------------------

/** What Layerwire says about a layer, as a verdict: shapes and parameter count, or why it refuses. */
export type Ours = { ok: true; shapes: Shape[]; params: number; warnings: string[] } | { ok: false; why: 'params' | 'rank' | 'problems'; messages: string[] };

/** What Layerwire says: zod, then the rank contract (as check enforces it), then the shape function. */
export function ours(kind: string, params: Params, inputs: Shape[]): Ours {
  const def = definition(kind);
  const parsed = def.params.safeParse(params);
  if (!parsed.success) return { ok: false, why: 'params', messages: parsed.error.issues.map((i: { message: string }) => i.message) };
  const contract = def.inputs;
  const specs: RankSpec[] = contract.kind === 'fixed' ? contract.ports : inputs.map(() => contract);
  if (inputs.some((s, i) => !rankFits(specs[i] ?? {}, s.length))) return { ok: false, why: 'rank', messages: ['rank contract'] };
  const result = def.inferShape({ inputs, params: parsed.data, label: kind });
  if ('problems' in result) return { ok: false, why: 'problems', messages: result.problems.map((p) => p.message) };
  return { ok: true, shapes: result.shapes, params: paramCount(def, parsed.data, inputs), warnings: (result.warnings ?? []).map((w) => w.message) };
}

/** The shape function's raw answer for valid parameters (they must parse), with the definition and parsed params. */
export function inferred(kind: string, params: Params, inputs: Shape[], context: Partial<ShapeContext<unknown>> = {}) {
  const def = definition(kind);
  const parsed = def.params.parse(params);
  return { def, parsed, result: def.inferShape({ inputs, params: parsed, label: kind, ...context }) };
}

/**
 * One case, ours beside tfjs's. `stricter` names the documented cases where we
 * refuse a layer that tfjs builds and even runs.
 */
export function expectAgreement(kind: string, params: Params, inputs: Shape[], stricter: (params: Params, inputs: Shape[]) => boolean = () => false): Ours {
  const def = definition(kind);
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

/**
 * A symbol in our output claims "this axis has the input's length". Check the
 * claim: give the symbol concrete values and tfjs must return exactly those.
 */
export function expectSymbolsHold(def: AnyLayerDefinition, params: Params, input: Shape, output: Shape, context: string) {
  for (const symbol of new Set(output.filter((d): d is string => typeof d === 'string'))) {
    for (const value of [17, 23]) {
      const concreteInput = input.map((d) => (d === symbol ? value : d));
      const tfjsShape = askTfjs(def, params, [concreteInput]).shapes![0]!;
      output.forEach((d, axis) => {
        if (d === symbol) expect(tfjsShape[axis], `${context}: ${symbol} = ${value}`).toBe(value);
      });
    }
  }
}

/** Our weight layout beside tfjs's own `weights` (getWeights order): last name segment, shape, trainable. */
export function weightsBesideTfjs(kind: string, params: Params, input: Shape) {
  const def = definition(kind);
  const parsed = def.params.parse(params);
  const layer = buildTfjsLayer(def, parsed, undefined);
  layer.apply(tf.input({ batchShape: toTfjsShape(input) }));
  const trainable = new Set(layer.trainableWeights);
  const theirs = layer.weights.map((w) => ({ name: w.name.split('/').at(-1), shape: w.shape, trainable: trainable.has(w) }));
  const mine = def.weights!({ inputs: [input], params: parsed }).map((w) => ({ name: w.name.split('/').at(-1), shape: w.shape, trainable: w.trainable }));
  return { mine, theirs };
}

// ---- the Keras config tfjs saves ---------------------------------------------------------------

let modelCount = 0;

/** The layer's entry (snake_case) in the Keras JSON of a one-layer model tfjs builds from our parameters. */
export function kerasConfigOf(kind: string, params: Params, inputs: Shape[]): Record<string, unknown> {
  const def = definition(kind);
  const parsed = def.params.parse(params);
  const before = structuredClone(parsed);
  const name = `under_test_${++modelCount}`;
  const built = buildTfjsLayer(def, parsed, name);
  const symbolic = inputs.map((s) => tf.input({ batchShape: toTfjsShape(s) }));
  const output = built.apply(symbolic.length === 1 ? symbolic[0]! : symbolic) as tf.SymbolicTensor | tf.SymbolicTensor[];
  const model = tf.model({ inputs: symbolic, outputs: output });
  const json = JSON.parse(JSON.stringify(model.toJSON(null, false))) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  const entry = json.config.layers.find((l) => l.config.name === name)!;
  expect(entry.class_name).toBe(kind);
  expect(parsed, 'building the tfjs layer must not change our parameters').toEqual(before);
  return entry.config;
}

/** Builds the tfjs layer in a model, saves it as Keras JSON and imports its config back (parsed, so defaults compare equal). */
export function kerasRoundTrip(kind: string, params: Params, inputs: Shape[]) {
  const def = definition(kind);
  const parsed = def.params.parse(params);
  const config = kerasConfigOf(kind, params, inputs);
  const imported = kerasConfigToParams(def, config);
  return { parsed, imported: def.params.parse(imported.params), ignored: imported.ignored, config };
}

// ---- tfjs's defaults and types: what emitted code may leave out and must type-check ------------

/** Configs of a tfjs layer built from our parsed defaults and of one built from the required parameters alone. */
function configsFromDefaults(kind: string, required: Params) {
  const def = definition(kind);
  if (!('factory' in def.tfjs)) throw new Error(`${kind} is a custom layer`);
  const factory = (tf.layers as unknown as Record<string, (config: unknown) => tf.layers.Layer>)[def.tfjs.factory]!;
  const { name: _theirName, ...theirs } = factory(structuredClone(required)).getConfig();
  const { name: _ourName, ...mine } = buildTfjsLayer(def, def.params.parse(required), undefined).getConfig();
  return { mine, theirs };
}

/**
 * Our defaults are tfjs's: a tfjs layer built from our parsed defaults has the
 * config of one built from the required parameters alone, so emitted code may
 * leave defaults out. `unsetMeans` lists what tfjs does when a key is left unset
 * and its config then omits the key.
 */
export function expectTfjsDefaults(kind: string, required: Params, unsetMeans: Params = {}): void {
  const { mine, theirs } = configsFromDefaults(kind, required);
  expect(mine, `${kind}: defaults`).toEqual({ ...theirs, ...unsetMeans });
}

/** The same configs side by side, where a flag tfjs leaves unset reads as our false. */
export function configBesideTfjs(kind: string, required: Params) {
  const { mine, theirs } = configsFromDefaults(kind, required);
  for (const [key, value] of Object.entries(mine)) if (value === false && theirs[key] === undefined) theirs[key] = false;
  return { mine, theirs };
}

/** The expression the TypeScript emitter writes for a layer: its config as a literal, a wrapped layer as its own expression. */
export function tfjsExpression(kind: string, params: Params): string {
  const def = definition(kind);
  const entries = Object.entries(def.tfjs.config(def.params.parse(params)))
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const nested = value as { $layer?: { type: string; params: Params } } | null;
      return `${key}: ${nested?.$layer ? tfjsExpression(nested.$layer.type, nested.$layer.params) : JSON.stringify(value)}`;
    });
  return `tf.layers.${factoryOf(kind)}({ ${entries.join(', ')} })`;
}

/** `tf.layers.<factory>(<our config>)` for each case, written to one file that must pass tsc --strict against tfjs's types. */
export function typeCheckConfigs(name: string, cases: [kind: string, params: Params][]): void {
  const dir = generatedDir(name);
  const lines = cases.map(([kind, params]) => `  ${tfjsExpression(kind, params)},`);
  fs.writeFileSync(path.join(dir, 'layers.ts'), `import * as tf from '@tensorflow/tfjs';\n\nexport const layers: tf.layers.Layer[] = [\n${lines.join('\n')}\n];\n`);
  typeCheck(dir);
}

// ---- the definition contract -------------------------------------------------------------------

/** The description the inspector shows for a parameter, looking through `.default()` and `.optional()`. */
export function descriptionOf(schema: unknown): string | undefined {
  let current = schema as { description?: string; _zod?: { def?: { innerType?: unknown } } } | undefined;
  while (current) {
    if (current.description) return current.description;
    current = current._zod?.def?.innerType as typeof current;
  }
  return undefined;
}

/** Params whose schema carries no help for the inspector on the outside (zod drops a description when .default() follows .describe()). */
export const undescribed = (kind: string) => Object.entries(definition(kind).params.shape).filter(([, schema]) => !(schema as { description?: string }).description).map(([name]) => name);

/**
 * The definition contract for each kind: a palette category, a described
 * parameter for each field, and a shape function that never throws — for
 * inputs the checker lets through (ranks within the contract; sizes known,
 * unknown or symbolic) and for a missing input — with weights and FLOPs that
 * do not throw either once it has answered.
 */
export function expectContract(kind: string, params: fc.Arbitrary<Params>): void {
  const def = definition(kind);
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

/** inferShape never throws, over any dims within the rank contract; its shapes match the output ports, and cost functions run on them. */
export function expectTotal(kind: string, params: fc.Arbitrary<unknown>, minRank: number, maxRank: number) {
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

// ---- arbitraries ---------------------------------------------------------------------------------

/** A dimension as documents hold them: mostly sizes, sometimes unknown or a named symbol. */
export const dim: fc.Arbitrary<Dim> = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom('timesteps', 'steps') });
export const batch: fc.Arbitrary<Dim> = fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(4) });
export const shapeOfRank = (min: number, max: number) => fc.tuple(batch, fc.array(dim, { minLength: min - 1, maxLength: max - 1 })).map(([b, rest]): Shape => [b, ...rest]);
export const knownShape = (min: number, max: number) => fc.array(fc.integer({ min: 1, max: 5 }), { minLength: min - 1, maxLength: max - 1 }).map((rest): Shape => [null, ...rest]);
export const RUNS = { numRuns: 50 };

/** Any dimension the checker may hand over: a size (0 included), unknown, or a named symbol. */
export const anyDim = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(null), fc.constantFrom('timesteps', 'n'));
export const size = (max: number) => fc.integer({ min: 1, max });
/** A dimension that is usually known (up to `max`), sometimes unknown or the named `symbol`. */
export const dimUpTo = (max: number, symbol: string) =>
  fc.oneof({ weight: 6, arbitrary: size(max) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(symbol) });

export const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
export const defined = (params: Params): Params => Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));

// Spatial layers (convolution, pooling): `[batch, …spatial, channels]` or `[batch, channels, …spatial]`.

export const SYMBOL = 'steps';
/** A spatial dim: mostly a size, sometimes unknown or the named SYMBOL. */
export const spatialDim = (max: number) =>
  fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(SYMBOL) });
/** A size per axis: `n` or `[n, …]`; canonical cases always give the array, as tfjs writes it back. */
export const sizes = (rank: number, max: number, canonical: boolean) => {
  const array = fc.array(fc.integer({ min: 1, max }), { minLength: rank, maxLength: rank });
  return canonical ? array : fc.oneof(fc.integer({ min: 1, max }), array);
};
export const dataFormat = fc.constantFrom('channelsLast', 'channelsFirst');
/** `[batch, …spatial, channels]` or `[batch, channels, …spatial]`. */
export const layout = (format: unknown, spatial: Shape, c: Shape[number]): Shape => (format === 'channelsFirst' ? [null, c, ...spatial] : [null, ...spatial, c]);
export const allKnown = (shape: Shape) => shape.slice(1).every(isKnown);

/**
 * Property tests over random graphs, with tfjs as the oracle. A graph is a few
 * steps; each step is a layer of any registered kind, starting from one of its
 * samples (test/layer-samples.ts) with random parameter changes — sensible
 * ones and junk alike — and fed either by fresh Inputs or by earlier nodes.
 *
 * - checkGraph never throws, whatever the graph;
 * - every graph it accepts builds in tfjs, and every layer has exactly the
 *   output shapes and parameter count check predicted;
 * - the TypeScript emitted for some accepted graphs compiles under tsc --strict;
 * - for single layers: what tfjs builds and runs with valid sizes, we accept.
 *
 * Seeded, so a failure reproduces; fast-check prints the shrunk graph.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphDocumentInput } from '../schemas';
import type { Shape } from '../schemas/shape';
import { parseGraphDocument } from '../schemas';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { emitTypeScript } from '../compiler/emit/typescript';
import { outputPorts } from '../compiler/layers/definition';
import { toTfjsShape } from '../compiler/shapes';
import { samples } from './layer-samples';
import { askTfjs, definition, ours, tfjsRuns } from './tfjs-oracle';
import { generatedDir, typeCheck } from './emitted';

const SEED = 20261125;
const KINDS = Object.keys(samples).filter((kind) => kind !== 'Input');

/** Values a parameter may be set to: plausible ones, and junk the schema must refuse. */
const paramValue = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom('same', 'valid', 'causal', 'relu', 'tanh', 'softmax', 'channelsFirst', 'channelsLast', 'sum', 'concat') },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom([1, 2], [2, 2], [2, 1], [1, 1, 2], [-1], [3, -1]) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 2.5, 1e9, null, 'bogus', {}, [], [[1, 0], [0, 1]]) },
);

/** One change to a sample's parameters: set a field it has (by position) or a field it may not have, or drop one. */
const paramChange = fc.record({
  field: fc.oneof(fc.nat(), fc.constantFrom('strides', 'padding', 'activation', 'axis', 'returnSequences', 'returnState', 'dataFormat', 'units', 'filters', 'kernelSize', 'poolSize', 'rate')),
  value: fc.option(paramValue, { nil: undefined, freq: 8 }),
});

const dimValue = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant('timesteps') });

/** Where a layer's input comes from: a fresh Input shaped like the sample's (or with one axis changed), or an earlier node. */
const source = fc.oneof(
  { weight: 3, arbitrary: fc.record({ fresh: fc.constant(true as const), axis: fc.nat(), size: fc.option(dimValue, { nil: undefined, freq: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ fresh: fc.constant(false as const), node: fc.nat(), port: fc.nat({ max: 3 }) }) },
);

const step = fc.record({
  kind: fc.constantFrom(...KINDS),
  sample: fc.nat(),
  changes: fc.array(paramChange, { maxLength: 3 }),
  sources: fc.array(source, { minLength: 3, maxLength: 3 }),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Steps → a GraphDocument; every step's node is an output unless a later step consumes it. */
function graphOf(steps: Step[]): GraphDocumentInput {
  const nodes: GraphDocumentInput['nodes'] = [];
  const edges: GraphDocumentInput['edges'] = [];
  const layers: { id: string; ports: number }[] = [];
  steps.forEach((s, index) => {
    const cases = samples[s.kind]!;
    const sample = cases[s.sample % cases.length]!;
    const params: Record<string, unknown> = structuredClone(sample.params);
    for (const change of s.changes) {
      const keys = Object.keys(params);
      const field = typeof change.field === 'number' ? keys[change.field % Math.max(1, keys.length)] : change.field;
      if (field === undefined) continue;
      if (change.value === undefined) delete params[field];
      else params[field] = change.value;
    }
    const def = definition(s.kind);
    const portNames = def.inputs.kind === 'fixed' ? def.inputs.ports.map((p) => p.name) : sample.inputs.map((_, i) => `in${i}`);
    const id = `l${index}`;
    portNames.forEach((port, i) => {
      const from = s.sources[i % s.sources.length]!;
      const earlier = layers.length ? layers[(from.fresh ? 0 : from.node) % layers.length]! : undefined;
      if (!from.fresh && earlier) {
        const outPort = earlier.ports > 1 ? `out${from.port % earlier.ports}` : 'out';
        edges.push({ from: { node: earlier.id, port: outPort }, to: { node: id, port } });
        return;
      }
      const shape: Shape = [...(sample.inputs[i] ?? sample.inputs[0] ?? [3])];
      if (from.fresh && from.size !== undefined && shape.length) shape[from.axis % shape.length] = from.size;
      const inputId = `${id}_in${i}`;
      nodes.push({ id: inputId, type: 'Input', params: { shape, ...(sample.dtype ? { dtype: sample.dtype } : {}) } });
      edges.push({ from: { node: inputId, port: 'out' }, to: { node: id, port } });
    });
    nodes.push({ id, type: s.kind, params });
    const parsed = def.params.safeParse(params);
    const ports = parsed.success ? outputPorts(def, parsed.data).length : 1;
    layers.push({ id, ports });
  });
  return { format: 'layerwire.graph', version: 1, name: 'fuzz', nodes, edges };
}

const graphs = fc.array(step, { minLength: 1, maxLength: 4 }).map(graphOf);

function checked(doc: GraphDocumentInput): CheckResult {
  const parsed = parseGraphDocument(doc);
  if (!parsed.ok) throw new Error(`the generator made an unparsable document: ${JSON.stringify(parsed.errors)}`);
  return checkGraph(parsed.document);
}

const shapesOf = (layer: tf.layers.Layer) => {
  const shape = layer.outputShape as (number | null)[] | (number | null)[][];
  return Array.isArray(shape[0]) || shape.length === 0 ? (shape as (number | null)[][]) : [shape as (number | null)[]];
};

describe('random graphs over every layer kind', () => {
  it('checkGraph never throws', () => {
    fc.assert(
      fc.property(graphs, (doc) => {
        const result = checked(doc);
        expect(result.nodes.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('every graph check accepts builds in tfjs with exactly the shapes and parameter counts it predicted', () => {
    let accepted = 0;
    const forTsc: { name: string; source: string }[] = [];
    fc.assert(
      fc.property(graphs, (doc) => {
        const result = checked(doc);
        if (!result.ok) return;
        accepted++;
        const built = buildTfjsModel(result, { compile: false });
        if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
        try {
          for (const report of result.nodes) {
            if (report.parent) continue; // inner nodes of blocks: not generated here
            const layer = built.model.getLayer(report.name);
            expect(shapesOf(layer), `${report.name} (${report.type})`).toEqual(report.outputs.map((o) => toTfjsShape(o.shape!)));
            expect(layer.countParams(), `${report.name} (${report.type}) parameters`).toBe(report.params);
          }
        } finally {
          built.model.dispose();
        }
        if (forTsc.length < 8) {
          const emitted = emitTypeScript(result);
          if (emitted.ok) forTsc.push({ name: `fuzz_${forTsc.length}`, source: emitted.source });
        }
      }),
      { seed: SEED + 1, numRuns: 1000 },
    );
    // A generator that never makes a valid graph would make this test vacuous.
    console.log(`fuzz: ${accepted} of 1000 random graphs accepted, built in tfjs and compared`);
    expect(accepted).toBeGreaterThan(100);

    const dir = generatedDir('fuzz-graphs');
    for (const { name, source } of forTsc) fs.writeFileSync(path.join(dir, `${name}.ts`), source);
    expect(forTsc.length).toBeGreaterThanOrEqual(5);
    expect(() => typeCheck(dir)).not.toThrow();
  });
});

/**
 * Graphs that repeat a few layers over and over (a stack of equal blocks, parallel equal branches):
 * check shares what it found for a layer with the next equal layer fed the same shapes (check.ts,
 * `Inference`), so these are where a finding passed on to the wrong layer would show.
 */
const repeatedGraphs = fc
  .record({
    pool: fc.array(step, { minLength: 1, maxLength: 3 }),
    picks: fc.array(fc.record({ which: fc.nat(), from: fc.nat(), fresh: fc.boolean() }), { minLength: 2, maxLength: 10 }),
  })
  .map(({ pool, picks }) =>
    graphOf(
      picks.map((pick, i) => {
        const chosen = pool[pick.which % pool.length]!;
        // Mostly the layer just before (a stack), sometimes any earlier one (branches fed alike), now and then a fresh Input.
        const from = pick.fresh && i % 4 === 3 ? { fresh: true as const, axis: 0, size: undefined } : { fresh: false as const, node: pick.from % 3 === 0 ? pick.from : i - 1, port: 0 };
        return { ...chosen, sources: [from, from, from] };
      }),
    ),
  );

describe('graphs of repeated layers', () => {
  it('every layer has exactly the shapes and parameter count tfjs gives it, however often it repeats', () => {
    let accepted = 0;
    let repeats = 0;
    fc.assert(
      fc.property(repeatedGraphs, (doc) => {
        const result = checked(doc);
        // Ten layers that each double a size can ask tfjs for gigabytes of weights: not what this is about.
        if (!result.ok || result.totals.params > 1e6) return;
        accepted++;
        const layers = result.nodes.filter((r) => r.type !== 'Input');
        repeats += layers.length - new Set(layers.map((r) => r.outputs)).size;
        const built = buildTfjsModel(result, { compile: false });
        if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
        try {
          for (const report of result.nodes) {
            const layer = built.model.getLayer(report.name);
            expect(shapesOf(layer), `${report.name} (${report.type})`).toEqual(report.outputs.map((o) => toTfjsShape(o.shape!)));
            expect(layer.countParams(), `${report.name} (${report.type}) parameters`).toBe(report.params);
          }
        } finally {
          built.model.dispose();
        }
      }),
      { seed: SEED + 3, numRuns: 1000 },
    );
    console.log(`fuzz: ${accepted} of 1000 graphs of repeated layers accepted and compared with tfjs; ${repeats} layers shared a finding`);
    // Vacuous if few graphs are accepted, or if no layer ever took a finding over from an equal one.
    expect(accepted).toBeGreaterThan(100);
    expect(repeats).toBeGreaterThan(200);
  });
});

describe('single layers: what tfjs builds and runs with valid sizes (no empty output), we accept', () => {
  it.each(KINDS)('%s', (kind) => {
    const def = definition(kind);
    const known = (shape: Shape, sizes: number[]) => shape.map((d, i) => (typeof d === 'number' ? sizes[i % sizes.length]! : d));
    fc.assert(
      fc.property(fc.nat(), fc.array(paramChange, { maxLength: 2 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }), (which, changes, sizes) => {
        const cases = samples[kind]!;
        const sample = cases[which % cases.length]!;
        const params: Record<string, unknown> = structuredClone(sample.params);
        for (const change of changes) {
          const keys = Object.keys(params);
          const field = typeof change.field === 'number' ? keys[change.field % Math.max(1, keys.length)] : change.field;
          if (field === undefined) continue;
          if (change.value === undefined) delete params[field];
          else params[field] = change.value;
        }
        if (!def.params.safeParse(params).success) return; // the schema's refusals are the layer tests' business
        const inputs = sample.inputs.map((s): Shape => [null, ...known(s, sizes)]);
        const tfjs = askTfjs(def, params, inputs);
        if (tfjs.error || !tfjsRuns(def, def.params.parse(params), inputs, tfjs.shapes)) return;
        // tfjs builds a Conv2D whose kernel is larger than its input, with an empty output: not a valid size, and we refuse it.
        if (tfjs.shapes!.some((shape) => shape.includes(0))) return;
        const verdict = ours(kind, params, inputs);
        expect(verdict.ok ? 'accepted' : `refused: ${verdict.messages.join('; ')}`, `${kind} ${JSON.stringify(params)} on ${JSON.stringify(inputs)}; tfjs gives ${JSON.stringify(tfjs.shapes)}`).toBe('accepted');
      }),
      { seed: SEED + 2, numRuns: 60 },
    );
  });
});

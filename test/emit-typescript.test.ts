import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Namespace, stringLiteral } from '../compiler/emit/ts-syntax';
import { parseGraphDocument, type GraphDocumentInput } from '../schemas';
import { checkGraph } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { emitTypeScript } from '../compiler/emit/typescript';
import { generatedDir, root, typeCheck } from './emitted';

const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json')).sort();

function load(doc: unknown) {
  const parsed = parseGraphDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return checkGraph(parsed.document);
}

function loadExample(file: string) {
  return load(JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8')));
}

/** Small concrete inputs for a model, with symbolic dims set to 5. */
function sampleInputs(model: tf.LayersModel): tf.Tensor[] {
  return model.inputs.map((input, i) => {
    const shape = input.shape.map((d, axis) => (axis === 0 ? 2 : d ?? 5));
    return tf.randomUniform(shape, -1, 1, 'float32', 42 + i);
  });
}

function copyWeights(from: tf.LayersModel, to: tf.LayersModel): void {
  for (const layer of to.layers) {
    if (layer.weights.length === 0) continue;
    layer.setWeights(from.getLayer(layer.name).getWeights());
  }
}

const outputsOf = (model: tf.LayersModel, inputs: tf.Tensor[]) => {
  const out = model.predict(inputs.length === 1 ? inputs[0]! : inputs) as tf.Tensor | tf.Tensor[];
  return (Array.isArray(out) ? out : [out]).map((t) => t.arraySync());
};

describe('emitted TypeScript', () => {
  const dir = generatedDir('examples');
  const sources = new Map<string, string>();

  beforeAll(() => {
    for (const file of examples) {
      const result = emitTypeScript(loadExample(file));
      if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.diagnostics)}`);
      const name = file.replace(/\.json$/, '').replace(/-/g, '_');
      sources.set(file, result.source);
      fs.writeFileSync(path.join(dir, `${name}.ts`), result.source);
    }
  });

  it('passes tsc --strict for every example', () => {
    expect(() => typeCheck(dir)).not.toThrow();
  });

  it('imports nothing but @tensorflow/tfjs', () => {
    for (const source of sources.values()) {
      const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      expect(imports).toEqual(['@tensorflow/tfjs']);
    }
  });

  it('writes the seed CNN as a tf.sequential and the multi-task model with tf.model', () => {
    expect(sources.get('seed-cnn.json')).toContain('tf.sequential(');
    expect(sources.get('seed-cnn.json')).toContain("tf.layers.conv2d({ inputShape: [64, 64, 3], filters: 32, kernelSize: [3, 3], activation: 'relu', name: 'conv2d' })");
    expect(sources.get('seed-multitask.json')).toContain('tf.model({ inputs: features, outputs: [task1, task2]');
    expect(sources.get('seed-attention.json')).toContain('class AttentionPooling extends tf.layers.Layer');
  });

  for (const file of examples) {
    it(`predicts exactly like the in-memory model: ${file}`, async () => {
      const name = file.replace(/\.json$/, '').replace(/-/g, '_');
      const generated = (await import(/* @vite-ignore */ path.join(dir, `${name}.ts`))) as { buildModel: () => tf.LayersModel };
      const built = buildTfjsModel(loadExample(file));
      if (!built.ok) throw new Error('emit failed');
      const emitted = generated.buildModel();
      copyWeights(built.model, emitted);
      const inputs = sampleInputs(built.model);
      const expected = outputsOf(built.model, inputs);
      const actual = outputsOf(emitted, inputs);
      expect(actual.length).toBe(expected.length);
      actual.forEach((a, i) => expect(maxAbsDiff(a, expected[i])).toBeLessThan(1e-5));
      expect(emitted.countParams()).toBe(built.model.countParams());
    });
  }
});

function maxAbsDiff(a: unknown, b: unknown): number {
  const fa = [a].flat(Infinity) as number[];
  const fb = [b].flat(Infinity) as number[];
  if (fa.length !== fb.length) return Infinity;
  return fa.reduce((m, v, i) => Math.max(m, Math.abs(v - fb[i]!)), 0);
}

describe('names cannot break out of generated code', () => {
  const hostile = ["it's", 'back`tick', 'new\nline', '${process.exit(1)}', '*/ throw 1; /*', '\\', '\u2028sep'];

  it('string literals round-trip any text, hostile or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...hostile)), (text) => {
        // eslint-disable-next-line no-new-func
        expect(new Function(`return ${stringLiteral(text)};`)()).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('identifiers are always valid, unique and never a keyword', () => {
    const names = new Namespace();
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...hostile, 'class', 'tf', 'model', 'constructor')), (text) => {
        const id = names.create(text);
        expect(id).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
        expect(seen.has(id)).toBe(false);
        seen.add(id);
        // eslint-disable-next-line no-new-func
        expect(() => new Function(`const ${id} = 1; return ${id};`)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses layer names tfjs cannot use, with a rename fix', () => {
    const result = load({
      format: 'layerwire.graph', version: 1,
      nodes: [{ id: 'in', type: 'Input', params: { shape: [4] } }, { id: 'd', type: 'Dense', name: 'back`tick', params: { units: 2 } }],
      edges: [{ from: { node: 'in', port: 'out' }, to: { node: 'd', port: 'in' } }],
    });
    const problem = result.diagnostics.find((d) => d.code === 'LW117');
    expect(problem).toMatchObject({ nodeId: 'd', path: 'nodes[1].name', fix: { kind: 'rename', name: 'back_tick' } });
  });

  it('keeps a hostile model name and description inert through tsc and tfjs', async () => {
    const doc: GraphDocumentInput = {
      format: 'layerwire.graph',
      version: 1,
      name: '${globalThis.pwned = 1}`\'"*/\n',
      description: 'a */ description with\nnewlines ${globalThis.pwned = 2}',
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [4] } },
        { id: 'a', type: 'Dense', params: { units: 3 } },
        { id: 'b', type: 'Dense', params: { units: 3 } },
        { id: 'sum', type: 'Concatenate', name: 'class', params: {} },
      ],
      edges: [
        { from: { node: 'in', port: 'out' }, to: { node: 'a', port: 'in' } },
        { from: { node: 'in', port: 'out' }, to: { node: 'b', port: 'in' } },
        { from: { node: 'a', port: 'out' }, to: { node: 'sum', port: 'in0' } },
        { from: { node: 'b', port: 'out' }, to: { node: 'sum', port: 'in1' } },
      ],
    };
    const result = emitTypeScript(load(doc));
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const dir = generatedDir('hostile');
    fs.writeFileSync(path.join(dir, 'hostile.ts'), result.source);
    expect(() => typeCheck(dir)).not.toThrow();
    const generated = (await import(/* @vite-ignore */ path.join(dir, 'hostile.ts'))) as { buildModel: () => tf.LayersModel };
    const model = generated.buildModel();
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(model.name).toBe(doc.name);
    expect(model.layers.map((l) => l.name)).toContain('class');
  });
});

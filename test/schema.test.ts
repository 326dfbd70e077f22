import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import { parseGraphDocument } from '../schemas';
import { checkGraph } from '../compiler/check';
import { publishedJsonSchema } from '../scripts/published-json-schema';
import { renderCustomLayerSources } from '../scripts/custom-layer-sources';
import { root } from './emitted';

const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json'));
const cnn = () => JSON.parse(read('examples/seed-cnn.json'));

describe('generated files are fresh', () => {
  it('schemas/graph.schema.json matches the zod schemas (run `npm run schema`)', () => {
    expect(read('schemas/graph.schema.json')).toBe(publishedJsonSchema());
  });

  it('compiler/custom/sources.generated.ts matches the custom layer classes (run `npm run schema`)', () => {
    expect(read('compiler/custom/sources.generated.ts')).toBe(renderCustomLayerSources(root));
  });
});

describe('the published JSON Schema, checked by an independent validator (ajv)', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(read('schemas/graph.schema.json')));

  it.each(examples)('accepts %s', (file) => {
    expect(validate(JSON.parse(read(`examples/${file}`))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a negative kernel size, like zod does', () => {
    const doc = cnn();
    doc.nodes[1].params.kernelSize = -1;
    expect(validate(doc)).toBe(false);
    expect(validate.errors!.some((e) => e.instancePath === '/nodes/1/params/kernelSize')).toBe(true);
  });

  it('rejects an unknown top-level field, like zod does', () => {
    expect(validate({ ...cnn(), colour: 'red' })).toBe(false);
    expect(parseGraphDocument({ ...cnn(), colour: 'red' }).ok).toBe(false);
  });
});

describe('parseGraphDocument explains what is wrong, with the JSON path', () => {
  const cases: [string, (doc: any) => unknown, { path: string; message: RegExp }][] = [
    ['a newer version', (d) => ({ ...d, version: 2 }), { path: 'version', message: /version 2.*reads versions up to 1.*update Layerwire/ }],
    ['not a graph at all', () => [1, 2], { path: '(document)', message: /expected a JSON object, got \[1,2\]/ }],
    ['another format', (d) => ({ ...d, format: 'keras' }), { path: 'format', message: /expected "layerwire.graph", got "keras"/ }],
    ['an unknown field on a node', (d) => ({ ...d, nodes: d.nodes.map((n: any, i: number) => (i === 2 ? { ...n, colour: 'red' } : n)) }), { path: 'nodes[2]', message: /unknown field "colour"/ }],
    ['a wrong type', (d) => ({ ...d, nodes: d.nodes.map((n: any, i: number) => (i === 1 ? { ...n, id: 7 } : n)) }), { path: 'nodes[1].id', message: /expected string, got 7/ }],
    ['an edge without a port', (d) => ({ ...d, edges: [{ from: { node: 'image' }, to: { node: 'conv2d', port: 'in' } }] }), { path: 'edges[0].from.port', message: /expected string, got nothing/ }],
    ['a bad optimizer', (d) => ({ ...d, training: { ...d.training, optimizer: { type: 'adam', learningRate: -1 } } }), { path: 'training.optimizer.learningRate', message: /expected a positive number, got -1/ }],
  ];
  it.each(cases)('%s', (_, mutate, expected) => {
    const result = parseGraphDocument(mutate(cnn()));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ path: expected.path, message: expect.stringMatching(expected.message) });
  });

  it('names the node field of a bad layer parameter (nodes[1].params.kernelSize)', () => {
    const doc = cnn();
    doc.nodes[1].params.kernelSize = -1;
    const parsed = parseGraphDocument(doc);
    if (!parsed.ok) throw new Error('document itself is valid');
    const problem = checkGraph(parsed.document).diagnostics.find((d) => d.code === 'LW201');
    expect(problem).toMatchObject({ nodeId: 'conv2d', path: 'nodes[1].params.kernelSize', message: 'nodes[1].params.kernelSize: expected a positive integer, got -1' });
  });

  it('fills defaults and keeps what the user wrote', () => {
    const parsed = parseGraphDocument({ format: 'layerwire.graph', version: 1, nodes: [{ id: 'x', type: 'Input', params: { shape: [3] } }] });
    expect(parsed).toMatchObject({ ok: true, document: { name: 'model', edges: [], blocks: {}, nodes: [{ id: 'x', position: { x: 0, y: 0 }, params: { shape: [3] } }] } });
  });
});

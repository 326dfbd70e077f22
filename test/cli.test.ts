import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cli, loadFromDirectory } from './cli-harness';
import { parseGraphDocument } from '../schemas';
import { checkGraph } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { root } from './emitted';

const run = promisify(execFile);
const example = (name: string) => path.join(root, 'examples', name);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'layerwire-cli-'));

describe('layerwire check', () => {
  it('prints exactly one JSON object with the documented fields (real binary)', async () => {
    const { stdout } = await run('node', [path.join(root, 'bin/layerwire.mjs'), 'check', example('seed-cnn.json'), '--json'], { cwd: root });
    const report = JSON.parse(stdout);
    expect(report).toEqual({
      ok: true,
      params: 3_938_570,
      nodes: [
        { id: 'image', name: 'image', type: 'Input', outputShapes: [[null, 64, 64, 3]] },
        { id: 'conv2d', name: 'conv2d', type: 'Conv2D', outputShapes: [[null, 62, 62, 32]] },
        { id: 'max_pooling2d', name: 'max_pooling2d', type: 'MaxPooling2D', outputShapes: [[null, 31, 31, 32]] },
        { id: 'flatten', name: 'flatten', type: 'Flatten', outputShapes: [[null, 30752]] },
        { id: 'dense', name: 'dense', type: 'Dense', outputShapes: [[null, 128]] },
        { id: 'dense_1', name: 'dense_1', type: 'Dense', outputShapes: [[null, 10]] },
      ],
      diagnostics: [],
    });
  });

  it.each(['seed-cnn.json', 'seed-lstm.json', 'seed-attention.json', 'seed-multitask.json', 'cross-modal.json'])('checks %s clean', async (file) => {
    const result = await cli('check', example(file));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/0 errors, 0 warnings$/);
    expect(result.out).toContain('Total params:');
  });

  it('names the file and the node of every error, with the fix, and exits 1', async () => {
    const dir = tmp();
    const doc = JSON.parse(fs.readFileSync(example('seed-cnn.json'), 'utf8'));
    doc.edges = doc.edges.filter((e: { to: { node: string } }) => e.to.node !== 'dense'); // drop flatten → dense
    doc.edges.push({ from: { node: 'max_pooling2d', port: 'out' }, to: { node: 'dense', port: 'in' } });
    doc.nodes[1].params.kernelSize = 99;
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const result = await cli('check', file);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${file}: error LW203 in 'conv2d' (Conv2D): Conv2D 'conv2d''s kernel 99×99 is larger than its 64×64 input`);
    const json = JSON.parse((await cli('check', file, '--json')).out);
    expect(json.ok).toBe(false);
    expect(json.diagnostics[0]).toMatchObject({ code: 'LW203', severity: 'error', nodeId: 'conv2d', nodeName: 'conv2d' });
  });

  it('exits 2 with a one-line message, no stack, for unreadable input (real binary)', async () => {
    const dir = tmp();
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, '{ "format": "layerwire.graph", ');
    const failure = await run('node', [path.join(root, 'bin/layerwire.mjs'), 'check', file], { cwd: root }).catch((e) => e);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
    expect(failure.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['check'], /needs exactly one FILE/],
    [['check', '/nonexistent/graph.json'], /graph.json: cannot read the file \(no such file\)/],
    [['compile', example('seed-cnn.json')], /needs --target tfjs or --target ts/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('usage error %j exits 2', async (argv, message) => {
    const result = await cli(...(argv as string[]));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('reports a document from the future with its version and path', async () => {
    const dir = tmp();
    const file = path.join(dir, 'future.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(example('seed-cnn.json'), 'utf8')), version: 9 }));
    const result = await cli('check', file);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`${file}: version: this document is version 9, but this Layerwire reads versions up to 1; update Layerwire to open it`);
  });
});

describe('layerwire compile', () => {
  it('writes tfjs artifacts that tf.loadLayersModel loads and that predict like the in-memory model', async () => {
    const dir = path.join(tmp(), 'out');
    const result = await cli('compile', example('cross-modal.json'), '--target', 'tfjs', '-o', dir);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tf.loadLayersModel(loadFromDirectory(dir));
    expect(loaded.layers.map((l) => l.name)).toEqual(expect.arrayContaining(['image', 'tokens', 'conv', 'text_lstm', 'fuse', 'head']));
    const parsed = parseGraphDocument(JSON.parse(fs.readFileSync(example('cross-modal.json'), 'utf8')));
    if (!parsed.ok) throw new Error('example invalid');
    expect(loaded.countParams()).toBe(checkGraph(parsed.document).totals.params);
  });

  it('keeps the custom AttentionPooling layer loadable', async () => {
    const dir = path.join(tmp(), 'att');
    expect((await cli('compile', example('seed-attention.json'), '--target', 'tfjs', '-o', dir)).code).toBe(0);
    const loaded = await tf.loadLayersModel(loadFromDirectory(dir));
    expect(loaded.getLayer('attention').getClassName()).toBe('AttentionPooling');
    const x = tf.randomUniform([2, 7, 16]);
    const parsed = parseGraphDocument(JSON.parse(fs.readFileSync(example('seed-attention.json'), 'utf8')));
    if (!parsed.ok) throw new Error('example invalid');
    const built = buildTfjsModel(checkGraph(parsed.document));
    if (!built.ok) throw new Error('emit failed');
    built.model.setWeights(loaded.getWeights());
    const diff = tf.max(tf.abs(tf.sub(loaded.predict(x) as tf.Tensor, built.model.predict(x) as tf.Tensor))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-6);
  });

  it('writes TypeScript to the given file', async () => {
    const file = path.join(tmp(), 'model.ts');
    expect((await cli('compile', example('seed-lstm.json'), '--target', 'ts', '-o', file)).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain("tf.layers.lstm({ inputShape: [null, 16], units: 50, name: 'lstm' })");
  });

  it('writes nothing when the graph has errors', async () => {
    const dir = tmp();
    const file = path.join(dir, 'broken.json');
    const doc = JSON.parse(fs.readFileSync(example('seed-cnn.json'), 'utf8'));
    doc.nodes[4].params.units = 0;
    fs.writeFileSync(file, JSON.stringify(doc));
    const result = await cli('compile', file, '--target', 'ts', '-o', path.join(dir, 'out.ts'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/nodes\[4\]\.params\.units: expected a positive integer, got 0/);
    expect(fs.readdirSync(dir)).toEqual(['broken.json']);
  });

  it('leaves no partial file when the output cannot be written', async () => {
    const dir = tmp();
    const blocker = path.join(dir, 'blocker');
    fs.writeFileSync(blocker, 'a file where a folder should be');
    const result = await cli('compile', example('seed-cnn.json'), '--target', 'tfjs', '-o', path.join(blocker, 'out'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/cannot write/);
    expect(fs.readdirSync(dir)).toEqual(['blocker']);
  });
});

describe('layerwire summary and schema', () => {
  it('prints a Keras-like summary table', async () => {
    const result = await cli('summary', example('seed-cnn.json'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('Model: "seed_cnn"');
    expect(result.out).toMatch(/│ conv2d \(Conv2D\)\s+│ \[\?, 62, 62, 32\]\s+│\s+896 │/);
    expect(result.out).toContain('Total params: 3,938,570 (15.02 MB)');
  });

  it('prints the JSON Schema', async () => {
    const result = await cli('schema');
    expect(JSON.parse(result.out).title).toBe('Layerwire GraphDocument');
  });
});

describe('layerwire on Keras and tfjs files', () => {
  /** A tfjs functional model with trained-looking random weights, saved to disk as tfjs's file handler would. */
  async function savedTfjsModel(dir: string): Promise<tf.LayersModel> {
    const input = tf.input({ shape: [6, 4], name: 'frames' });
    const lstm = tf.layers.lstm({ units: 5, returnSequences: true, name: 'encoder' }).apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling1d({ name: 'pool' }).apply(lstm) as tf.SymbolicTensor;
    const head = tf.layers.dense({ units: 3, activation: 'softmax', name: 'head' }).apply(pooled) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: head, name: 'saved_by_tfjs' });
    model.setWeights(model.getWeights().map((w, i) => tf.randomUniform(w.shape, -1, 1, 'float32', i)));
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const bytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData!));
        fs.writeFileSync(path.join(dir, 'weights.bin'), bytes);
        fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify({ format: 'layers-model', modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }] }));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    return model;
  }

  it('checks a tfjs model.json directly, naming nodes by their Keras layer names', async () => {
    const dir = tmp();
    await savedTfjsModel(dir);
    const result = await cli('check', path.join(dir, 'model.json'), '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out);
    expect(report.nodes.map((n: { name: string; outputShapes: unknown }) => [n.name, n.outputShapes])).toEqual([
      ['frames', [[null, 6, 4]]],
      ['encoder', [[null, 6, 5]]],
      ['pool', [[null, 5]]],
      ['head', [[null, 3]]],
    ]);
  });

  it('imports a tfjs model and compiles it back with its weights: the same predictions', async () => {
    const dir = tmp();
    const original = await savedTfjsModel(dir);
    const graph = path.join(dir, 'graph.json');
    expect((await cli('import', path.join(dir, 'model.json'), '-o', graph)).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(graph, 'utf8'));
    expect(doc.format).toBe('layerwire.graph');
    expect(doc.nodes.find((n: { id: string }) => n.id === 'encoder').weights).toHaveLength(3);

    const out = path.join(dir, 'recompiled');
    expect((await cli('compile', graph, '--target', 'tfjs', '-o', out)).code).toBe(0);
    const loaded = await tf.loadLayersModel(loadFromDirectory(out));
    const x = tf.randomUniform([3, 6, 4], -1, 1, 'float32', 7);
    const diff = tf.max(tf.abs(tf.sub(loaded.predict(x) as tf.Tensor, original.predict(x) as tf.Tensor))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-6);
  });

  it('imports a Keras 3 model.to_json() that tfjs itself refuses', async () => {
    const fixture = path.join(root, 'test/fixtures/keras3-seed-cnn.json');
    await expect(tf.models.modelFromJSON(JSON.parse(fs.readFileSync(fixture, 'utf8')))).rejects.toThrow();
    const result = await cli('check', fixture, '--json');
    const report = JSON.parse(result.out);
    expect(result.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.nodes[0]).toMatchObject({ name: 'input_layer', type: 'Input', outputShapes: [[null, 28, 28, 1]] });
    expect(report.nodes.at(-1).outputShapes).toEqual([[null, 10]]);
  });

  it('reports a missing weight file by name and still writes nothing', async () => {
    const dir = tmp();
    await savedTfjsModel(dir);
    fs.rmSync(path.join(dir, 'weights.bin'));
    const result = await cli('compile', path.join(dir, 'model.json'), '--target', 'tfjs', '-o', path.join(dir, 'out'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/weights\.bin/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    const imported = await cli('import', path.join(dir, 'model.json'), '-o', path.join(dir, 'graph.json'));
    expect(imported.code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'graph.json'))).toBe(false);
  });
});

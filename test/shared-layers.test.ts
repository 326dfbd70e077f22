/**
 * Shared layers, as Keras has them: one layer (or nested model) called on several
 * inputs, one set of weights. tfjs is the oracle: a siamese model built with the
 * real tfjs API is imported, checked, rebuilt, written as TypeScript and saved,
 * and every one of those must predict what the original predicts.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importModel } from '../compiler/import';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { emitTypeScript } from '../compiler/emit/typescript';
import { saveTfjsArtifacts } from '../compiler/emit/tfjs-artifacts';
import { parseGraphDocument, type GraphDocumentInput } from '../schemas';
import type { GraphDocument } from '../schemas/graph';
import { generatedDir, typeCheck } from './emitted';
import { expectSameAsTfjs, randomizeWeights, reader, saveModel } from './fixtures/tfjs-artifacts';

/**
 * Two inputs through one nested Sequential encoder and one Dense projector, joined
 * by Concatenate and Add; a Dense applied twice in a row (to its own output); the
 * projector's second call is a model output of its own.
 */
function siamese() {
  const encoder = tf.sequential({
    name: 'encoder',
    layers: [tf.layers.dense({ inputShape: [6], units: 5, activation: 'relu', name: 'enc_hidden' }), tf.layers.dense({ units: 4, name: 'enc_code' })],
  });
  const left = tf.input({ shape: [6], name: 'left' });
  const right = tf.input({ shape: [6], name: 'right' });
  const projector = tf.layers.dense({ units: 3, activation: 'tanh', name: 'projector' });
  const refine = tf.layers.dense({ units: 4, activation: 'relu', name: 'refine' });
  const codeLeft = encoder.apply(left) as tf.SymbolicTensor;
  const codeRight = encoder.apply(right) as tf.SymbolicTensor;
  const projLeft = projector.apply(codeLeft) as tf.SymbolicTensor;
  const projRight = projector.apply(codeRight) as tf.SymbolicTensor;
  const refinedOnce = refine.apply(codeLeft) as tf.SymbolicTensor;
  const refinedTwice = refine.apply(refinedOnce) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'sum' }).apply([refinedTwice, codeRight]) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate({ name: 'joined' }).apply([projLeft, projRight, sum]) as tf.SymbolicTensor;
  const head = tf.layers.dense({ units: 2, activation: 'softmax', name: 'head' }).apply(joined) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [left, right], outputs: [head, projRight], name: 'siamese' });
  /** Every call's output, under the node id the importer gives that call. */
  const calls: Record<string, tf.SymbolicTensor> = {
    encoder: codeLeft,
    encoder_call2: codeRight,
    projector: projLeft,
    projector_call2: projRight,
    refine: refinedOnce,
    refine_call2: refinedTwice,
  };
  return { model, calls };
}

const sampleInputs = (seed: number) => [tf.randomUniform([3, 6], -1, 1, 'float32', seed), tf.randomUniform([3, 6], -1, 1, 'float32', seed + 1)];

function predictions(model: tf.LayersModel, inputs: tf.Tensor[]): number[][] {
  const out = model.predict(inputs) as tf.Tensor | tf.Tensor[];
  return (Array.isArray(out) ? out : [out]).map((t) => [...(t.dataSync() as Float32Array)]);
}

function expectSamePredictions(actual: tf.LayersModel, expected: tf.LayersModel): void {
  for (const seed of [7, 21]) {
    const inputs = sampleInputs(seed);
    const want = predictions(expected, inputs);
    const got = predictions(actual, inputs);
    expect(got.length).toBe(want.length);
    got.forEach((values, i) => {
      expect(values.length).toBe(want[i]!.length);
      expect(Math.max(...values.map((v, j) => Math.abs(v - want[i]![j]!)))).toBeLessThan(1e-5);
    });
  }
}

/** Copies weights by layer name, nested models' layers included: emitted code starts from random weights. */
function copyWeights(from: tf.LayersModel, to: tf.LayersModel): void {
  for (const layer of to.layers) {
    if (layer.weights.length === 0) continue;
    const source = from.getLayer(layer.name);
    if (layer instanceof tf.LayersModel) copyWeights(source as tf.LayersModel, layer);
    else if (layer.weights.length) layer.setWeights(source.getWeights());
  }
}

function parsed(doc: unknown): GraphDocument {
  const result = parseGraphDocument(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.document;
}

const shapeOf = (check: CheckResult, id: string) => check.byId.get(id)?.outputs[0]?.shape?.map((d) => (typeof d === 'number' ? d : null));

describe('a siamese model built with tfjs: imported, checked, rebuilt, emitted and saved', () => {
  let original: tf.LayersModel;
  let calls: Record<string, tf.SymbolicTensor>;
  let document: GraphDocument;
  let check: CheckResult;
  let rebuilt: tf.LayersModel;

  beforeAll(async () => {
    ({ model: original, calls } = siamese());
    randomizeWeights(original, 11);
    const saved = await saveModel(original);
    const result = importModel(saved.json, { fileName: 'siamese.json', readWeightFile: reader(saved.files) });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(result.diagnostics).toEqual([]);
    document = result.document;
    check = checkGraph(document);
    const built = buildTfjsModel(check);
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
    rebuilt = built.model;
  });

  it('imports one node per call: the first keeps the name and the weights, the others share them', () => {
    const node = (id: string) => document.nodes.find((n) => n.id === id)!;
    for (const [owner, type] of [['encoder', 'Block'], ['projector', 'Dense'], ['refine', 'Dense']] as const) {
      expect(node(owner)).toMatchObject({ type, name: owner });
      expect(node(owner).sharesWeightsWith).toBeUndefined();
      expect(node(`${owner}_call2`)).toMatchObject({ type, name: `${owner}_call2`, sharesWeightsWith: owner, params: node(owner).params });
      expect(node(`${owner}_call2`).weights).toBeUndefined();
    }
    expect(node('projector').weights!.map((w) => w.name)).toEqual(['kernel', 'bias']);
    expect(Object.keys(document.blocks)).toEqual(['encoder']);
    const into = (id: string) => document.edges.filter((e) => e.to.node === id).map((e) => e.from.node);
    expect(into('encoder')).toEqual(['left']);
    expect(into('encoder_call2')).toEqual(['right']);
    expect(into('projector_call2')).toEqual(['encoder_call2']);
    expect(into('refine_call2')).toEqual(['refine']);
    expect(into('sum')).toEqual(['refine_call2', 'encoder_call2']);
    expect(document.outputs).toEqual([
      { node: 'head', port: 'out' },
      { node: 'projector_call2', port: 'out' },
    ]);
  });

  it('checks clean; shapes are tfjs\'s at every call; shared weights count once, like countParams()', () => {
    expectSameAsTfjs(document, check, original);
    for (const [id, tensor] of Object.entries(calls)) expect(shapeOf(check, id), id).toEqual(tensor.shape);
    expect(check.totals.params).toBe(original.countParams());
    expect(check.byId.get('projector_call2')).toMatchObject({ params: 0, trainableParams: 0, weights: [], sharesWeightsWith: 'projector' });
    expect(check.byId.get('encoder_call2')).toMatchObject({ params: 0, sharesWeightsWith: 'encoder' });
    expect(check.byId.get('encoder_call2/enc_hidden')).toMatchObject({ params: 0, sharesWeightsWith: 'encoder/enc_hidden' });
    expect(check.byId.get('encoder')!.params).toBe(6 * 5 + 5 + 5 * 4 + 4);
    expect(check.byId.get('projector_call2')!.flops).toBe(check.byId.get('projector')!.flops);
  });

  it('rebuilds as one tfjs layer per shared layer, predicting what the original predicts', () => {
    expect(rebuilt.countParams()).toBe(original.countParams());
    expect(rebuilt.layers.map((l) => l.name).sort()).toEqual(original.layers.map((l) => l.name).sort());
    expect(rebuilt.getLayer('projector').inboundNodes).toHaveLength(2);
    expectSamePredictions(rebuilt, original);
  });

  it('writes TypeScript that declares each shared layer once, passes tsc --strict and predicts the same', async () => {
    const emitted = emitTypeScript(check);
    if (!emitted.ok) throw new Error(JSON.stringify(emitted.diagnostics));
    const { source } = emitted;
    expect(source).toContain("const projectorLayer = tf.layers.dense({ units: 3, activation: 'tanh', name: 'projector' }); // shared: called 2 times, one set of weights");
    expect(source).toContain("const encoderLayer = buildEncoder('encoder');");
    expect(source.match(/projectorLayer\.apply\(/g)).toHaveLength(2);
    expect(source.match(/encoderLayer\.apply\(/g)).toHaveLength(2);
    expect(source.match(/refineLayer\.apply\(/g)).toHaveLength(2);
    expect(source.match(/tf\.layers\.dense\(\{ units: 3/g)).toHaveLength(1);
    expect(source).toContain('const refineCall2 = refineLayer.apply(refine) as tf.SymbolicTensor;');

    const dir = generatedDir('shared-layers');
    fs.writeFileSync(path.join(dir, 'siamese.ts'), source);
    typeCheck(dir);
    const generated = (await import(/* @vite-ignore */ path.join(dir, 'siamese.ts'))) as { buildModel: () => tf.LayersModel };
    const model = generated.buildModel();
    expect(model.countParams()).toBe(original.countParams());
    copyWeights(original, model);
    expectSamePredictions(model, original);
  });

  it('saves artifacts that tf.loadLayersModel loads, predicting the same, and that import back to the same graph', async () => {
    const artifacts = await saveTfjsArtifacts(rebuilt);
    const topology = artifacts.modelJson.modelTopology as { config: { layers: { name: string; inbound_nodes: unknown[] }[] } };
    expect(topology.config.layers.find((l) => l.name === 'projector')!.inbound_nodes).toHaveLength(2);
    const manifest = artifacts.modelJson.weightsManifest as tf.io.WeightsManifestConfig;
    const loaded = await tf.loadLayersModel({
      load: async () => ({ modelTopology: artifacts.modelJson.modelTopology as object, weightSpecs: manifest.flatMap((g) => g.weights), weightData: artifacts.weightData.slice().buffer }),
    });
    expect(loaded.countParams()).toBe(original.countParams());
    expectSamePredictions(loaded, original);

    const again = importModel(artifacts.modelJson, { fileName: 'model.json', readWeightFile: () => artifacts.weightData });
    if (!again.ok) throw new Error(again.diagnostics.map((d) => d.message).join('\n'));
    expect(again.diagnostics).toEqual([]);
    const sharing = (doc: GraphDocument) => doc.nodes.filter((n) => n.sharesWeightsWith).map((n) => `${n.id}→${n.sharesWeightsWith}`).sort();
    expect(sharing(again.document)).toEqual(sharing(document));
    expect(again.document.edges).toEqual(expect.arrayContaining(document.edges));
  });
});

/** A Keras 3 tensor reference: output `index` of call `call` of `layer`. */
const kerasTensor = (layer: string, call: number, shape: (number | null)[]) => ({ class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: [layer, call, 0] } });
const kerasCall = (...args: unknown[]) => ({ args: args.length === 1 ? args : [args], kwargs: {} });
const kerasDense = (name: string, units: number, inbound: unknown[]) => ({ module: 'keras.layers', class_name: 'Dense', name, config: { name, units, activation: 'relu', use_bias: true }, inbound_nodes: inbound });
const kerasInput = (name: string) => ({ module: 'keras.layers', class_name: 'InputLayer', name, config: { name, batch_shape: [null, 4], dtype: 'float32' }, inbound_nodes: [] });

/**
 * A Keras 3 `model.to_json()` (hand-written: tfjs cannot load Keras 3) of a siamese model: a nested
 * tower called on both inputs, a Dense projector called on both towers' outputs, summed. Keras 3
 * numbers a nested Functional's calls from 1 (its own first node links its inputs to its outputs)
 * and a nested Sequential's from 0.
 */
function keras3Siamese(nested: 'Functional' | 'Sequential') {
  const first = nested === 'Functional' ? 1 : 0;
  const towerLayers = [kerasInput('tower_in'), kerasDense('tower_dense', 3, nested === 'Functional' ? [kerasCall(kerasTensor('tower_in', 0, [null, 4]))] : [])];
  const tower = {
    module: 'keras',
    class_name: nested,
    name: 'tower',
    config: { name: 'tower', trainable: true, layers: towerLayers, ...(nested === 'Functional' ? { input_layers: [['tower_in', 0, 0]], output_layers: [['tower_dense', 0, 0]] } : {}) },
    inbound_nodes: [kerasCall(kerasTensor('a', 0, [null, 4])), kerasCall(kerasTensor('b', 0, [null, 4]))],
  };
  return {
    module: 'keras',
    class_name: 'Functional',
    config: {
      name: 'keras3_siamese',
      trainable: true,
      layers: [
        kerasInput('a'),
        kerasInput('b'),
        tower,
        kerasDense('projector', 2, [kerasCall(kerasTensor('tower', first, [null, 3])), kerasCall(kerasTensor('tower', first + 1, [null, 3]))]),
        { module: 'keras.layers', class_name: 'Add', name: 'sum', config: { name: 'sum' }, inbound_nodes: [kerasCall(kerasTensor('projector', 0, [null, 2]), kerasTensor('projector', 1, [null, 2]))] },
      ],
      input_layers: [['a', 0, 0], ['b', 0, 0]],
      output_layers: [['sum', 0, 0]],
    },
  };
}

describe('Keras 3 files: shared layers and nested models called twice', () => {
  it.each(['Functional', 'Sequential'] as const)('a nested %s called on two inputs, a Dense called on both of its outputs', (nested) => {
    const result = importModel(keras3Siamese(nested), { fileName: 'siamese.keras.json' });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(result.diagnostics).toEqual([]);
    const into = (id: string) => result.document.edges.filter((e) => e.to.node === id).map((e) => e.from.node);
    expect(into('tower')).toEqual(['a']);
    expect(into('tower_call2')).toEqual(['b']);
    expect(into('projector')).toEqual(['tower']);
    expect(into('projector_call2')).toEqual(['tower_call2']);
    expect(into('sum')).toEqual(['projector', 'projector_call2']);
    const check = checkGraph(result.document);
    expect(check.diagnostics).toEqual([]);
    expect(check.totals.params).toBe(4 * 3 + 3 + 3 * 2 + 2);
    expect(shapeOf(check, 'tower_call2')).toEqual([null, 3]);
    expect(shapeOf(check, 'sum')).toEqual([null, 2]);
  });
});

const input = (id: string, shape: number[]) => ({ id, type: 'Input', params: { shape } });
const edge = (from: string, to: string, port = 'in') => ({ from: { node: from, port: 'out' }, to: { node: to, port } });
const doc = (nodes: unknown[], edges: unknown[], extra: Record<string, unknown> = {}) => parsed({ format: 'layerwire.graph', version: 1, nodes, edges, ...extra });

const oneWeight = { name: 'kernel', shape: [1], dtype: 'float32', data: 'AACAPw==' };
const encoderBlock = {
  nodes: [input('x', [8]), { id: 'h', type: 'Dense', params: { units: 4 } }],
  edges: [edge('x', 'h')],
  inputs: ['x'],
  outputs: [{ node: 'h', port: 'out' }],
};
const otherBlock = { ...encoderBlock, nodes: [input('x', [8]), { id: 'h', type: 'Dense', params: { units: 2 } }] };

/** Two Inputs, `a` on the first and `b` on the second, both read by Concatenate: `b` is the sharing node under test. */
function pair(a: Record<string, unknown>, b: Record<string, unknown>, shapes: [number[], number[]] = [[8], [8]], extra: Record<string, unknown> = {}) {
  return doc(
    [input('x1', shapes[0]), input('x2', shapes[1]), { id: 'a', ...a }, { id: 'b', ...b }, { id: 'cat', type: 'Concatenate', params: {} }],
    [edge('x1', 'a'), edge('x2', 'b'), edge('a', 'cat', 'in0'), edge('b', 'cat', 'in1')],
    extra,
  );
}

describe('sharesWeightsWith mistakes are diagnostics that name the node and say what to do', () => {
  const dense3 = { type: 'Dense', params: { units: 3 } };
  /** Each mistake, the codes it gives, on which node and field (`path` is absent where the fault is not one field), and what the message says. */
  const cases: [string, GraphDocument, { code: string; nodeId: string; path?: string; message: RegExp }[]][] = [
    ['a target that does not exist', pair(dense3, { ...dense3, sharesWeightsWith: 'nope' }), [{ code: 'LW118', nodeId: 'b', path: 'nodes[3].sharesWeightsWith', message: /^Dense 'b' shares weights with node 'nope', which does not exist here/ }]],
    ['a target of another kind', pair({ type: 'Activation', params: { activation: 'relu' } }, { ...dense3, sharesWeightsWith: 'a' }), [{ code: 'LW119', nodeId: 'b', path: 'nodes[3].sharesWeightsWith', message: /^Dense 'b' shares weights with Activation 'a', but Dense and Activation are different kinds of layer; a shared layer is the same layer at every call/ }]],
    [
      'a Block target using another block',
      pair({ type: 'Block', params: { block: 'encoder' } }, { type: 'Block', params: { block: 'other' }, sharesWeightsWith: 'a' }, [[8], [8]], { blocks: { encoder: encoderBlock, other: otherBlock } }),
      [{ code: 'LW119', nodeId: 'b', path: 'nodes[3].params.block', message: /which uses block 'encoder' where this node uses block 'other'/ }],
    ],
    ['params that differ', pair(dense3, { type: 'Dense', params: { units: 4 }, sharesWeightsWith: 'a' }), [{ code: 'LW120', nodeId: 'b', path: 'nodes[3].params.units', message: /sets units to 4 where 'a' has 3; a shared layer has one configuration/ }]],
    [
      'a chain: c shares b, which shares a',
      doc(
        [input('x', [8]), { id: 'a', ...dense3 }, { id: 'b', ...dense3, sharesWeightsWith: 'a' }, { id: 'c', ...dense3, sharesWeightsWith: 'b' }, { id: 'cat', type: 'Concatenate', params: {} }],
        [edge('x', 'a'), edge('x', 'b'), edge('x', 'c'), edge('a', 'cat', 'in0'), edge('b', 'cat', 'in1'), edge('c', 'cat', 'in2')],
      ),
      [{ code: 'LW121', nodeId: 'c', path: 'nodes[3].sharesWeightsWith', message: /shares weights with 'b', which itself shares the layer of 'a' \('c' → 'b' → 'a'\); point sharesWeightsWith at 'a'/ }],
    ],
    [
      'a circle: a shares b, b shares a',
      pair({ ...dense3, sharesWeightsWith: 'b' }, { ...dense3, sharesWeightsWith: 'a' }),
      [
        { code: 'LW121', nodeId: 'a', path: 'nodes[2].sharesWeightsWith', message: /shares weights in a circle \('a' → 'b' → 'a'\): no node owns the weights/ },
        { code: 'LW121', nodeId: 'b', path: 'nodes[3].sharesWeightsWith', message: /shares weights in a circle \('b' → 'a' → 'b'\)/ },
      ],
    ],
    ['a node sharing itself', pair(dense3, { ...dense3, sharesWeightsWith: 'b' }), [{ code: 'LW121', nodeId: 'b', path: 'nodes[3].sharesWeightsWith', message: /shares weights with itself/ }]],
    ['sharing with an Input', pair(dense3, { ...dense3, sharesWeightsWith: 'x1' }), [{ code: 'LW122', nodeId: 'b', path: 'nodes[3].sharesWeightsWith', message: /shares weights with Input 'x1', which is not a layer and has none; .*wire 'x1' to both layers/ }]],
    [
      'an Input that shares',
      doc([input('x1', [8]), { ...input('x2', [8]), sharesWeightsWith: 'x1' }, { id: 'cat', type: 'Concatenate', params: {} }], [edge('x1', 'cat', 'in0'), edge('x2', 'cat', 'in1')]),
      [{ code: 'LW122', nodeId: 'x2', path: 'nodes[1].sharesWeightsWith', message: /Input 'x2' cannot share weights: an Input is not a layer/ }],
    ],
    ['weights on the sharing node', pair(dense3, { ...dense3, sharesWeightsWith: 'a', weights: [oneWeight] }), [{ code: 'LW123', nodeId: 'b', path: 'nodes[3].weights', message: /carries weights but shares the layer 'a', whose weights are the ones used/ }]],
    [
      'a Dense shared between [?, 8] and [?, 9] inputs',
      pair(dense3, { ...dense3, sharesWeightsWith: 'a' }, [[8], [9]]),
      [{ code: 'LW207', nodeId: 'b', message: /^Dense 'b' calls the layer of 'a' again, but called on \[\?, 9\] needs kernel \[9, 3\], bias \[3\] where 'a', called on \[\?, 8\], has kernel \[8, 3\], bias \[3\]: one set of weights cannot fit both calls$/ }],
    ],
  ];

  it.each(cases)('%s', (_, document, expected) => {
    const result = checkGraph(document);
    expect(result.ok).toBe(false);
    const found = result.diagnostics.map((d) => ({ code: d.code, nodeId: d.nodeId, path: d.path, message: d.message }));
    expect(found).toEqual(expected.map((e) => ({ code: e.code, nodeId: e.nodeId, path: e.path, message: expect.stringMatching(e.message) })));
    expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('offers to copy the target\'s value when params differ, and relates both calls', () => {
    const problem = checkGraph(pair(dense3, { type: 'Dense', params: { units: 4 }, sharesWeightsWith: 'a' })).diagnostics[0]!;
    expect(problem.fix).toEqual({ kind: 'set-param', title: "Set units to 3 like 'a'", node: 'b', param: 'units', value: 3 });
    expect(problem.related).toEqual([{ nodeId: 'a', message: "owns the shared layer; its units is 3" }]);
    const mismatch = checkGraph(pair(dense3, { ...dense3, sharesWeightsWith: 'a' }, [[8], [9]])).diagnostics[0]!;
    expect(mismatch.related).toEqual([{ nodeId: 'a', message: 'owns the shared weights; called on [?, 8]' }]);
  });

  it('takes params written with their defaults, or none at all, as the same configuration', () => {
    for (const params of [{}, { units: 3, activation: 'linear', useBias: true }]) {
      const result = checkGraph(pair(dense3, { type: 'Dense', params, sharesWeightsWith: 'a' }));
      expect(result.diagnostics).toEqual([]);
      expect(result.graph.nodes.get('b')!.sharesWeightsWith).toBe('a');
      expect(result.byId.get('b')!.outputs[0]!.shape).toEqual([null, 3]);
    }
  });

  it('refuses to emit a graph whose sharing is wrong', () => {
    const result = checkGraph(pair(dense3, { type: 'Dense', params: { units: 4 }, sharesWeightsWith: 'a' }));
    expect(buildTfjsModel(result).ok).toBe(false);
    expect(emitTypeScript(result).ok).toBe(false);
  });
});

describe('a hand-written document using sharesWeightsWith', () => {
  /** A block that applies one Dense twice (sharing inside a block), used by two Block nodes that share it. */
  const document = (share: boolean): GraphDocumentInput => ({
    format: 'layerwire.graph',
    version: 1,
    name: 'hand_siamese',
    blocks: {
      tower: {
        name: 'tower',
        nodes: [input('t_in', [5]), { id: 'step', type: 'Dense', params: { units: 5, activation: 'tanh' } }, { id: 'step_again', type: 'Dense', sharesWeightsWith: 'step' }],
        edges: [edge('t_in', 'step'), edge('step', 'step_again')],
        inputs: ['t_in'],
        outputs: [{ node: 'step_again', port: 'out' }],
      },
    },
    nodes: [
      input('query', [5]),
      input('candidate', [5]),
      { id: 'tower_q', type: 'Block', params: { block: 'tower' } },
      share ? { id: 'tower_c', type: 'Block', params: {}, sharesWeightsWith: 'tower_q' } : { id: 'tower_c', type: 'Block', params: { block: 'tower' } },
      { id: 'score', type: 'Dense', params: { units: 1 } },
      { id: 'score_c', type: 'Dense', params: {}, sharesWeightsWith: 'score' },
      { id: 'diff', type: 'Add', params: {} },
    ],
    edges: [edge('query', 'tower_q'), edge('candidate', 'tower_c'), edge('tower_q', 'score'), edge('tower_c', 'score_c'), edge('score', 'diff', 'in0'), edge('score_c', 'diff', 'in1')],
  });

  const TOWER = 5 * 5 + 5;
  const SCORE = 5 + 1;

  it('checks, counting each shared layer once', () => {
    const shared = checkGraph(parsed(document(true)));
    expect(shared.diagnostics).toEqual([]);
    expect(shared.totals.params).toBe(TOWER + SCORE);
    expect(shared.byId.get('tower_q/step_again')).toMatchObject({ params: 0, sharesWeightsWith: 'tower_q/step' });
    expect(shared.byId.get('tower_c')).toMatchObject({ params: 0, sharesWeightsWith: 'tower_q' });
    expect(shared.byId.get('tower_c')!.outputs[0]!.shape).toEqual([null, 5]);
    // The same graph with two separate towers has two sets of weights.
    const separate = checkGraph(parsed(document(false)));
    expect(separate.diagnostics).toEqual([]);
    expect(separate.totals.params).toBe(2 * TOWER + SCORE);
  });

  it('builds one tfjs layer per shared layer, and emits TypeScript that predicts the same', async () => {
    const check = checkGraph(parsed(document(true)));
    const built = buildTfjsModel(check);
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
    const model = built.model;
    expect(model.countParams()).toBe(TOWER + SCORE);
    expect(model.layers.map((l) => l.name)).toEqual(['query', 'candidate', 'tower_q', 'score', 'diff']);
    expect((model.getLayer('tower_q') as tf.LayersModel).layers.map((l) => l.name)).toEqual(['t_in', 'step']);
    randomizeWeights(model, 5);

    const emitted = emitTypeScript(check);
    if (!emitted.ok) throw new Error(JSON.stringify(emitted.diagnostics));
    expect(emitted.source).toContain("const towerQLayer = buildTower('tower_q');");
    expect(emitted.source).toContain('const stepAgain = stepLayer.apply(step) as tf.SymbolicTensor;');
    const dir = generatedDir('shared-layers-hand');
    fs.writeFileSync(path.join(dir, 'hand_siamese.ts'), emitted.source);
    typeCheck(dir);
    const generated = (await import(/* @vite-ignore */ path.join(dir, 'hand_siamese.ts'))) as { buildModel: () => tf.LayersModel };
    const fromSource = generated.buildModel();
    expect(fromSource.countParams()).toBe(TOWER + SCORE);
    copyWeights(model, fromSource);
    const inputs = [tf.randomUniform([4, 5], -1, 1, 'float32', 3), tf.randomUniform([4, 5], -1, 1, 'float32', 4)];
    const want = predictions(model, inputs)[0]!;
    const got = predictions(fromSource, inputs)[0]!;
    expect(Math.max(...got.map((v, i) => Math.abs(v - want[i]!)))).toBeLessThan(1e-5);
    // Sharing is real: the same input on both sides gives the same score twice, so their sum is twice one score.
    const same = tf.randomUniform([4, 5], -1, 1, 'float32', 9);
    const single = tf.model({ inputs: model.inputs[0]!, outputs: model.getLayer('score').getOutputAt(0) as tf.SymbolicTensor });
    const doubled = predictions(model, [same, same])[0]!;
    const once = predictions(single, [same])[0]!;
    expect(Math.max(...doubled.map((v, i) => Math.abs(v - 2 * once[i]!)))).toBeLessThan(1e-5);
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importModel, type ImportResult } from '../compiler/import';
import { checkGraph } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import type { GraphDocument } from '../schemas/graph';
import { clone, expectSameAsTfjs, randomizeWeights, reader, saveModel, type SavedModel } from './fixtures/tfjs-artifacts';

/** The import must succeed; its diagnostics are returned for the test to look at. */
function imported(result: ImportResult): { document: GraphDocument; codes: string[] } {
  if (!result.ok) throw new Error(`import failed: ${result.diagnostics.map((d) => d.message).join('\n')}`);
  return { document: result.document, codes: result.diagnostics.map((d) => d.code) };
}

const importSaved = (saved: SavedModel) => importModel(saved.json, { fileName: 'model.json', readWeightFile: reader(saved.files) });

/** The seed CNN, small: Conv2D → MaxPooling2D → Flatten → Dense → Dense. */
function seedCnn(): tf.LayersModel {
  const model = tf.sequential({
    name: 'seed_cnn',
    layers: [
      tf.layers.conv2d({ inputShape: [12, 12, 1], filters: 4, kernelSize: 3, activation: 'relu', name: 'conv' }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({ units: 8, activation: 'relu', name: 'hidden' }),
      tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.002), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

function lstmClassifier(): tf.LayersModel {
  return tf.sequential({
    name: 'lstm_classifier',
    layers: [
      tf.layers.lstm({ inputShape: [7, 5], units: 6, returnSequences: true, name: 'lstm_seq' }),
      tf.layers.lstm({ units: 4, name: 'lstm_last' }),
      tf.layers.dense({ units: 2, activation: 'softmax', name: 'lstm_probs' }),
    ],
  });
}

/** One trunk, two heads, and the LSTM's states used as outputs of their own (multi-output producer ports). */
function multiOutput(): tf.LayersModel {
  const features = tf.input({ shape: [10], name: 'features' });
  const sequence = tf.input({ shape: [6, 3], name: 'sequence' });
  const trunk = tf.layers.dense({ units: 16, activation: 'relu', name: 'trunk' }).apply(features) as tf.SymbolicTensor;
  const dropped = tf.layers.dropout({ rate: 0.2, name: 'trunk_dropout' }).apply(trunk) as tf.SymbolicTensor;
  const [seqOut, stateH, stateC] = tf.layers.lstm({ units: 4, returnState: true, name: 'encoder_lstm' }).apply(sequence) as tf.SymbolicTensor[];
  const joined = tf.layers.concatenate({ name: 'join_states' }).apply([dropped, seqOut!, stateH!]) as tf.SymbolicTensor;
  const headA = tf.layers.dense({ units: 3, activation: 'softmax', name: 'head_a' }).apply(joined) as tf.SymbolicTensor;
  const headB = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'head_b' }).apply(trunk) as tf.SymbolicTensor;
  return tf.model({ inputs: [features, sequence], outputs: [headA, headB, stateC!], name: 'multi_task' });
}

function concatenated(): tf.LayersModel {
  const a = tf.input({ shape: [8], name: 'left' });
  const b = tf.input({ shape: [4], name: 'right' });
  const da = tf.layers.dense({ units: 5, name: 'left_dense' }).apply(a) as tf.SymbolicTensor;
  const db = tf.layers.dense({ units: 3, name: 'right_dense' }).apply(b) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate({ name: 'joined' }).apply([da, db]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2, name: 'joined_out' }).apply(joined) as tf.SymbolicTensor;
  return tf.model({ inputs: [a, b], outputs: out, name: 'concat_model' });
}

/** A Sequential used as one layer of a functional model: imported as a block. */
function nested(): tf.LayersModel {
  const encoder = tf.sequential({
    name: 'encoder',
    layers: [tf.layers.dense({ inputShape: [6], units: 5, activation: 'relu', name: 'enc_dense1' }), tf.layers.dense({ units: 4, name: 'enc_dense2' })],
  });
  const input = tf.input({ shape: [6], name: 'raw' });
  const encoded = encoder.apply(input) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2, activation: 'softmax', name: 'classifier' }).apply(encoded) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'with_encoder' });
}

/** Kinds whose weights tfjs saves in a less obvious order (BatchNormalization's moving statistics go last) or under wrapper names. */
function newerKinds(): tf.LayersModel {
  const tokens = tf.input({ shape: [9], name: 'tokens', dtype: 'int32' });
  const embedded = tf.layers.embedding({ inputDim: 20, outputDim: 6, name: 'embed' }).apply(tokens) as tf.SymbolicTensor;
  const both = tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 4, returnSequences: true }) as tf.RNN, name: 'bi_lstm' }).apply(embedded) as tf.SymbolicTensor;
  const projected = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 5 }), name: 'per_step' }).apply(both) as tf.SymbolicTensor;
  const normalized = tf.layers.batchNormalization({ name: 'norm' }).apply(projected) as tf.SymbolicTensor;
  const summary = tf.layers.gru({ units: 3, name: 'gru' }).apply(normalized) as tf.SymbolicTensor;
  return tf.model({ inputs: tokens, outputs: summary, name: 'newer_kinds' });
}

const MODELS: [string, () => tf.LayersModel][] = [
  ['the seed CNN', seedCnn],
  ['an LSTM classifier', lstmClassifier],
  ['a functional multi-output model', multiOutput],
  ['a Concatenate model', concatenated],
  ['a nested Sequential inside a functional model', nested],
  ['Embedding, Bidirectional, TimeDistributed, BatchNormalization and GRU', newerKinds],
];

describe('importing models saved by tfjs: tfjs is the oracle', () => {
  const saved = new Map<string, { model: tf.LayersModel; saved: SavedModel }>();
  beforeAll(async () => {
    for (const [name, build] of MODELS) {
      const model = build();
      randomizeWeights(model);
      const cnn = name === 'the seed CNN';
      // One training step gives the optimizer state (`conv/kernel/m`…) that includeOptimizer appends to the weights.
      if (cnn) await model.fit(tf.randomUniform([2, 12, 12, 1], 0, 1, 'float32', 3), tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3), { epochs: 1, verbose: 0 });
      saved.set(name, { model, saved: await saveModel(model, { shards: cnn ? 2 : 1, includeOptimizer: cnn }) });
    }
  });

  it.each(MODELS.map(([name]) => name))('%s: names, shapes, parameter count and weights as tfjs has them', (name) => {
    const { model, saved: files } = saved.get(name)!;
    const { document, codes } = imported(importSaved(files));
    expect(codes).toEqual([]);
    expect(document.format).toBe('layerwire.graph');
    expect(document.name).toBe(model.name);
    expectSameAsTfjs(document, checkGraph(document), model);
  });

  it('keeps model inputs and outputs in tfjs order, with multi-output ports by tensor index', () => {
    const { document } = imported(importSaved(saved.get('a functional multi-output model')!.saved));
    expect(document.nodes.filter((n) => n.type === 'Input').map((n) => n.id)).toEqual(['features', 'sequence']);
    expect(document.outputs).toEqual([
      { node: 'head_a', port: 'out' },
      { node: 'head_b', port: 'out' },
      { node: 'encoder_lstm', port: 'stateC' },
    ]);
    const into = (node: string) => document.edges.filter((e) => e.to.node === node).map((e) => `${e.from.node}.${e.from.port}→${e.to.port}`);
    expect(into('join_states')).toEqual(['trunk_dropout.out→in0', 'encoder_lstm.out→in1', 'encoder_lstm.stateH→in2']);
  });

  it('lays nodes out left to right by depth', () => {
    const { document } = imported(importSaved(saved.get('the seed CNN')!.saved));
    const x = Object.fromEntries(document.nodes.map((n) => [n.id, n.position.x]));
    expect(x.conv_input).toBeLessThan(x.conv!);
    expect(x.conv).toBeLessThan(x.pool!);
    expect(x.hidden).toBeLessThan(x.probs!);
  });

  it('imports a nested model as a block whose shapes check reports under outer/inner', () => {
    const { document } = imported(importSaved(saved.get('a nested Sequential inside a functional model')!.saved));
    expect(document.nodes.find((n) => n.id === 'encoder')).toMatchObject({ type: 'Block', params: { block: 'encoder' } });
    expect(document.blocks.encoder!.nodes.map((n) => n.id)).toEqual(['enc_dense1_input', 'enc_dense1', 'enc_dense2']);
    const check = checkGraph(document);
    expect(check.byId.get('encoder')?.outputs[0]?.shape).toEqual([null, 4]);
    expect(check.byId.get('encoder/enc_dense1')?.outputs[0]?.shape).toEqual([null, 5]);
  });

  it('maps the training config (optimizer, loss, metrics) and leaves optimizer state out of the weights', () => {
    const { document } = imported(importSaved(saved.get('the seed CNN')!.saved));
    expect(document.training).toMatchObject({
      optimizer: { type: 'adam', learningRate: 0.002, beta1: 0.9, beta2: 0.999 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
    });
    const manifest = saved.get('the seed CNN')!.saved.json.weightsManifest[0]!.weights;
    expect(manifest.filter((w) => w.group === 'optimizer').map((w) => w.name)).toContain('conv/kernel/m');
    expect(document.nodes.find((n) => n.id === 'conv')!.weights!.map((w) => w.name)).toEqual(['kernel', 'bias']);
  });

  it('rebuilds models (through the tfjs emitter) that predict what the originals predict', () => {
    for (const [name] of MODELS) {
      const { model, saved: files } = saved.get(name)!;
      const { document } = imported(importSaved(files));
      const built = buildTfjsModel(checkGraph(document), { compile: false });
      if (!built.ok) throw new Error(`${name}: ${built.diagnostics.map((d) => d.message).join('; ')}`);
      const inputs = model.inputs.map((input, i) => {
        const shape = [2, ...input.shape.slice(1).map((d) => d ?? 1)];
        return input.dtype === 'int32' ? tf.randomUniform(shape, 0, 20, 'int32', 7 + i) : tf.randomUniform(shape, -1, 1, 'float32', 7 + i);
      });
      const expected = [model.predict(inputs)].flat() as tf.Tensor[];
      const actual = [built.model.predict(inputs)].flat() as tf.Tensor[];
      expect(actual.length, name).toBe(expected.length);
      expected.forEach((e, i) => expect(tf.max(tf.abs(tf.sub(e, actual[i]!))).dataSync()[0], `${name} output ${i}`).toBeLessThan(1e-5));
    }
  });
});

describe('bad tfjs files become diagnostics naming the file and the field, never exceptions', () => {
  let cnn: SavedModel;
  beforeAll(async () => {
    cnn = await saveModel(seedCnn());
  });
  const only = (result: ImportResult, code: string) => result.diagnostics.filter((d) => d.code === code);

  it.each([
    ['text that is not JSON', '{"format": "layers-model", '],
    ['a JSON array', [1, 2, 3]],
    ['null', null],
    ['a number', 42],
    ['an object of neither kind', { hello: 'world' }],
  ])('refuses %s with LW401', (_, json) => {
    const result = importModel(json, { fileName: 'weird.json' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['LW401']);
    expect(result.diagnostics[0]!.message).toMatch(/^weird\.json: /);
  });

  it('refuses graph models and unknown formats with LW402', () => {
    const graphModel = importModel({ format: 'graph-model', modelTopology: { node: [] } }, { fileName: 'model.json' });
    expect(graphModel.ok).toBe(false);
    expect(graphModel.diagnostics[0]).toMatchObject({ code: 'LW402', path: 'format' });
    expect(graphModel.diagnostics[0]!.message).toContain('graph model');
    expect(importModel({ format: 'onnx', modelTopology: {} }, { fileName: 'model.json' }).diagnostics[0]!.code).toBe('LW402');
    const layer = importModel({ class_name: 'Dense', config: { units: 3 } }, { fileName: 'dense.json' });
    expect(layer.diagnostics[0]).toMatchObject({ code: 'LW402', path: 'class_name' });
  });

  it('reports a missing weight file by name and imports the topology without weights', () => {
    const files = new Map(cnn.files);
    files.delete('group1-shard1of1.bin');
    const result = importModel(cnn.json, { fileName: 'model.json', readWeightFile: reader(files) });
    const { document } = imported(result);
    expect(only(result, 'LW408')).toHaveLength(1);
    expect(only(result, 'LW408')[0]).toMatchObject({ severity: 'error', path: 'weightsManifest[0].paths[0]' });
    expect(only(result, 'LW408')[0]!.message).toContain("model.json: weight file 'group1-shard1of1.bin'");
    expect(result.diagnostics.filter((d) => d.code === 'LW413')).toEqual([]); // no echo per layer
    expect(document.nodes.every((n) => n.weights === undefined)).toBe(true);
    expect(checkGraph(document).ok).toBe(true);
  });

  it('reports a weight file that throws when read', () => {
    const result = importModel(cnn.json, {
      fileName: 'model.json',
      readWeightFile: () => {
        throw new Error('EACCES: permission denied');
      },
    });
    expect(only(result, 'LW408')[0]!.message).toContain('EACCES');
  });

  it('reports a truncated weight file with the bytes it has and needs', () => {
    const files = new Map([['group1-shard1of1.bin', cnn.bytes.slice(0, cnn.bytes.length - 12)]]);
    const result = importModel(cnn.json, { fileName: 'model.json', readWeightFile: reader(files) });
    expect(result.ok).toBe(true);
    const [diagnostic] = only(result, 'LW409');
    expect(diagnostic!.message).toContain(`holds ${cnn.bytes.length - 12} bytes but weightsManifest[0] needs ${cnn.bytes.length}`);
    expect(diagnostic!.message).toMatch(/^model\.json: weight file 'group1-shard1of1\.bin'/);
  });

  it('warns when weight files were named but no reader was given', () => {
    const result = importModel(cnn.json, { fileName: 'model.json' });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['LW417']);
  });

  it('names the file, the layer and the field of a config value of the wrong type', () => {
    const json = clone(cnn.json) as { modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } };
    json.modelTopology.config.layers[3]!.config.units = 'ten';
    const result = importModel(json, { fileName: 'model.json', readWeightFile: reader(cnn.files) });
    const { document } = imported(result);
    const [diagnostic] = only(result, 'LW407');
    expect(diagnostic).toMatchObject({ severity: 'error', nodeId: 'hidden', path: 'modelTopology.config.layers[3].config.units' });
    expect(diagnostic!.message).toContain("model.json: layer 'hidden' (Dense)");
    expect(document.nodes.find((n) => n.id === 'hidden')!.params.units).toBe('ten'); // kept for the user to fix
    expect(checkGraph(document).diagnostics.map((d) => d.code)).toContain('LW201');
  });

  it('reports malformed wiring with the path of the field', () => {
    const json = clone(concatModelJson);
    const layers = (json.config as { layers: { inbound_nodes: unknown }[] }).layers;
    layers[2]!.inbound_nodes = 'left';
    layers[3]!.inbound_nodes = [[['nowhere', 0, 0, {}]]];
    const result = importModel(json, { fileName: 'concat.json' });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.code === 'LW403').map((d) => d.path)).toEqual(['config.layers[2].inbound_nodes', 'config.layers[3].inbound_nodes[0][0]']);
  });

  it('keeps a layer of an unknown class as an opaque node with its config verbatim', () => {
    const json = clone(cnn.json) as { modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } } };
    json.modelTopology.config.layers[2] = { class_name: 'MyFlatten', config: { name: 'flatten', trainable: true, custom_knob: [1, 2] } };
    const result = importModel(json, { fileName: 'model.json', readWeightFile: reader(cnn.files) });
    const { document } = imported(result);
    expect(document.nodes.find((n) => n.id === 'flatten')).toMatchObject({ type: 'MyFlatten', opaque: { className: 'MyFlatten', config: { name: 'flatten', trainable: true, custom_knob: [1, 2] } } });
    expect(only(result, 'LW404')[0]).toMatchObject({ severity: 'warning', nodeId: 'flatten' });
    expect(document.edges.some((e) => e.from.node === 'flatten' && e.to.node === 'hidden')).toBe(true);
    expect(checkGraph(document).diagnostics.map((d) => d.code)).toContain('LW103');
  });

  it('reports weights whose shapes do not fit the layer', () => {
    const json = clone(cnn.json);
    const kernel = json.weightsManifest[0]!.weights.find((w) => w.name === 'hidden/kernel')!;
    kernel.shape = [...kernel.shape].reverse();
    const result = importModel(json, { fileName: 'model.json', readWeightFile: reader(cnn.files) });
    const [diagnostic] = only(result, 'LW413');
    expect(diagnostic).toMatchObject({ nodeId: 'hidden' });
    expect(diagnostic!.message).toContain('kernel [8, 100]');
    expect(diagnostic!.message).toContain('kernel [100, 8]');
  });

  it('dequantizes uint8, uint16 and float16 weights the way tfjs does, with a warning', () => {
    const json = clone(concatModelJson) as Record<string, unknown>;
    const half = new Uint16Array([0x3c00, 0xc000, 0x3800, 0x3555, 0x7bff]); // 1, -2, 0.5, ≈0.3333, 65504
    const bytes = new Uint8Array([...new Uint8Array(Uint8Array.from({ length: 40 }, (_, i) => i).buffer), ...new Uint8Array(new Uint16Array([0, 65535, 2, 3, 4]).buffer), ...new Uint8Array(half.buffer)]);
    const model = {
      format: 'layers-model',
      modelTopology: json,
      weightsManifest: [
        {
          paths: ['q.bin'],
          weights: [
            { name: 'left_dense/kernel', shape: [8, 5], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
            { name: 'left_dense/bias', shape: [5], dtype: 'float32', quantization: { dtype: 'uint16', scale: 2, min: 1 } },
            { name: 'joined_out/bias', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } },
            { name: 'right_dense/bias', shape: [3], dtype: 'float32', quantization: { dtype: 'float16' } },
          ],
        },
      ],
    };
    const result = importModel(model, { fileName: 'model.json', readWeightFile: () => bytes });
    const { document } = imported(result);
    const values = (id: string) => document.nodes.find((n) => n.id === id)!.weights!.map((w) => [...new Float32Array(Uint8Array.from(Buffer.from(w.data, 'base64')).buffer)]);
    expect(values('left_dense')[0]!.slice(0, 4)).toEqual([-1, -0.5, 0, 0.5]);
    expect(values('left_dense')[1]).toEqual([1, 131071, 5, 7, 9]);
    expect(values('joined_out')[0]).toEqual([1, -2]);
    const [third, largest] = values('right_dense')[0]!.slice(1);
    expect(third).toBeCloseTo(1 / 3, 3);
    expect(largest).toBe(65504);
    expect(only(result, 'LW410')).toHaveLength(1);
    expect(only(result, 'LW410')[0]!.message).toContain('4 weights are quantized');
  });

  it('imports a shared layer as one node per call, the later calls sharing the first call\'s weights', async () => {
    const a = tf.input({ shape: [4], name: 'shared_a' });
    const b = tf.input({ shape: [4], name: 'shared_b' });
    const dense = tf.layers.dense({ units: 3, name: 'shared_dense' });
    const ya = dense.apply(a) as tf.SymbolicTensor;
    const yb = dense.apply(b) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'shared_sum' }).apply([ya, yb]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [a, b], outputs: sum, name: 'siamese' });
    randomizeWeights(model);
    const result = importSaved(await saveModel(model));
    const { document, codes } = imported(result);
    expect(codes).toEqual([]);
    expect(document.nodes.find((n) => n.id === 'shared_dense_call2')).toMatchObject({ type: 'Dense', sharesWeightsWith: 'shared_dense', params: { units: 3 } });
    expect(document.edges.filter((e) => e.to.node === 'shared_dense').map((e) => e.from.node)).toEqual(['shared_a']);
    expect(document.edges.filter((e) => e.to.node === 'shared_dense_call2').map((e) => e.from.node)).toEqual(['shared_b']);
    expect(document.edges.filter((e) => e.to.node === 'shared_sum').map((e) => e.from.node)).toEqual(['shared_dense', 'shared_dense_call2']);
    expectSameAsTfjs(document, checkGraph(document), model);
  });

  it('refuses a reference to a call a shared layer does not have', () => {
    const model = clone(concatModelJson) as { config: { layers: { name: string; inbound_nodes: unknown[] }[] } };
    const layers = model.config.layers;
    layers.find((l) => l.name === 'left_dense')!.inbound_nodes.push([['right', 0, 0, {}]]);
    layers.find((l) => l.name === 'joined')!.inbound_nodes = [[['left_dense', 0, 0, {}], ['left_dense', 2, 0, {}]]];
    const result = importModel(model, { fileName: 'model.json' });
    expect(only(result, 'LW403')[0]).toMatchObject({ nodeId: 'joined', path: 'config.layers[4].inbound_nodes[0][1]' });
    expect(only(result, 'LW403')[0]!.message).toContain("call #2 of layer 'left_dense', whose 2 calls are numbered 0 to 1");
  });
});

/** A tfjs-style functional topology written out, for tests that spoil its fields. */
const concatModelJson: Record<string, unknown> = {
  class_name: 'Model',
  config: {
    name: 'concat_model',
    layers: [
      { name: 'left', class_name: 'InputLayer', config: { batch_input_shape: [null, 8], dtype: 'float32', sparse: false, name: 'left' }, inbound_nodes: [] },
      { name: 'right', class_name: 'InputLayer', config: { batch_input_shape: [null, 4], dtype: 'float32', sparse: false, name: 'right' }, inbound_nodes: [] },
      { name: 'left_dense', class_name: 'Dense', config: { units: 5, activation: 'linear', use_bias: true, name: 'left_dense', trainable: true }, inbound_nodes: [[['left', 0, 0, {}]]] },
      { name: 'right_dense', class_name: 'Dense', config: { units: 3, activation: 'linear', use_bias: true, name: 'right_dense', trainable: true }, inbound_nodes: [[['right', 0, 0, {}]]] },
      { name: 'joined', class_name: 'Concatenate', config: { axis: -1, name: 'joined', trainable: true }, inbound_nodes: [[['left_dense', 0, 0, {}], ['right_dense', 0, 0, {}]]] },
      { name: 'joined_out', class_name: 'Dense', config: { units: 2, activation: 'linear', use_bias: true, name: 'joined_out', trainable: true }, inbound_nodes: [[['joined', 0, 0, {}]]] },
    ],
    input_layers: [['left', 0, 0], ['right', 0, 0]],
    output_layers: [['joined_out', 0, 0]],
  },
  keras_version: 'tfjs-layers 4.22.0',
  backend: 'tensor_flow.js',
};

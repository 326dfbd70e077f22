import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importModel, type ImportResult } from '../compiler/import';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import type { GraphDocument } from '../schemas/graph';
import { clone, tfjsShapes } from './fixtures/tfjs-artifacts';

const fixture = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

function imported(result: ImportResult): GraphDocument {
  if (!result.ok) throw new Error(`import failed: ${result.diagnostics.map((d) => d.message).join('\n')}`);
  return result.document;
}

/** Every layer of the equivalent tfjs model (nested ones under `outer/inner`) has tfjs's output shapes; the parameter counts agree. */
function expectShapesOf(check: CheckResult, model: tf.LayersModel): void {
  expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(check.totals.params).toBe(model.countParams());
  const visit = (container: tf.LayersModel, prefix: string) => {
    for (const layer of container.layers) {
      const report = check.byId.get(prefix + layer.name);
      expect(report?.outputs.map((o) => o.shape), `shapes of ${prefix}${layer.name}`).toEqual(tfjsShapes(layer));
      if (layer instanceof tf.LayersModel) visit(layer, `${prefix}${layer.name}/`);
    }
  };
  visit(model, '');
}

/** tfjs's own loader must refuse the file: these are the layouts tfjs cannot read and Layerwire can. */
async function expectTfjsRefuses(json: unknown): Promise<void> {
  await expect(tf.models.modelFromJSON(clone(json) as tf.io.ModelJSON)).rejects.toThrow();
}

describe('Keras 3 model.to_json() (tfjs refuses it)', () => {
  it('imports the seed CNN Sequential: InputLayer entry, batch_shape, DTypePolicy, module fields, compile_config', async () => {
    const json = fixture('keras3-seed-cnn.json');
    await expectTfjsRefuses(json);
    const result = importModel(json, { fileName: 'seed_cnn.json' });
    const document = imported(result);
    expect(result.diagnostics).toEqual([]);
    expect(document.name).toBe('seed_cnn');
    expect(document.nodes.map((n) => [n.id, n.type])).toEqual([
      ['input_layer', 'Input'],
      ['conv2d', 'Conv2D'],
      ['max_pooling2d', 'MaxPooling2D'],
      ['flatten', 'Flatten'],
      ['dense', 'Dense'],
      ['dense_1', 'Dense'],
    ]);
    expect(document.nodes[1]!.params).toMatchObject({ filters: 8, kernelSize: [3, 3], activation: 'relu', kernelInitializer: 'glorotUniform' });
    expect(document.training).toEqual({
      optimizer: { type: 'adam', learningRate: 0.0010000000474974513, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
    });

    const oracle = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', name: 'conv2d' }),
        tf.layers.maxPooling2d({ poolSize: 2, name: 'max_pooling2d' }),
        tf.layers.flatten({ name: 'flatten' }),
        tf.layers.dense({ units: 32, activation: 'relu', name: 'dense' }),
        tf.layers.dense({ units: 10, activation: 'softmax', name: 'dense_1' }),
      ],
    });
    expectShapesOf(checkGraph(document), oracle);
  });

  it('imports a functional model: keras_tensor calls, two inputs, a nested Sequential, LSTM states and two heads', async () => {
    const json = fixture('keras3-multi-task.json');
    await expectTfjsRefuses(json);
    const result = importModel(json, { fileName: 'multi_task.json' });
    const document = imported(result);
    // Only the regularizer Layerwire drops is worth a word, once, on its layer.
    expect(result.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([['LW405', 'class_head']]);
    expect(result.diagnostics[0]!.message).toContain('kernel_regularizer');

    expect(document.nodes.filter((n) => n.type === 'Input').map((n) => n.id)).toEqual(['features', 'sequence']);
    expect(document.outputs).toEqual([
      { node: 'class_head', port: 'out' },
      { node: 'flag_head', port: 'out' },
    ]);
    const into = (node: string) => document.edges.filter((e) => e.to.node === node).map((e) => `${e.from.node}.${e.from.port}→${e.to.port}`);
    expect(into('merged')).toEqual(['encoder.out→in0', 'lstm.out→in1', 'lstm.stateH→in2']);
    expect(into('flag_head')).toEqual(['lstm.stateC→in']);
    expect(into('encoder')).toEqual(['features.out→in']);
    expect(document.nodes.find((n) => n.id === 'lstm')!.params).toMatchObject({ units: 8, returnState: true, recurrentActivation: 'sigmoid', recurrentInitializer: 'orthogonal' });
    expect(document.blocks.encoder).toMatchObject({ name: 'encoder', inputs: ['encoder_input'], outputs: [{ node: 'enc_2', port: 'out' }] });

    const features = tf.input({ shape: [10], name: 'features' });
    const sequence = tf.input({ shape: [12, 6], name: 'sequence' });
    const encoder = tf.sequential({
      name: 'encoder',
      layers: [tf.layers.dense({ inputShape: [10], units: 16, activation: 'relu', name: 'enc_1' }), tf.layers.dense({ units: 8, name: 'enc_2' })],
    });
    const [out, h, c] = tf.layers.lstm({ units: 8, returnState: true, name: 'lstm' }).apply(sequence) as tf.SymbolicTensor[];
    const merged = tf.layers.concatenate({ name: 'merged' }).apply([encoder.apply(features) as tf.SymbolicTensor, out!, h!]) as tf.SymbolicTensor;
    const oracle = tf.model({
      inputs: [features, sequence],
      outputs: [
        tf.layers.dense({ units: 3, activation: 'softmax', name: 'class_head' }).apply(merged) as tf.SymbolicTensor,
        tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'flag_head' }).apply(c!) as tf.SymbolicTensor,
      ],
    });
    const check = checkGraph(document);
    expectShapesOf(check, oracle);
    expect(check.byId.get('encoder/enc_1')?.outputs[0]?.shape).toEqual([null, 16]);
  });

  it('reads single-tensor and dict-shaped input_layers / output_layers of Keras 3', () => {
    const json = fixture('keras3-multi-task.json');
    const config = json.config as Record<string, unknown>;
    config.input_layers = { features: ['features', 0, 0], sequence: ['sequence', 0, 0] };
    config.output_layers = ['class_head', 0, 0];
    const document = imported(importModel(json, { fileName: 'multi_task.json' }));
    expect(document.nodes.filter((n) => n.type === 'Input').map((n) => n.id)).toEqual(['features', 'sequence']);
    expect(document.outputs).toEqual([{ node: 'class_head', port: 'out' }]);
  });
});

describe('Keras 2.13+ JSON (tfjs refuses it)', () => {
  it('imports a Sequential built with model.build(): input from build_input_shape, module / registered_name / build_config fields', async () => {
    const json = fixture('keras2.15-built-sequential.json');
    await expectTfjsRefuses(json);
    const result = importModel(json, { fileName: 'classifier.json' });
    const document = imported(result);
    expect(result.diagnostics).toEqual([]);
    expect(document.nodes[0]).toMatchObject({ id: 'lstm_input', type: 'Input', params: { shape: [20, 8], dtype: 'float32' } });
    expect(document.nodes.map((n) => n.id)).toEqual(['lstm_input', 'lstm', 'lstm_1', 'dropout', 'dense']);
    const oracle = tf.sequential({
      layers: [
        tf.layers.lstm({ inputShape: [20, 8], units: 16, returnSequences: true, name: 'lstm' }),
        tf.layers.lstm({ units: 8, name: 'lstm_1' }),
        tf.layers.dropout({ rate: 0.3, name: 'dropout' }),
        tf.layers.dense({ units: 4, activation: 'softmax', name: 'dense' }),
      ],
    });
    expectShapesOf(checkGraph(document), oracle);
  });

  it('imports a Keras converter model.json: Keras weight names (lstm/lstm_cell/kernel), sorted manifest, training_config', async () => {
    const json = fixture('keras2.15-converted-model.json');
    const manifest = (json.weightsManifest as { weights: { name: string; shape: number[] }[] }[])[0]!.weights;
    // Deterministic weights, so that tfjs can load the very same bytes by its own name rules.
    let seed = 1;
    const values = manifest.map((w) => Float32Array.from({ length: w.shape.reduce((a, b) => a * b, 1) }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 0.4 - 0.2));
    const bytes = new Uint8Array(values.reduce((n, v) => n + v.byteLength, 0));
    values.reduce((offset, v) => (bytes.set(new Uint8Array(v.buffer), offset), offset + v.byteLength), 0);

    const result = importModel(json, { fileName: 'web_model/model.json', readWeightFile: (p) => (p === 'group1-shard1of1.bin' ? bytes : undefined) });
    const document = imported(result);
    // AUC has no tfjs metric: said once; everything else maps.
    expect(result.diagnostics.map((d) => d.code)).toEqual(['LW415']);
    expect(result.diagnostics[0]!.message).toContain('auc');
    expect(document.training).toEqual({
      optimizer: { type: 'adam', learningRate: 0.0005000000237487257, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      loss: { label: 'categoricalCrossentropy', is_valid: 'binaryCrossentropy' },
      lossWeights: { label: 1, is_valid: 0.5 },
      metrics: ['accuracy'],
    });
    // Weights land on their layers, in the layer's getWeights() order, under the layout's names.
    expect(document.nodes.find((n) => n.id === 'lstm')!.weights!.map((w) => `${w.name} ${w.shape}`)).toEqual(['kernel 6,48', 'recurrent_kernel 12,48', 'bias 48']);
    expect(document.nodes.find((n) => n.id === 'label')!.weights!.map((w) => w.name)).toEqual(['kernel', 'bias']);

    // tfjs reads this file itself (it is Keras 2 layout): it is the oracle for shapes and for predictions.
    const model = await tf.models.modelFromJSON({ modelTopology: json.modelTopology } as tf.io.ModelJSON);
    model.loadWeights(tf.io.decodeWeights(bytes.buffer, manifest as tf.io.WeightsManifestEntry[]));
    const check = checkGraph(document);
    expectShapesOf(check, model);
    const built = buildTfjsModel(check, { compile: false });
    if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('; '));
    const input = tf.randomUniform([3, 5, 6], -1, 1, 'float32', 11);
    const expected = model.predict(input) as tf.Tensor[];
    const actual = built.model.predict(input) as tf.Tensor[];
    expected.forEach((e, i) => expect(tf.max(tf.abs(tf.sub(e, actual[i]!))).dataSync()[0]).toBeLessThan(1e-5));
  });
});

describe('other Keras layouts', () => {
  it('reads the HDF5 attributes layout: model_config and training_config as JSON strings', () => {
    const json = { model_config: JSON.stringify(fixture('keras2.15-built-sequential.json')), training_config: JSON.stringify({ loss: 'mse', metrics: ['mae'], optimizer_config: { class_name: 'RMSprop', config: { learning_rate: 0.01, rho: 0.8 } } }) };
    const result = importModel(json, { fileName: 'model.h5' });
    expect(result.diagnostics).toEqual([]);
    expect(imported(result).training).toEqual({ optimizer: { type: 'rmsprop', learningRate: 0.01, decay: 0.8, momentum: 0 }, loss: 'meanSquaredError', metrics: ['meanAbsoluteError'] });
  });
});

describe('Keras files with problems', () => {
  it('names the file, layer and field of a wrong config type, keeping the layer', () => {
    const json = fixture('keras3-seed-cnn.json');
    const layers = (json.config as { layers: { config: Record<string, unknown> }[] }).layers;
    layers[1]!.config.kernel_size = 'three';
    const result = importModel(json, { fileName: 'seed_cnn.json' });
    const document = imported(result);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'LW407', nodeId: 'conv2d', path: 'config.layers[1].config.kernel_size' });
    expect(result.diagnostics[0]!.message).toMatch(/^seed_cnn\.json: layer 'conv2d' \(Conv2D\): config\.layers\[1\]\.config\.kernel_size: /);
    expect(document.nodes.map((n) => n.id)).toContain('conv2d');
  });

  it('keeps an unknown Keras 3 class (a TFOpLambda) as an opaque node, wired, with its config verbatim', () => {
    const json = fixture('keras3-multi-task.json');
    const layers = (json.config as { layers: Record<string, unknown>[] }).layers;
    const flag = layers.find((l) => l.name === 'flag_head')!;
    const lambda = { module: 'keras.layers', class_name: 'TFOpLambda', config: { name: 'scale', trainable: true, function: 'math.multiply' }, registered_name: null, name: 'scale', inbound_nodes: flag.inbound_nodes };
    layers.push(lambda);
    flag.inbound_nodes = [{ args: [{ class_name: '__keras_tensor__', config: { shape: [null, 8], dtype: 'float32', keras_history: ['scale', 0, 0] } }], kwargs: {} }];
    const result = importModel(json, { fileName: 'multi_task.json' });
    const document = imported(result);
    const node = document.nodes.find((n) => n.id === 'scale')!;
    expect(node).toMatchObject({ type: 'TFOpLambda', opaque: { className: 'TFOpLambda', config: lambda.config } });
    expect(result.diagnostics.find((d) => d.code === 'LW404')).toMatchObject({ nodeId: 'scale', severity: 'warning' });
    expect(document.edges.filter((e) => e.from.node === 'scale' || e.to.node === 'scale').map((e) => `${e.from.node}.${e.from.port}→${e.to.node}.${e.to.port}`).sort()).toEqual([
      'lstm.stateC→scale.in',
      'scale.out→flag_head.in',
    ]);
  });

  it('reports keyword tensor arguments (LSTM initial_state) instead of silently dropping them', () => {
    const json = fixture('keras3-multi-task.json');
    const lstm = (json.config as { layers: Record<string, unknown>[] }).layers.find((l) => l.name === 'lstm')!;
    const state = { class_name: '__keras_tensor__', config: { shape: [null, 8], dtype: 'float32', keras_history: ['encoder', 0, 0] } };
    lstm.inbound_nodes = [{ args: [{ class_name: '__keras_tensor__', config: { shape: [null, 12, 6], dtype: 'float32', keras_history: ['sequence', 0, 0] } }], kwargs: { initial_state: [state, state] } }];
    const result = importModel(json, { fileName: 'multi_task.json' });
    expect(result.diagnostics.find((d) => d.code === 'LW414')).toMatchObject({ nodeId: 'lstm', path: 'config.layers[3].inbound_nodes[0]' });
    expect(result.diagnostics.find((d) => d.code === 'LW414')!.message).toContain('initial_state');
  });

  it('reports a Sequential whose input shape cannot be known', () => {
    const json = fixture('keras2.15-built-sequential.json');
    const config = json.config as Record<string, unknown>;
    delete config.build_input_shape;
    for (const layer of config.layers as Record<string, unknown>[]) delete layer.build_config;
    const result = importModel(json, { fileName: 'classifier.json' });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['LW416']);
    expect(result.diagnostics[0]!.message).toContain("Sequential model 'sequence_classifier'");
  });

  it('refuses a model whose layer list is missing, naming the field', () => {
    const result = importModel({ class_name: 'Functional', config: { name: 'm', layers: 'none' } }, { fileName: 'm.json' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'LW403', path: 'config.layers' });
  });

  it('warns about training settings tfjs cannot express', () => {
    const json = fixture('keras3-seed-cnn.json');
    json.compile_config = {
      optimizer: { class_name: 'Nadam', config: { learning_rate: 0.01 } },
      loss: { module: 'keras.losses', class_name: 'Huber', config: { name: 'huber_loss', delta: 1 } },
      metrics: ['acc', { class_name: 'MeanSquaredError', config: { name: 'mean_squared_error' } }],
    };
    const result = importModel(json, { fileName: 'seed_cnn.json' });
    const document = imported(result);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['LW415', 'compile_config.optimizer'],
      ['LW415', 'compile_config.loss'],
    ]);
    expect(document.training).toMatchObject({ optimizer: { type: 'adam' }, metrics: ['accuracy', 'meanSquaredError'] });
  });
});

describe('never throws', () => {
  /** Every place in a JSON value, as the list of keys that leads there. */
  function places(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push(at);
    if (Array.isArray(value)) value.forEach((v, i) => places(v, [...at, i], out));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) places(v, [...at, k], out);
    return out;
  }

  it.each(['keras3-multi-task.json', 'keras2.15-converted-model.json', 'keras3-seed-cnn.json', 'keras2.15-built-sequential.json'])('on %s with any one field replaced by any JSON value', (name) => {
    const original = fixture(name);
    const where = places(original).filter((p) => p.length > 0);
    const bytes = new Uint8Array(4 * 2000);
    fc.assert(
      fc.property(fc.nat({ max: where.length - 1 }), fc.jsonValue({ maxDepth: 3 }), (index, replacement) => {
        const json = clone(original);
        const path = where[index]!;
        let parent = json as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path.at(-1)!] = replacement;
        const result = importModel(json, { fileName: name, readWeightFile: () => bytes });
        for (const d of result.diagnostics) expect(d.message.startsWith(`${name}: `)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

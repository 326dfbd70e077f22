/**
 * Trained weights across an edit of the graph: the layers an edit leaves alone keep
 * theirs, byte for byte; the others start afresh, with the reason in the person's words.
 * tfjs is the oracle: weights are read back with `getWeights()` from the model built
 * for the edited graph, and a graph carried over unchanged predicts exactly what the
 * trained model predicts.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { importModel } from '../compiler/import';
import type { GraphDocument } from '../schemas/graph';
import { planWeightCarry, type CarryPlan } from '../runtime/carry-weights';
import { readNodeWeights, writeNodeWeights } from '../runtime/node-weights';
import { discardTrainedModel, keepTrainedModel, trainedModelFor } from '../src/runtime/trained-model';
import { keepTrainedWeights } from '../src/runtime/trained-weights';
import { carryNotice } from '../src/app/carry-notice';
import { setLocale } from '../src/i18n/locale';
import { randomizeWeights, reader, saveModel } from './fixtures/tfjs-artifacts';
import { example } from './documents';

type Doc = GraphDocument;

/** The seed CNN on 12×12 images: the same layers, a Dense of 800 × 128 rather than 30752 × 128, so the test stays quick. */
const smallCnn = (): Doc => withParams(example('seed-cnn.json'), 'image', { shape: [12, 12, 3] });
/** The seed LSTM with 8 units: tfjs's orthogonal initializer is slow on larger recurrent kernels. */
const smallLstm = (): Doc => withParams(example('seed-lstm.json'), 'lstm', { units: 8 });

function built(check: CheckResult): tf.LayersModel {
  expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = buildTfjsModel(check);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.model;
}

/** A model of `doc` whose weights are all moved away from tfjs's initial ones, as training would. */
function trainedModel(doc: Doc, seed = 3) {
  const check = checkGraph(doc);
  const model = built(check);
  randomizeWeights(model, seed);
  return { check, model, weights: readNodeWeights(model, check) };
}

/** Plans the carry from `doc` (trained) to `edit(doc)`, builds the edited graph and sets the kept weights. */
function carry(doc: Doc, edit: (d: Doc) => Doc) {
  const before = trainedModel(doc);
  const after = checkGraph(edit(doc));
  const plan = planWeightCarry(before.check, before.weights, after);
  const model = built(after);
  writeNodeWeights(model, after, plan.weights);
  return { before, after, plan, model };
}

const edited = (doc: Doc, id: string, change: (n: Doc['nodes'][number]) => Doc['nodes'][number]): Doc => ({ ...doc, nodes: doc.nodes.map((n) => (n.id === id ? change(n) : n)) });
const withParams = (doc: Doc, id: string, params: Record<string, unknown>) => edited(doc, id, (n) => ({ ...n, params: { ...n.params, ...params } }));

const ids = (layers: { id: string }[]) => layers.map((l) => l.id).sort();
const reasons = (plan: CarryPlan) => Object.fromEntries(plan.reset.map((l) => [l.id, l.reasons.map((r) => r.en)]));
/** A tensor's bytes, as text that compares fast. */
const bytes = (t: tf.Tensor) => Buffer.from((t.dataSync() as Float32Array).slice().buffer).toString('base64');

/** The tfjs layer of a node report: a top-level layer, or one inside its Block node's nested model. */
function layerOf(model: tf.LayersModel, check: CheckResult, id: string): tf.layers.Layer {
  const report = check.byId.get(id)!;
  return report.parent ? (layerOf(model, check, report.parent) as tf.LayersModel).getLayer(report.name) : model.getLayer(report.name);
}
const weightsOf = (model: tf.LayersModel, check: CheckResult, id: string) => layerOf(model, check, id).getWeights().map(bytes);

/** Kept layers hold the trained bytes; reset ones hold something else, of the new shape. */
function expectCarried(result: ReturnType<typeof carry>) {
  const { before, after, model, plan } = result;
  for (const { id } of plan.kept) expect(weightsOf(model, after, id), id).toEqual(weightsOf(before.model, before.check, id));
  for (const { id } of plan.reset) {
    expect(layerOf(model, after, id).getWeights().map((w) => w.shape)).toEqual(after.byId.get(id)!.weights.map((w) => w.shape));
    expect(weightsOf(model, after, id)).not.toEqual(weightsOf(before.model, before.check, id));
  }
}

const predictions = (model: tf.LayersModel, inputs: tf.Tensor[]) => {
  const out = model.predict(inputs.length === 1 ? inputs[0]! : inputs) as tf.Tensor | tf.Tensor[];
  return (Array.isArray(out) ? out : [out]).map((t) => [...(t.dataSync() as Float32Array)]);
};
const inputsFor = (model: tf.LayersModel, seed: number) => model.inputs.map((input, i) => tf.randomUniform([2, ...input.shape.slice(1).map((d) => d ?? 5)], -1, 1, 'float32', seed + i));

describe('which trained weights an edit keeps', () => {
  it('renaming and moving nodes keeps every layer, and the carried model predicts exactly what the trained one does', () => {
    const doc = smallCnn();
    const result = carry(doc, (d) => edited(edited(d, 'dense', (n) => ({ ...n, name: 'hidden' })), 'conv2d', (n) => ({ ...n, position: { x: 999, y: 5 } })));
    expect(ids(result.plan.kept)).toEqual(['conv2d', 'dense', 'dense_1']);
    expect(result.plan.reset).toEqual([]);
    expect(result.plan.kept.find((l) => l.id === 'dense')!.name).toBe('hidden');
    expectCarried(result);
    const inputs = inputsFor(result.model, 5);
    expect(predictions(result.model, inputs)).toEqual(predictions(result.before.model, inputs));
  });

  it('changing a Dense\'s units resets it and the next weighted layer, and keeps everything upstream byte for byte', () => {
    const result = carry(smallCnn(), (d) => withParams(d, 'dense', { units: 64 }));
    expect(ids(result.plan.kept)).toEqual(['conv2d']);
    expect(reasons(result.plan)).toEqual({ dense: ['units 128 → 64'], dense_1: ['input shape [?, 128] → [?, 64]'] });
    expectCarried(result);
  });

  it('inserting a Dropout (no weights) keeps every layer', () => {
    const result = carry(smallCnn(), (d) => ({
      ...d,
      nodes: [...d.nodes, { id: 'dropout', type: 'Dropout', params: { rate: 0.5 }, position: { x: 0, y: 0 } }],
      edges: [...d.edges.filter((e) => e.to.node !== 'dense_1'), { from: { node: 'dense', port: 'out' }, to: { node: 'dropout', port: 'in' } }, { from: { node: 'dropout', port: 'out' }, to: { node: 'dense_1', port: 'in' } }],
    }));
    expect(result.after.byId.has('dropout')).toBe(true);
    expect(ids(result.plan.kept)).toEqual(['conv2d', 'dense', 'dense_1']);
    expect([...result.plan.reset, ...result.plan.added, ...result.plan.removed]).toEqual([]);
    expectCarried(result);
  });

  it('changing an activation keeps the weights: tfjs gives the layer the same weights either way', () => {
    const result = carry(smallCnn(), (d) => withParams(d, 'dense', { activation: 'tanh' }));
    expect(ids(result.plan.kept)).toEqual(['conv2d', 'dense', 'dense_1']);
    // tfjs's own answer: a fresh Dense with the other activation has the same weight names and shapes.
    const fresh = built(checkGraph(smallCnn())).getLayer('dense').weights.map((w) => [w.originalName, w.shape]);
    expect(result.model.getLayer('dense').weights.map((w) => [w.originalName, w.shape])).toEqual(fresh);
    expectCarried(result);
  });

  it('deleting a head drops its weights and keeps the rest', () => {
    const result = carry(example('seed-multitask.json'), (d) => {
      const without = <T,>(record: T): T => Object.fromEntries(Object.entries(record as object).filter(([key]) => key !== 'task2')) as T;
      const training = d.training && { ...d.training, loss: without(d.training.loss), lossWeights: without(d.training.lossWeights) };
      return {
        ...d,
        nodes: d.nodes.filter((n) => n.id !== 'task2'),
        edges: d.edges.filter((e) => e.to.node !== 'task2'),
        outputs: d.outputs?.filter((o) => o.node !== 'task2'),
        training,
      };
    });
    expect(ids(result.plan.kept)).toEqual(['shared', 'task1']);
    expect(result.plan.removed).toEqual([{ id: 'task2', name: 'task2' }]);
    expect(result.plan.reset).toEqual([]);
    expectCarried(result);
  });

  it('a Conv2D kernel change resets it and the Dense after Flatten; the last Dense keeps its weights', () => {
    const result = carry(smallCnn(), (d) => withParams(d, 'conv2d', { kernelSize: [5, 5] }));
    expect(ids(result.plan.kept)).toEqual(['dense_1']);
    expect(reasons(result.plan)).toEqual({ conv2d: ['kernelSize [3,3] → [5,5]'], dense: ['input shape [?, 800] → [?, 512]'] });
    expectCarried(result);
  });

  it('LSTM units and kind: the reason names what changed', () => {
    const units = carry(smallLstm(), (d) => withParams(d, 'lstm', { units: 4 }));
    expect(reasons(units.plan)).toEqual({ lstm: ['units 8 → 4'], dense: ['input shape [?, 8] → [?, 4]'] });
    expectCarried(units);
    const kind = carry(smallLstm(), (d) => edited(d, 'lstm', (n) => ({ ...n, type: 'GRU' })));
    expect(reasons(kind.plan)).toEqual({ lstm: ['kind LSTM → GRU'] });
    expect(ids(kind.plan.kept)).toEqual(['dense']);
    expectCarried(kind);
  });

  it('a new weighted layer is listed as added and starts afresh', () => {
    const result = carry(smallLstm(), (d) => ({
      ...d,
      nodes: [...d.nodes, { id: 'extra', type: 'Dense', params: { units: 8 }, position: { x: 0, y: 0 } }],
      edges: [...d.edges.filter((e) => e.to.node !== 'dense'), { from: { node: 'lstm', port: 'out' }, to: { node: 'extra', port: 'in' } }, { from: { node: 'extra', port: 'out' }, to: { node: 'dense', port: 'in' } }],
    }));
    expect(result.plan.added).toEqual([{ id: 'extra', name: 'extra' }]);
    expect(ids(result.plan.kept)).toEqual(['dense', 'lstm']);
    expectCarried(result);
  });
});

describe('shared layers and blocks', () => {
  /** The siamese graph of shared-layers.test.ts, imported from tfjs, without the weights the import carried. */
  async function siamese(): Promise<Doc> {
    const encoder = tf.sequential({ name: 'encoder', layers: [tf.layers.dense({ inputShape: [6], units: 5, activation: 'relu', name: 'enc_hidden' }), tf.layers.dense({ units: 4, name: 'enc_code' })] });
    const left = tf.input({ shape: [6], name: 'left' });
    const right = tf.input({ shape: [6], name: 'right' });
    const projector = tf.layers.dense({ units: 3, activation: 'tanh', name: 'projector' });
    const [codeLeft, codeRight] = [encoder.apply(left), encoder.apply(right)] as tf.SymbolicTensor[];
    const joined = tf.layers.concatenate({ name: 'joined' }).apply([projector.apply(codeLeft!), projector.apply(codeRight!)] as tf.SymbolicTensor[]) as tf.SymbolicTensor;
    const head = tf.layers.dense({ units: 2, activation: 'softmax', name: 'head' }).apply(joined) as tf.SymbolicTensor;
    const saved = await saveModel(tf.model({ inputs: [left, right], outputs: head, name: 'siamese' }));
    const result = importModel(saved.json, { fileName: 'siamese.json', readWeightFile: reader(saved.files) });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    const strip = (nodes: Doc['nodes']) => nodes.map(({ weights: _w, ...n }) => (void _w, n));
    const doc = result.document;
    return { ...doc, nodes: strip(doc.nodes), blocks: Object.fromEntries(Object.entries(doc.blocks).map(([k, b]) => [k, { ...b, nodes: strip(b.nodes) }])) };
  }

  it('a layer called twice counts once, under the node that owns it; its second call never appears', async () => {
    const doc = await siamese();
    const result = carry(doc, (d) => withParams(d, 'head', { activation: 'sigmoid' }));
    expect(ids(result.plan.kept)).toEqual(['encoder/enc_code', 'encoder/enc_hidden', 'head', 'projector']);
    expect(result.plan.kept.find((l) => l.id === 'encoder/enc_code')!.name).toBe('encoder/enc_code');
    expectCarried(result);
    const inputs = inputsFor(result.before.model, 9);
    // sigmoid instead of softmax: same weights, other predictions; the shared encoder and projector give the same features.
    const features = (m: tf.LayersModel) => [...(tf.model({ inputs: m.inputs, outputs: m.getLayer('joined').output as tf.SymbolicTensor }).predict(inputs) as tf.Tensor).dataSync()];
    expect(features(result.model)).toEqual(features(result.before.model));
  });

  it('editing a block body resets the changed inner layers in every use of the block, and only those', async () => {
    // Two uses of the block that do not share weights: each use trains its own inner layers.
    const doc = edited(await siamese(), 'encoder_call2', ({ sharesWeightsWith: _s, ...n }) => (void _s, n));
    const blockKey = Object.keys(doc.blocks)[0]!;
    const hidden = doc.blocks[blockKey]!.nodes.find((n) => n.type === 'Dense' && n.params.units === 5)!.id;
    const code = doc.blocks[blockKey]!.nodes.find((n) => n.type === 'Dense' && n.params.units === 4)!.id;
    const result = carry(doc, (d) => ({
      ...d,
      blocks: { ...d.blocks, [blockKey]: { ...d.blocks[blockKey]!, nodes: d.blocks[blockKey]!.nodes.map((n) => (n.id === hidden ? { ...n, params: { ...n.params, units: 7 } } : n)) } },
    }));
    expect(ids(result.plan.kept)).toEqual(['head', 'projector']);
    expect(reasons(result.plan)).toEqual({
      [`encoder/${hidden}`]: ['units 5 → 7'],
      [`encoder/${code}`]: ['input shape [?, 5] → [?, 7]'],
      [`encoder_call2/${hidden}`]: ['units 5 → 7'],
      [`encoder_call2/${code}`]: ['input shape [?, 5] → [?, 7]'],
    });
    expectCarried(result);
    // The two uses trained weights of their own: the fresh inner layers are not copies of each other either.
    expect(weightsOf(result.before.model, result.before.check, `encoder/${code}`)).not.toEqual(weightsOf(result.before.model, result.before.check, `encoder_call2/${code}`));
  });
});

describe('the page keeps trained weights by node (src/runtime/trained-model.ts)', () => {
  afterEach(() => discardTrainedModel());

  it('after real training, an unchanged graph gives the trained model and a renamed one a model that predicts exactly the same', async () => {
    const doc = smallLstm();
    const model = built(checkGraph(doc));
    const x = tf.randomUniform([16, 5, 16], -1, 1, 'float32', 1);
    const y = tf.oneHot(tf.randomUniform([16], 0, 10, 'int32', 2) as tf.Tensor1D, 10);
    const initial = model.getWeights().map(bytes);
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(model.getWeights().map(bytes)).not.toEqual(initial);
    keepTrainedModel(doc, model);
    expect(trainedModelFor(doc)).toBe(model);

    const renamed = edited(doc, 'dense', (n) => ({ ...n, name: 'classes' }));
    const carried = trainedModelFor(renamed)!;
    expect(carried).not.toBe(model);
    expect(trainedModelFor(renamed)).toBe(carried); // built once per graph
    const inputs = [tf.randomUniform([3, 5, 16], -1, 1, 'float32', 4)];
    expect(predictions(carried, inputs)).toEqual(predictions(model, inputs));
  });

  it('weights kept from a worker build the model on demand; a graph no trained weight fits has none', () => {
    const doc = smallLstm();
    const trained = trainedModel(doc, 8);
    keepTrainedWeights(doc, trained.weights);
    const rebuilt = trainedModelFor(doc)!;
    expect(rebuilt.getWeights().map(bytes)).toEqual(trained.model.getWeights().map(bytes));
    const changed = edited(withParams(doc, 'lstm', { units: 4 }), 'dense', (n) => ({ ...n, params: { ...n.params, units: 3 } }));
    expect(trainedModelFor(changed)).toBeUndefined();
  });
});

describe('what the Train tab says (src/app/carry-notice.ts)', () => {
  afterEach(() => setLocale('en', false));

  it('counts kept layers, names each reset or new one with its reason, and the removed ones, in English and Chinese', () => {
    const plan = carry(smallCnn(), (d) => withParams(d, 'dense', { units: 64 })).plan;
    expect(carryNotice(plan)).toBe('Kept the trained weights of 1 layer; reset 2: dense (units 128 → 64), dense_1 (input shape [?, 128] → [?, 64]).');
    setLocale('zh-CN', false);
    expect(carryNotice(plan)).toBe('已保留 1 个层训练得到的权重；重置 2 个：dense (units 128 → 64)、dense_1 (输入形状 [?, 128] → [?, 64])。');
    setLocale('en', false);
    const all = carry(smallCnn(), (d) => edited(d, 'dense', (n) => ({ ...n, name: 'hidden' }))).plan;
    expect(carryNotice(all)).toBe('Kept the trained weights of all 3 layers.');
    expect(carryNotice({ ...all, kept: [], reset: [], added: [{ id: 'x', name: 'x' }], removed: [{ id: 'y', name: 'y' }] })).toBe(
      'No trained weights fit the edited graph; reset 1: x (new layer). Removed with their trained weights: y.',
    );
  });
});

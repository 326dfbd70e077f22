/**
 * Trained weights belong to one opening of a document (src/runtime/trained-weights.ts):
 * opening another document puts them away, undoing the open (the history restores the
 * very document object it replaced) brings them back, redoing it puts them away again.
 * A graph whose ids and shapes match by chance never gets them. tfjs is the oracle for
 * what the Code tab would download: the weights of `trainedModelFor`'s model.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { checkGraph } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import type { GraphDocument } from '../schemas/graph';
import { readNodeWeights } from '../runtime/node-weights';
import { DATASETS } from '../runtime/datasets';
import { startBackend } from '../cli/tfjs-backend';
import { discardTrainedModel, keepTrainedModel, trainedModelFor } from '../src/runtime/trained-model';
import { carryPlanFor, keepTrainedWeights, openingDocument, showingDocument, trainedWeights } from '../src/runtime/trained-weights';
import { randomizeWeights } from './fixtures/tfjs-artifacts';
import { example } from './documents';

type Doc = GraphDocument;

beforeAll(() => startBackend('cpu'));
afterEach(() => discardTrainedModel());

/** The seed LSTM with 8 units (tfjs's orthogonal initializer is slow on larger recurrent kernels). */
const smallLstm = (): Doc => {
  const doc = example('seed-lstm.json');
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === 'lstm' ? { ...n, params: { ...n.params, units: 8 } } : n)) };
};
/** An edit: the Dense layer renamed (its weights still fit). */
const renamed = (doc: Doc): Doc => ({ ...doc, nodes: doc.nodes.map((n) => (n.id === 'dense' ? { ...n, name: 'classes' } : n)) });

/** Weights of `doc` moved away from tfjs's initial ones, as training would, by node. */
function trainedWeightsOf(doc: Doc, seed: number) {
  const check = checkGraph(doc);
  const built = buildTfjsModel(check);
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  randomizeWeights(built.model, seed);
  const weights = readNodeWeights(built.model, check);
  built.model.dispose();
  return weights;
}

/** The bytes of every weight of the model the Code tab would download for `doc`, or undefined when it would build a fresh one. */
function downloaded(doc: Doc): string[] | undefined {
  const model = trainedModelFor(doc);
  return model?.getWeights().map((w) => Buffer.from((w.dataSync() as Float32Array).slice().buffer).toString('base64'));
}

const bytesOf = (weights: ReturnType<typeof trainedWeightsOf>) =>
  [...weights.values()].flatMap((tensors) => tensors.map((t) => Buffer.from(t.values.slice().buffer).toString('base64')));

/** Shows `document` as the app does: a new opening (a copy, as the app opens one). */
function open(document: Doc): Doc {
  const opened = { ...document };
  openingDocument(opened);
  showingDocument(opened); // the editor's graph-change for the loaded document
  return opened;
}

describe('undo and redo of an open', () => {
  test('undo brings back the weights trained on the graph the open replaced; redo puts them away again; the same ids and shapes never get them', () => {
    const a = smallLstm();
    showingDocument(a);
    const weights = trainedWeightsOf(a, 3);
    expect(keepTrainedWeights(a, weights)).toBe(true);
    expect(downloaded(a)).toEqual(bytesOf(weights));

    // The same example opened again: identical ids, kinds and shapes, and still not the graph they were trained on.
    const b = open(smallLstm());
    expect(trainedWeights()).toBeUndefined();
    expect(carryPlanFor(checkGraph(b))).toBeUndefined();
    expect(downloaded(b)).toBeUndefined();

    showingDocument(a); // undo
    expect(trainedWeights()?.weights).toBe(weights);
    expect(downloaded(a)).toEqual(bytesOf(weights));
    showingDocument(b); // redo
    expect(downloaded(b)).toBeUndefined();
    showingDocument(a); // undo once more
    expect(downloaded(a)).toEqual(bytesOf(weights));
  });

  test('edits on either side of the open stay with their side, and weights trained after the open come back on redo', () => {
    const a = smallLstm();
    showingDocument(a);
    const a1 = renamed(a);
    showingDocument(a1); // an edit
    const weightsA = trainedWeightsOf(a1, 3);
    keepTrainedWeights(a1, weightsA);

    const b = open(smallLstm());
    const b1 = renamed(b);
    showingDocument(b1); // an edit of the opened graph
    const weightsB = trainedWeightsOf(b1, 7);
    keepTrainedWeights(b1, weightsB);

    showingDocument(b); // undo the edit: still the opened graph's weights, carried
    expect(trainedWeights()?.weights).toBe(weightsB);
    showingDocument(a1); // undo the open
    expect(trainedWeights()?.weights).toBe(weightsA);
    showingDocument(a); // undo the edit before it: the same opening
    expect(trainedWeights()?.weights).toBe(weightsA);
    showingDocument(a1); // redo
    showingDocument(b); // redo the open: the weights trained on the opened graph come back
    expect(trainedWeights()?.weights).toBe(weightsB);
    expect(downloaded(b1)).toEqual(bytesOf(weightsB));
  });

  test('training that ends after another document was opened keeps its weights with its own graph, not the shown one', () => {
    const a = smallLstm();
    showingDocument(a);
    const b = open(smallLstm());
    const weightsA = trainedWeightsOf(a, 3);
    expect(keepTrainedWeights(a, weightsA)).toBe(false); // the worker's training of `a` ends now
    expect(trainedWeights()).toBeUndefined();
    expect(downloaded(b)).toBeUndefined();
    showingDocument(a); // undo
    expect(trainedWeights()?.weights).toBe(weightsA);
  });

  test('a model trained in the page after another document was opened is disposed, its weights put away', () => {
    const a = smallLstm();
    showingDocument(a);
    open(smallLstm());
    const check = checkGraph(a);
    const built = buildTfjsModel(check);
    if (!built.ok) throw new Error('no model');
    randomizeWeights(built.model, 5);
    const weights = bytesOf(readNodeWeights(built.model, check));
    expect(keepTrainedModel(a, built.model)).toBe(false);
    expect(() => built.model.getWeights()).toThrow(/disposed/);
    showingDocument(a);
    expect(downloaded(a)).toEqual(weights);
  });

  test('at most one opening’s weights are kept put away: the latest', () => {
    const a = smallLstm();
    showingDocument(a);
    keepTrainedWeights(a, trainedWeightsOf(a, 3));
    const b = open(smallLstm());
    const weightsB = trainedWeightsOf(b, 7);
    keepTrainedWeights(b, weightsB);
    const c = open(smallLstm()); // b's weights are put away, a's let go

    showingDocument(b); // undo
    expect(trainedWeights()?.weights).toBe(weightsB);
    showingDocument(a); // undo: a's were let go
    expect(trainedWeights()).toBeUndefined();
    showingDocument(b); // redo: b's are still kept
    expect(trainedWeights()?.weights).toBe(weightsB);
    showingDocument(c);
    expect(trainedWeights()).toBeUndefined();
  });

  test('opening an untrained graph keeps the weights put away before it', () => {
    const a = smallLstm();
    showingDocument(a);
    const weightsA = trainedWeightsOf(a, 3);
    keepTrainedWeights(a, weightsA);
    const b = open(smallLstm());
    open({ ...smallLstm(), name: 'third' });
    showingDocument(b);
    expect(trainedWeights()).toBeUndefined();
    showingDocument(a);
    expect(trainedWeights()?.weights).toBe(weightsA);
  });

  test('the dataset training used stays with its weights, through an open and its undo', () => {
    const a = smallLstm();
    showingDocument(a);
    const waves = DATASETS.get('waves')!;
    keepTrainedWeights(a, trainedWeightsOf(a, 3), waves);
    open(smallLstm());
    showingDocument(a);
    expect(trainedWeights()?.trainedOn).toBe(waves);
  });
});

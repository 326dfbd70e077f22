/**
 * Which built-in dataset a model trains on (runtime/training-dataset.ts): the
 * rule the Train tab, the quantized export's validation and the Inspect tab share.
 */
import { describe, expect, test } from 'vitest';
import { checkGraph } from '../compiler/check';
import { checkDataset } from '../runtime/check-dataset';
import { trainingDataset } from '../runtime/training-dataset';
import type { GraphDocument } from '../schemas/graph';
import { example, parsed } from './documents';

/** The document with its training settings naming `name` (undefined: naming no dataset). */
const naming = (document: GraphDocument, name: string | undefined): GraphDocument =>
  parsed({ ...document, training: { ...document.training, dataset: name === undefined ? undefined : { name } } });

const pick = (document: GraphDocument) => trainingDataset(document, checkGraph(document))?.name;

describe('the dataset a model trains on', () => {
  test.each([
    ['seed-cnn.json', 'shapes'],
    ['mnist-cnn.json', 'mnist'],
    ['seed-lstm.json', 'waves'],
    ['seed-attention.json', 'waves'],
    ['seed-multitask.json', 'blobs'],
    ['cross-modal.json', 'shapes-and-waves'],
  ])('%s names %s, and trains on it', (file, name) => {
    const document = example(file);
    expect(document.training?.dataset?.name).toBe(name);
    expect(pick(document)).toBe(name);
  });

  test.each([
    ['seed-cnn.json', 'shapes'],
    ['mnist-cnn.json', 'mnist'],
    ['seed-lstm.json', 'waves'],
    ['seed-multitask.json', 'blobs'],
    ['cross-modal.json', 'shapes-and-waves'],
  ])('%s naming none trains on the first built-in dataset that fits: %s', (file, name) => {
    const document = naming(example(file), undefined);
    expect(pick(document)).toBe(name);
    expect(checkDataset(checkGraph(document), trainingDataset(document, checkGraph(document))!).ok).toBe(true);
  });

  test('a name that is no built-in dataset counts as none', () => {
    expect(pick(naming(example('seed-lstm.json'), 'no-such-dataset'))).toBe('waves');
  });

  test('a named dataset that does not fit is still the one, so the Train tab can say why', () => {
    const document = naming(example('seed-lstm.json'), 'mnist');
    expect(pick(document)).toBe('mnist');
    expect(checkDataset(checkGraph(document), trainingDataset(document, checkGraph(document))!).ok).toBe(false);
  });

  test('no dataset when none is named and none fits', () => {
    const document = parsed({
      format: 'layerwire.graph',
      version: 1,
      name: 'seven features',
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [7] } },
        { id: 'out', type: 'Dense', params: { units: 3, activation: 'softmax' } },
      ],
      edges: [{ from: { node: 'in', port: 'out' }, to: { node: 'out', port: 'in' } }],
    });
    expect(checkGraph(document).ok).toBe(true);
    expect(pick(document)).toBeUndefined();
  });

  test('a graph that does not check fits nothing, but a named dataset is still named', () => {
    const broken = parsed({ ...example('seed-lstm.json'), edges: [] });
    expect(checkGraph(broken).ok).toBe(false);
    expect(pick(naming(broken, undefined))).toBeUndefined();
    expect(pick(broken)).toBe('waves');
  });

  test('with no document or check yet (the Train tab before the first check): none', () => {
    expect(trainingDataset(undefined, undefined)).toBeUndefined();
  });
});

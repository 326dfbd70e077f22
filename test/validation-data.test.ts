/**
 * The data the Code tab validates quantized weights on (src/runtime/validation-data.ts):
 * the data the weights were trained on. The person's own CSV when Train used it, whatever
 * the document names; a built-in dataset otherwise, as the Train tab picks it.
 */
import { describe, expect, test } from 'vitest';
import { checkGraph } from '../compiler/check';
import type { GraphDocument } from '../schemas/graph';
import { DATASETS, type Dataset } from '../runtime/datasets';
import { parseCsvDataset } from '../runtime/datasets/csv';
import { isOwnData, validationData } from '../src/runtime/validation-data';
import { example, parsed } from './documents';

const waves = DATASETS.get('waves')!;
const blobs = DATASETS.get('blobs')!;

/** Input [features] → Dense softmax [2], naming `dataset` (a built-in one) in its training settings. */
function classifier(features: number, dataset = 'blobs'): GraphDocument {
  return parsed({
    format: 'layerwire.graph',
    version: 1,
    name: 'own_data',
    nodes: [
      { id: 'features', type: 'Input', params: { shape: [features] }, position: { x: 0, y: 0 } },
      { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' }, position: { x: 0, y: 140 } },
    ],
    edges: [{ from: { node: 'features', port: 'out' }, to: { node: 'out', port: 'in' } }],
    training: { optimizer: { type: 'adam' }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], dataset: { name: dataset, samples: 500 } },
  });
}

/** A CSV of `rows` rows: 4 number columns and a 2-class label. */
function csvData(fileName: string, rows = 30): Dataset {
  const lines = Array.from({ length: rows }, (_, i) => [i % 3, i % 5, i % 7, i, i % 2 ? 'big' : 'small'].join(','));
  const read = parseCsvDataset(['a,b,c,d,kind', ...lines].join('\n'), { fileName, labels: ['kind'] });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.dataset;
}

const chosen = (document: GraphDocument, trainedOn: Dataset | undefined) => {
  const data = validationData(checkGraph(document), trainedOn);
  return data.ok ? { dataset: data.dataset.name, own: data.own, split: data.split, inputs: data.binding.inputs } : { none: data.dataset?.name ?? true, own: data.own };
};

describe('the data quantized weights are validated on', () => {
  test.each<[string, GraphDocument, Dataset | undefined, ReturnType<typeof chosen>]>([
    // Nothing known of the training (weights kept before this was recorded): the Train tab's pick, as before.
    ['untold: the document’s dataset and its sample count', example('seed-lstm.json'), undefined, { dataset: 'waves', own: false, split: { samples: 3000, seed: 1, fraction: 0.1 }, inputs: ['sequence'] }],
    ['trained on the document’s built-in dataset', example('seed-lstm.json'), waves, { dataset: 'waves', own: false, split: { samples: 3000, seed: 1, fraction: 0.1 }, inputs: ['sequence'] }],
    // The person's own data: every row, 10% held out, whatever built-in dataset the document names.
    ['trained on the person’s CSV', classifier(4), csvData('flowers.csv'), { dataset: 'flowers.csv', own: true, split: { samples: 30, seed: 1, fraction: 0.1 }, inputs: ['features'] }],
    // A file named like a built-in dataset is still the person's: the document's sample count for `blobs` is not its.
    ['trained on a CSV named like a built-in dataset', classifier(4, 'blobs'), csvData('blobs'), { dataset: 'blobs', own: true, split: { samples: 30, seed: 1, fraction: 0.1 }, inputs: ['features'] }],
    // Edited since training so that the person's data no longer fits: not measured, rather than measured on other data.
    ['the person’s CSV no longer fits', classifier(3), csvData('flowers.csv'), { none: 'flowers.csv', own: true }],
    ['no dataset fits and none was trained on', classifier(3, 'no-such-dataset'), undefined, { none: true, own: false }],
  ])('%s', (_, document, trainedOn, expected) => {
    expect(chosen(document, trainedOn)).toEqual(expected);
  });

  test('trained on blobs, the document since switched to another dataset: validated on blobs, not on the document’s', () => {
    const multitask = example('seed-multitask.json');
    expect(multitask.training?.dataset?.name).toBe('blobs');
    const switched: GraphDocument = { ...multitask, training: { ...multitask.training!, dataset: { name: 'waves' } } };
    expect(chosen(switched, blobs)).toEqual({ dataset: 'blobs', own: false, split: { samples: blobs.defaultSamples, seed: 1, fraction: 0.1 }, inputs: ['features'] });
    expect(chosen(switched, undefined)).toEqual({ none: 'waves', own: false }); // what the document names does not fit this model
  });

  test('own data is told from the built-in datasets by the dataset itself, not its name', () => {
    expect([...DATASETS.values()].map(isOwnData)).toEqual([...DATASETS.values()].map(() => false));
    expect(isOwnData(csvData('waves'))).toBe(true);
  });
});

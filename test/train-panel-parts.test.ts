/**
 * The Train tab's DOM-free parts: the curves its charts draw, the backend a
 * model trains on, and when a trained model still belongs to the graph.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkGraph } from '../compiler/check';
import type { GraphDocument } from '../schemas/graph';
import { TrainingCurves } from '../src/app/train-curves';
import { backendChange, trainingBackends } from '../src/runtime/train-backend';
import { graphFingerprint } from '../src/runtime/trained-weights';

const example = (file: string) => JSON.parse(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')) as GraphDocument;

describe('training curves', () => {
  test('one point per batch; the epoch and validation figures sit on the epoch’s last batch', () => {
    const curves = new TrainingCurves();
    curves.addBatch({ batch: 0, size: 8, loss: 2.3, acc: 0.1 });
    curves.addBatch({ batch: 1, size: 8, loss: 2.2, acc: 0.2 });
    curves.addEpoch({ loss: 2.25, acc: 0.15, val_loss: 2.4, val_acc: 0.05 });
    curves.addBatch({ batch: 0, size: 8, loss: 2.0, acc: 0.3 });
    expect(curves.curves.map((c) => c.name)).toEqual(['loss', 'acc']);
    expect(curves.curves[0]).toEqual({ name: 'loss', steps: [1, 2, 3], batch: [2.3, 2.2, 2.0], epoch: [null, 2.25, null], validation: [null, 2.4, null] });
    expect(curves.curves[1]!.validation).toEqual([null, 0.05, null]);
  });

  test('a multi-output model gets a curve per output loss and metric', () => {
    const curves = new TrainingCurves();
    curves.addBatch({ loss: 3, shape_loss: 1, wave_loss: 2, shape_acc: 0.5, wave_acc: 0.25 });
    curves.addEpoch({ loss: 3, shape_loss: 1, wave_loss: 2, shape_acc: 0.5, wave_acc: 0.25, val_loss: 4, val_shape_loss: 1.5, val_wave_loss: 2.5, val_shape_acc: 0.4, val_wave_acc: 0.2 });
    expect(curves.curves.map((c) => [c.name, c.steps.length, c.validation[0]])).toEqual([
      ['loss', 1, 4],
      ['shape_loss', 1, 1.5],
      ['wave_loss', 1, 2.5],
      ['shape_acc', 1, 0.4],
      ['wave_acc', 1, 0.2],
    ]);
  });
});

describe('the backend a model trains on', () => {
  const lstm = checkGraph(example('seed-lstm.json'));
  const cnn = checkGraph(example('mnist-cnn.json'));

  test.each([
    ['seed-lstm', lstm, 'wasm', ['wasm', 'webgl', 'cpu']],
    ['seed-lstm', lstm, 'cpu', ['cpu', 'webgl', 'wasm']],
    ['mnist-cnn', cnn, 'wasm', ['webgl', 'cpu']],
    ['mnist-cnn', cnn, 'webgl', ['webgl', 'cpu']],
    ['mnist-cnn', cnn, 'cpu', ['cpu', 'webgl']],
  ] as const)('%s asked for %s tries %j', (_name, check, wanted, candidates) => {
    expect(trainingBackends(check, wanted).candidates).toEqual(candidates);
  });

  test('convolutions on wasm name the layer; a backend that would not start is said too', () => {
    const { conv } = trainingBackends(cnn, 'wasm');
    expect(backendChange('wasm', 'webgl', conv)).toEqual({ reason: 'conv', wanted: 'wasm', layer: 'conv2d', type: 'Conv2D' });
    expect(backendChange('webgl', 'wasm', undefined)).toEqual({ reason: 'unavailable', wanted: 'webgl' });
    expect(backendChange('wasm', 'wasm', undefined)).toBeUndefined();
  });
});

describe('when trained weights still belong to the graph', () => {
  const seed = example('seed-lstm.json');
  test('moving nodes, renaming the model or changing training settings keeps them', () => {
    const moved = { ...seed, name: 'other', nodes: seed.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 7 } })), training: { ...seed.training!, metrics: [] } };
    expect(graphFingerprint(moved)).toBe(graphFingerprint(seed));
  });
  test('a changed parameter or wire does not', () => {
    const units = { ...seed, nodes: seed.nodes.map((n) => (n.id === 'lstm' ? { ...n, params: { ...n.params, units: 20 } } : n)) };
    expect(graphFingerprint(units)).not.toBe(graphFingerprint(seed));
    expect(graphFingerprint({ ...seed, edges: seed.edges.slice(1) })).not.toBe(graphFingerprint(seed));
  });
});

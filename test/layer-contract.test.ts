/**
 * The contract every registered layer kind keeps, checked against tfjs on a
 * tiny model per kind (test/layer-samples.ts): the document checks clean; our
 * output shapes are the tfjs model's, and the shapes it really computes; our
 * parameter count and weight layout are tfjs's. A kind without a sample fails
 * here, so a new layer cannot skip the contract.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerDefinitions } from '../compiler/layers/registry';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { asTfjs } from './tfjs-oracle';
import { UNDER_TEST, checkSample, predictAll, sampleCases, sampleInputs, samples } from './layer-samples';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the layer registry', () => {
  it('has a sample for every kind, and no sample for a kind it lacks', () => {
    const kinds = layerDefinitions.map((d) => d.kind);
    expect(kinds.filter((kind) => !samples[kind]?.length), 'kinds without a sample in test/layer-samples.ts').toEqual([]);
    expect(Object.keys(samples).filter((kind) => !kinds.includes(kind)), 'samples of unknown kinds').toEqual([]);
  });
});

describe.each(sampleCases)('$title keeps the layer contract', (sampleCase) => {
  it('checks clean, with the output shapes, parameter count and weight layout of the tfjs model', () => {
    const result = checkSample(sampleCase);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);

    const checked = structuredClone([...result.graph.nodes.values()].map((n) => n.params));
    const built = buildTfjsModel(result, { compile: false });
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
    expect([...result.graph.nodes.values()].map((n) => n.params), 'building the tfjs model must leave the checked graph as it was').toEqual(checked);
    const { model } = built;
    const report = result.byId.get(UNDER_TEST)!;
    const ours = result.graph.outputs.map((ref) => result.byId.get(ref.node)!.outputs.find((o) => o.port === ref.port)!.shape!);
    expect(ours.every((shape) => shape !== undefined)).toBe(true);

    // (a) shapes: tfjs's symbolic answer, and what it computes on a batch of 2
    expect(ours.map(asTfjs)).toEqual(model.outputs.map((o) => o.shape));
    const inputs = sampleInputs(model);
    const computed = predictAll(model, inputs).map((o) => o.shape);
    tf.dispose(inputs);
    ours.forEach((shape, i) => {
      expect(computed[i]!.length, `output ${i} rank`).toBe(shape.length);
      shape.forEach((d, axis) => {
        if (typeof d === 'number') expect(computed[i]![axis], `output ${i} axis ${axis}`).toBe(d);
      });
    });

    // (d) parameters: the total, the layer's own count, and its weights in getWeights() order
    expect(result.totals.params).toBe(model.countParams());
    if (sampleCase.kind === 'Input') return;
    const layer = model.getLayer(UNDER_TEST);
    expect(report.params).toBe(layer.countParams());
    expect(report.trainableParams).toBe(layer.trainableWeights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0));
    expect(report.weights.map((w) => w.shape)).toEqual(layer.weights.map((w) => w.shape));
    expect(report.weights.map((w) => w.trainable)).toEqual(layer.weights.map((w) => w.trainable));
  });
});

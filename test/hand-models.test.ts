/**
 * The throughput and compiler benchmarks divide our compiled model's time by
 * a hand-written tfjs model's (bench/hand-models.ts). That ratio only means
 * something if both are the same model: here every example's hand-written
 * twin must have the same layers with the same output shapes, the same
 * weights in the same order, and — given our weights — the same predictions
 * and the same loss as the model buildTfjsModel makes from the document.
 */
import fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGraphDocument } from '../schemas';
import { checkGraph } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { HAND_MODELS } from '../bench/hand-models';

const EXAMPLES = fs
  .readdirSync(new URL('../examples/', import.meta.url))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

function compiled(example: string): tf.LayersModel {
  const parsed = parseGraphDocument(JSON.parse(fs.readFileSync(new URL(`../examples/${example}.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const built = buildTfjsModel(checkGraph(parsed.document));
  if (!built.ok) throw new Error(built.diagnostics[0]?.message);
  return built.model;
}

/** Two samples for each input, with 5 timesteps where the length is left open. */
const samplesFor = (model: tf.LayersModel) => model.inputs.map((input) => tf.randomNormal([2, ...input.shape.slice(1).map((dim) => dim ?? 5)], 0, 1, 'float32', 7));
const labelsFor = (model: tf.LayersModel) => model.outputs.map((output) => tf.oneHot(tf.tensor1d([0, 1], 'int32'), output.shape[1]!).toFloat());

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('every example has a hand-written tfjs twin', () => {
  it('covers every example in examples/', () => {
    expect(Object.keys(HAND_MODELS).sort()).toEqual(EXAMPLES.sort());
  });

  describe.each(EXAMPLES)('%s', (example) => {
    it('has the same layers, output shapes, weights and predictions as the compiled model', () => {
      const ours = compiled(example);
      const hand = HAND_MODELS[example]!;
      const theirs = hand.build();
      try {
        expect(theirs.layers.map((l) => [l.getClassName(), l.outputShape])).toEqual(ours.layers.map((l) => [l.getClassName(), l.outputShape]));
        expect(theirs.countParams()).toBe(ours.countParams());
        expect(theirs.weights.map((w) => w.shape)).toEqual(ours.weights.map((w) => w.shape));

        const weights = ours.getWeights();
        theirs.setWeights(weights);
        hand.compile(theirs);
        const x = samplesFor(ours);
        const y = labelsFor(ours);
        const predictions = (model: tf.LayersModel) => [model.predict(x.length === 1 ? x[0]! : x)].flat().map((t) => t.arraySync());
        const oursOut = predictions(ours);
        const theirsOut = predictions(theirs);
        expect(theirsOut.length).toBe(oursOut.length);
        oursOut.forEach((out, i) => expect(maxDifference(out, theirsOut[i]!)).toBeLessThan(1e-5));

        // The same training objective: the loss (weighted per output where the document says so) agrees too.
        const loss = (model: tf.LayersModel) => [model.evaluate(x.length === 1 ? x[0]! : x, y.length === 1 ? y[0]! : y)].flat()[0]!.dataSync()[0]!;
        expect(loss(theirs)).toBeCloseTo(loss(ours), 5);
        tf.dispose([...x, ...y]);
      } finally {
        ours.dispose();
        theirs.dispose();
      }
    });
  });
});

function maxDifference(a: unknown, b: unknown): number {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  const [p, q] = [flat(a), flat(b)];
  if (p.length !== q.length) return Infinity;
  return p.reduce((max, value, i) => Math.max(max, Math.abs(value - q[i]!)), 0);
}

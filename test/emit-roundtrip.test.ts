/**
 * Every layer kind through both emitters and back (samples: test/layer-samples.ts):
 * the TypeScript source passes the real `tsc --strict` and, imported and run
 * with the in-memory model's weights, predicts what the in-memory model
 * predicts; the tfjs artifacts load back with `tf.loadLayersModel` and predict
 * the same too. Predictions are inference-mode, so the noise layers are the identity.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { emitTypeScript } from '../compiler/emit/typescript';
import { saveTfjsArtifacts, type TfjsArtifacts } from '../compiler/emit/tfjs-artifacts';
import { generatedDir, typeCheck } from './emitted';
import { checkSample, maxAbsDiff, predictAll, randomizeWeights, sampleCases, sampleInputs, type SampleCase } from './layer-samples';

const TOLERANCE = 1e-5;
const dir = generatedDir('emit-roundtrip');

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const sampleCase of sampleCases) {
    const emitted = emitTypeScript(checkSample(sampleCase));
    if (!emitted.ok) throw new Error(`${sampleCase.title}: ${JSON.stringify(emitted.diagnostics)}`);
    fs.writeFileSync(path.join(dir, `${sampleCase.file}.ts`), emitted.source);
  }
});

/** The in-memory model with random weights, its predictions on seeded inputs, and those inputs. */
function reference(sampleCase: SampleCase) {
  const built = buildTfjsModel(checkSample(sampleCase), { compile: false });
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  randomizeWeights(built.model);
  const inputs = sampleInputs(built.model);
  return { model: built.model, inputs, expected: predictAll(built.model, inputs) };
}

function expectSamePredictions(actual: ReturnType<typeof predictAll>, expected: ReturnType<typeof predictAll>): void {
  expect(actual.map((o) => o.shape)).toEqual(expected.map((o) => o.shape));
  actual.forEach((output, i) => expect(maxAbsDiff(output.values, expected[i]!.values), `output ${i}`).toBeLessThan(TOLERANCE));
}

/** What `tf.loadLayersModel` reads from disk, served from the artifacts in memory. */
function fromArtifacts(artifacts: TfjsArtifacts): tf.io.IOHandler {
  const json = JSON.parse(JSON.stringify(artifacts.modelJson)) as { modelTopology: object; weightsManifest: tf.io.WeightsManifestConfig };
  return {
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData: artifacts.weightData.slice().buffer,
    }),
  };
}

describe('emitted TypeScript for every layer kind', () => {
  it('passes tsc --strict (all samples in one run)', () => {
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))).toHaveLength(sampleCases.length);
    expect(() => typeCheck(dir)).not.toThrow();
  });

  it.each(sampleCases)('$title: predicts like the in-memory model with its weights', async (sampleCase) => {
    const { model, inputs, expected } = reference(sampleCase);
    const generated = (await import(/* @vite-ignore */ path.join(dir, `${sampleCase.file}.ts`))) as { buildModel: () => tf.LayersModel };
    const emitted = generated.buildModel();
    expect(emitted.layers.map((l) => l.name).filter((n) => !n.startsWith('input'))).toEqual(model.layers.map((l) => l.name).filter((n) => !n.startsWith('input')));
    expect(emitted.inputs.map((i) => [i.shape, i.dtype])).toEqual(model.inputs.map((i) => [i.shape, i.dtype]));
    expect(emitted.outputs.map((o) => o.shape)).toEqual(model.outputs.map((o) => o.shape));
    for (const layer of emitted.layers) if (layer.weights.length > 0) layer.setWeights(model.getLayer(layer.name).getWeights());
    expect(emitted.countParams()).toBe(model.countParams());
    expectSamePredictions(predictAll(emitted, inputs), expected);
    tf.dispose(inputs);
  });
});

describe('tfjs artifacts for every layer kind', () => {
  it.each(sampleCases)('$title: load back with tf.loadLayersModel and predict the same', async (sampleCase) => {
    const { model, inputs, expected } = reference(sampleCase);
    const loaded = await tf.loadLayersModel(fromArtifacts(await saveTfjsArtifacts(model)));
    expect(loaded.countParams()).toBe(model.countParams());
    expect(loaded.outputs.map((o) => o.shape)).toEqual(model.outputs.map((o) => o.shape));
    expectSamePredictions(predictAll(loaded, inputs), expected);
    tf.dispose(inputs);
  });
});

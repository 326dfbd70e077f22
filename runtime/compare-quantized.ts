import * as tf from '@tensorflow/tfjs';
import type { CheckResult } from '../compiler/check';
import { compileTfjsModel } from '../compiler/emit/tfjs-model';
import type { TfjsArtifacts } from '../compiler/emit/tfjs-artifacts';
import { TrainingConfig } from '../schemas/training';
import type { DatasetBinding } from './check-dataset';
import type { Dataset } from './datasets';
import { validationLogs } from './train';
import type { QuantizedComparison } from './validation-change';

/** Which samples to validate on: the last `fraction` of `samples` generated with `seed`, as training holds them out. */
export interface ValidationSplit {
  samples: number;
  seed: number;
  fraction: number;
}

export type { QuantizedComparison } from './validation-change';

/** Reads artifacts back the way a user's page would: through `tf.loadLayersModel`, which dequantizes the weights itself. */
export function loadArtifacts(artifacts: TfjsArtifacts): Promise<tf.LayersModel> {
  const manifest = artifacts.modelJson.weightsManifest as tf.io.WeightsManifestConfig;
  const data = artifacts.weightData;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelJson.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: manifest.flatMap((group) => group.weights),
      weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    }),
  );
}

/**
 * Evaluates the float artifacts and the quantized ones on the same held-out
 * samples, both loaded back by tfjs and compiled alike with the graph's
 * training config (a model.json cannot carry weighted losses, so tfjs's own
 * reading of it is not used for that).
 */
export async function compareQuantized(check: CheckResult, float: TfjsArtifacts, quantized: TfjsArtifacts, dataset: Dataset, binding: DatasetBinding, split: ValidationSplit): Promise<QuantizedComparison> {
  const samples = await dataset.generate({ samples: split.samples, seed: split.seed });
  const held = Math.floor(split.samples * split.fraction);
  if (held < 1) throw new Error(`${split.samples} samples leave none for validation`);
  const from = split.samples - held;
  const tail = (array: { data: Float32Array; shape: number[] }) => {
    const per = array.data.length / array.shape[0]!;
    return tf.tensor(array.data.subarray(from * per), [held, ...array.shape.slice(1)], 'float32');
  };
  const xs = binding.inputs.map((name) => tail(samples.inputs[name]!));
  const ys = binding.outputs.map((name) => tail(samples.outputs[name]!));
  const one = (tensors: tf.Tensor[]) => (tensors.length === 1 ? tensors[0]! : tensors);
  const training = check.document.training ?? TrainingConfig.parse({});
  const evaluate = async (artifacts: TfjsArtifacts) => {
    const model = await loadArtifacts(artifacts);
    try {
      compileTfjsModel(model, training, check.graph.outputs);
      const logs = validationLogs(model, one(xs), one(ys), 64);
      return Object.fromEntries(Object.entries(logs).map(([name, value]) => [name.replace(/^val_/, ''), value]));
    } finally {
      model.dispose();
    }
  };
  try {
    return { before: await evaluate(float), after: await evaluate(quantized), samples: held };
  } finally {
    tf.dispose([...xs, ...ys]);
  }
}


import type * as tf from '@tensorflow/tfjs';
import type { CheckResult } from '../../compiler/check';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import { TrainingConfig } from '../../schemas/training';

/** The checked graph as a compiled tfjs model, with the default training config where the graph has none. */
export function buildTrainableModel(check: CheckResult): tf.LayersModel {
  const withTraining = check.document.training ? check : { ...check, document: { ...check.document, training: TrainingConfig.parse({}) } };
  const built = buildTfjsModel(withTraining);
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('; '));
  return built.model;
}

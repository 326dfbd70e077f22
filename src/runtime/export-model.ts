import type { CheckResult } from '../../compiler/check';
import { quantizeArtifacts, type QuantizationDtype, type RefusedWeight } from '../../compiler/emit/quantize';
import { saveTfjsArtifacts, type TfjsArtifacts } from '../../compiler/emit/tfjs-artifacts';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import { compareQuantized, type QuantizedComparison } from '../../runtime/compare-quantized';
import { initTfjs, tf } from './tfjs';
import { trainedModelFor } from './trained-model';
import { trainedWeights } from './trained-weights';
import { validationData } from './validation-data';
import { diagnosticMessage } from '../i18n/diagnostic-text';

/** The quantized model against the float one on a dataset's validation split. */
export interface ValidationChange extends QuantizedComparison {
  dataset: string;
  /** The person's own data (a CSV file, images), not a built-in dataset. */
  own: boolean;
}

/** Why the accuracy change was not measured: no built-in dataset fits, or the person's own data the weights were trained on no longer does. */
export type NoValidation = { reason: 'no-dataset' } | { reason: 'own-data-unfit'; dataset: string };

export type ExportResult =
  | {
      ok: true;
      backend: string;
      trained: boolean;
      /** Bytes of the weights file as float32 and as written (the same when not quantized). */
      bytesBefore: number;
      bytesAfter: number;
      /** Quantized trained weights only: settles once both models are evaluated, or says why they are not. */
      validation?: Promise<ValidationChange | NoValidation>;
    }
  | { ok: false; message: string }
  | { ok: false; refused: RefusedWeight[] };

/**
 * Downloads model.json and its weights, quantized to `quantize` if given: the
 * model the Train tab trained, with the layers an edit changed since then
 * built afresh, or, when nothing trained fits, the checked graph built afresh.
 */
export async function downloadTfjsArtifacts(check: CheckResult, name: string, quantize?: QuantizationDtype): Promise<ExportResult> {
  await initTfjs();
  const backend = tf.getBackend(); // the Train tab may have moved tfjs to another backend since it started
  const trained = trainedModelFor(check.document, check);
  const result = trained ? ({ ok: true, model: trained } as const) : buildTfjsModel(check);
  if (!result.ok) return { ok: false, message: result.diagnostics.map(diagnosticMessage).join('; ') };
  const fileName = name.replace(/[^\w.-]+/g, '_') || 'model';
  try {
    const float = await saveTfjsArtifacts(result.model);
    const quantized = quantize ? quantizeArtifacts(float, quantize) : ({ ok: true, artifacts: float, bytesBefore: float.weightData.byteLength, bytesAfter: float.weightData.byteLength } as const);
    if (!quantized.ok) return quantized;
    const [download] = tf.io.getSaveHandlers(`downloads://${fileName}`);
    if (!download?.save) throw new Error('this browser offers tfjs no way to download files');
    await download.save(modelArtifacts(quantized.artifacts));
    const validation = trained && quantize ? validationChange(check, float, quantized.artifacts) : undefined;
    return { ok: true, backend, trained: trained !== undefined, bytesBefore: quantized.bytesBefore, bytesAfter: quantized.bytesAfter, validation };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    if (!trained) result.model.dispose();
  }
}

/** tfjs's `downloads://` handler writes model.json's manifest itself (paths `./NAME.weights.bin`) from these. */
function modelArtifacts(artifacts: TfjsArtifacts): tf.io.ModelArtifacts {
  const { modelJson, weightData } = artifacts;
  const manifest = modelJson.weightsManifest as tf.io.WeightsManifestConfig;
  return {
    modelTopology: modelJson.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    format: modelJson.format as string,
    generatedBy: modelJson.generatedBy as string,
    convertedBy: modelJson.convertedBy as string,
    trainingConfig: modelJson.trainingConfig as tf.io.TrainingConfig | undefined,
    weightSpecs: manifest.flatMap((group) => group.weights),
    weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer,
  };
}

/** The float and quantized models on the data the weights were trained on (validation-data.ts): the person's own when Train used it. */
async function validationChange(check: CheckResult, float: TfjsArtifacts, quantized: TfjsArtifacts): Promise<ValidationChange | NoValidation> {
  const data = validationData(check, trainedWeights()?.trainedOn);
  if (!data.ok) return data.own && data.dataset ? { reason: 'own-data-unfit', dataset: data.dataset.name } : { reason: 'no-dataset' };
  const comparison = await compareQuantized(check, float, quantized, data.dataset, data.binding, data.split);
  return { ...comparison, dataset: data.dataset.name, own: data.own };
}

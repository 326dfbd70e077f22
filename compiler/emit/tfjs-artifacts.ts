import * as tf from '@tensorflow/tfjs';

/** What `tf.loadLayersModel` reads: model.json (with its weights manifest) and one weights file. */
export interface TfjsArtifacts {
  modelJson: Record<string, unknown>;
  weightsFileName: string;
  weightData: Uint8Array;
}

/**
 * Serializes a model the way tfjs's own `model.save` does, in memory, so the
 * caller can write every file only once all of them exist (no partial output).
 */
export async function saveTfjsArtifacts(model: tf.LayersModel, weightsFileName = 'weights.bin'): Promise<TfjsArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('tfjs did not hand over the model artifacts');
  const weightData = captured.weightData
    ? new Uint8Array(tf.io.CompositeArrayBuffer.join(captured.weightData as ArrayBuffer | ArrayBuffer[]))
    : new Uint8Array();
  const modelJson: Record<string, unknown> = {
    format: 'layers-model',
    generatedBy: captured.generatedBy,
    convertedBy: 'Layerwire',
    modelTopology: captured.modelTopology,
    ...(captured.trainingConfig ? { trainingConfig: captured.trainingConfig } : {}),
    weightsManifest: [{ paths: [`./${weightsFileName}`], weights: captured.weightSpecs ?? [] }],
  };
  return { modelJson, weightsFileName, weightData };
}

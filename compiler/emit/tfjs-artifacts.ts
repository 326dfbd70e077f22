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
  const modelTopology = captured.modelTopology as KerasEntry;
  restoreDepthMultipliers(model, modelTopology);
  const modelJson: Record<string, unknown> = {
    format: 'layers-model',
    generatedBy: captured.generatedBy,
    convertedBy: 'Layerwire',
    modelTopology,
    ...(captured.trainingConfig ? { trainingConfig: captured.trainingConfig } : {}),
    weightsManifest: [{ paths: [`./${weightsFileName}`], weights: captured.weightSpecs ?? [] }],
  };
  return { modelJson, weightsFileName, weightData };
}

interface KerasEntry {
  class_name?: string;
  config?: { name?: string; layers?: KerasEntry[]; layer?: KerasEntry; depth_multiplier?: number };
}

/**
 * tfjs's SeparableConv2D leaves `depth_multiplier` out of its config, so
 * `tf.loadLayersModel` rebuilds it with 1 and then refuses its own weights.
 * Writes it back into the topology, walking nested models and wrapped layers
 * beside the live layers they describe.
 */
function restoreDepthMultipliers(layer: tf.layers.Layer, entry: KerasEntry | undefined): void {
  if (!entry?.config) return;
  if (entry.class_name === 'SeparableConv2D' && 'depthMultiplier' in layer) entry.config.depth_multiplier = layer.depthMultiplier as number;
  if (layer instanceof tf.LayersModel) {
    for (const inner of entry.config.layers ?? []) {
      const live = layer.layers.find((l) => l.name === inner.config?.name);
      if (live) restoreDepthMultipliers(live, inner);
    }
  }
  const wrapped = (layer as { layer?: unknown }).layer;
  if (wrapped instanceof tf.layers.Layer) restoreDepthMultipliers(wrapped, entry.config.layer);
}

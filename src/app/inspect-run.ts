import type { CheckResult } from '../../compiler/check';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import { captureActivations, type NodeActivation } from '../runtime/activations';
import { gradientTimesInput, type SaliencyMap } from '../runtime/saliency';
import { initTfjs, tf } from '../runtime/tfjs';
import { trainedModelFor } from '../runtime/trained-model';
import { graphFingerprint } from '../runtime/trained-weights';

/** One sample for each model input, in the model's input order: values and per-sample shape. */
export interface InspectSample {
  data: Float32Array;
  shape: number[];
}

export interface InspectResult {
  activations: NodeActivation[];
  saliency?: SaliencyMap;
  /** Why there is no saliency map for an image model. */
  saliencyError?: string;
  trained: boolean;
}

/** A model built fresh for a graph nobody trained, kept while the graph stays the same. */
let fresh: { fingerprint: string; model: tf.LayersModel } | undefined;

function modelFor(check: CheckResult): { model: tf.LayersModel; trained: boolean } {
  const trained = trainedModelFor(check.document, check);
  if (trained) return { model: trained, trained: true };
  const fingerprint = graphFingerprint(check.document);
  if (fresh?.fingerprint !== fingerprint) {
    fresh?.model.dispose();
    const built = buildTfjsModel(check, { compile: false });
    if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('; '));
    fresh = { fingerprint, model: built.model };
  }
  return { model: fresh.model, trained: false };
}

/**
 * Runs the graph's model (the Train tab's trained one, else fresh weights)
 * once on `samples` and collects every node's output, plus gradient × input
 * saliency on input `saliencyInput` for the first output head's top class.
 * Lives apart from the panel so that tfjs loads only when Inspect opens.
 */
export async function inspectSample(check: CheckResult, samples: InspectSample[], saliencyInput: number | undefined): Promise<InspectResult> {
  await initTfjs();
  const { model, trained } = modelFor(check);
  const tensors = samples.map((s) => tf.tensor(s.data, [1, ...s.shape], model.inputs[samples.indexOf(s)]?.dtype ?? 'float32'));
  try {
    const activations = await captureActivations(model, check.graph, tensors);
    if (saliencyInput === undefined) return { activations, trained };
    try {
      return { activations, saliency: gradientTimesInput(model, tensors, { input: saliencyInput, output: 0 }), trained };
    } catch (error) {
      // A layer whose gradient this backend cannot compute costs the saliency map, not the activations.
      return { activations, saliencyError: error instanceof Error ? error.message : String(error), trained };
    }
  } finally {
    tf.dispose(tensors);
  }
}

import type * as tf from '@tensorflow/tfjs';
import { checkGraph, type CheckResult } from '../../compiler/check';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import type { GraphDocument } from '../../schemas/graph';
import type { Dataset } from '../../runtime/datasets';
import { readNodeWeights, writeNodeWeights } from '../../runtime/node-weights';
import { carryPlanFor, forgetTrainedWeights, graphFingerprint, keepTrainedWeights, onTrainedWeightsChange, trainedWeights } from './trained-weights';

/**
 * tfjs models built from the trained weights (trained-weights.ts): the model
 * training produced when it ran in the page, and the model of an edited graph
 * carrying the trained weights that still fit it.
 */

/** The trained model itself, when training handed it over (in the page rather than in a worker). */
let exact: { fingerprint: string; model: tf.LayersModel } | undefined;
/** The model last built for another graph than the trained one, with the trained weights that fit it. */
let carried: { fingerprint: string; model: tf.LayersModel } | undefined;

function dropCarried(): void {
  if (carried && carried.model !== exact?.model) carried.model.dispose();
  carried = undefined;
}

// New trained weights make every model built from the old ones stale.
onTrainedWeightsChange(() => {
  dropCarried();
  exact?.model.dispose();
  exact = undefined;
});

/**
 * Keeps `model`, trained on `document` (with `trainedOn`, the dataset), and its weights by node; disposes the models
 * it replaces. When another document was opened while it trained, only its weights are kept, put away with the graph
 * they belong to (trained-weights.ts), and the model is disposed: undo brings the weights back and a model is built then.
 * Returns whether the model was kept.
 */
export function keepTrainedModel(document: GraphDocument, model: tf.LayersModel, trainedOn?: Dataset): boolean {
  if (exact?.model === model) exact = undefined; // keep it alive through the change below
  const shown = keepTrainedWeights(document, readNodeWeights(model, checkGraph(document)), trainedOn);
  if (shown) exact = { fingerprint: graphFingerprint(document), model };
  else model.dispose();
  return shown;
}

/**
 * The trained model of this graph: the one training produced if the graph has not
 * changed since, else the graph built afresh with the trained weights that still fit it.
 * Undefined when nothing was trained or no trained weight fits. The page owns the model
 * (do not dispose it); a model built for an edited graph lasts until the next edit asks
 * for another, or the next training.
 */
export function trainedModelFor(document: GraphDocument, check?: CheckResult): tf.LayersModel | undefined {
  const trained = trainedWeights();
  if (!trained) return undefined;
  const fingerprint = graphFingerprint(document);
  if (exact?.fingerprint === fingerprint) return exact.model;
  if (carried?.fingerprint === fingerprint) return carried.model;
  const checked = check && check.document === document ? check : checkGraph(document);
  const plan = carryPlanFor(checked);
  if (!plan || plan.kept.length === 0) return undefined;
  const built = buildTfjsModel(checked);
  if (!built.ok) return undefined;
  writeNodeWeights(built.model, checked, plan.weights);
  dropCarried();
  if (fingerprint === trained.fingerprint) exact = { fingerprint, model: built.model };
  else carried = { fingerprint, model: built.model };
  return built.model;
}

/** Forgets (and frees) the trained weights and the models built from them. */
export const discardTrainedModel = forgetTrainedWeights;

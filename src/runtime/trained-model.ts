import type * as tf from '@tensorflow/tfjs';
import { checkGraph, type CheckResult } from '../../compiler/check';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import type { GraphDocument } from '../../schemas/graph';
import { planWeightCarry, type CarryPlan, type WeightsByNode } from '../../runtime/carry-weights';
import { readNodeWeights, writeNodeWeights } from '../../runtime/node-weights';

/**
 * The weights the Train tab trained last, kept in the page by node so that they
 * outlive an edit of the graph: the Code tab's "tfjs model" download, the next
 * Train and the Inspect tab start from them. After an edit, the layers the edit
 * did not change keep their trained weights and the others start afresh
 * (runtime/carry-weights.ts decides which); moving a node changes nothing.
 */
interface Trained {
  check: CheckResult;
  fingerprint: string;
  weights: WeightsByNode;
  /** The trained model itself, when training handed it over (in the page rather than in a worker). */
  model?: tf.LayersModel;
}

let trained: Trained | undefined;
/** The model last built for another graph than the trained one, with the trained weights that fit it. */
let carried: { fingerprint: string; model: tf.LayersModel } | undefined;

/** What a model's weights depend on: the graph without node positions, names of the document and training settings. */
export function graphFingerprint(document: GraphDocument): string {
  const { nodes, edges, blocks } = document;
  return JSON.stringify({ nodes, edges, blocks }, (key, value: unknown) => (key === 'position' ? undefined : value));
}

/** Keeps `model`, trained on `document`, and its weights by node; disposes the models it replaces. */
export function keepTrainedModel(document: GraphDocument, model: tf.LayersModel): void {
  const check = checkGraph(document);
  keep({ check, fingerprint: graphFingerprint(document), weights: readNodeWeights(model, check), model });
}

/** Keeps weights trained elsewhere (a worker) on `document`, by node report id, as `readNodeWeights` lists them. */
export function keepTrainedWeights(document: GraphDocument, weights: WeightsByNode): void {
  keep({ check: checkGraph(document), fingerprint: graphFingerprint(document), weights });
}

function keep(next: Trained): void {
  if (trained?.model && trained.model !== next.model) trained.model.dispose();
  dropCarried();
  trained = next;
}

function dropCarried(): void {
  if (carried && carried.model !== trained?.model) carried.model.dispose();
  carried = undefined;
}

/**
 * Which trained weights fit the graph checked as `check`: kept, reset (and why), added,
 * removed. Undefined when nothing was trained, or the graph has errors (no model to carry them to).
 */
export function carryPlanFor(check: CheckResult): CarryPlan | undefined {
  if (!trained || !check.ok) return undefined;
  return planWeightCarry(trained.check, trained.weights, check);
}

/** The trained weights that fit the graph checked as `check`, by node report id: where the next training starts. */
export function initialWeightsFor(check: CheckResult): WeightsByNode {
  return carryPlanFor(check)?.weights ?? new Map();
}

/**
 * The trained model of this graph: the one training produced if the graph has not
 * changed since, else the graph built afresh with the trained weights that still fit it.
 * Undefined when nothing was trained or no trained weight fits. The page owns the model
 * (do not dispose it); a model built for an edited graph lasts until the next edit asks
 * for another, or the next training.
 */
export function trainedModelFor(document: GraphDocument, check?: CheckResult): tf.LayersModel | undefined {
  if (!trained) return undefined;
  const fingerprint = graphFingerprint(document);
  if (fingerprint === trained.fingerprint && trained.model) return trained.model;
  if (carried?.fingerprint === fingerprint) return carried.model;
  const checked = check && check.document === document ? check : checkGraph(document);
  const plan = carryPlanFor(checked);
  if (!plan || plan.kept.length === 0) return undefined;
  const built = buildTfjsModel(checked);
  if (!built.ok) return undefined;
  writeNodeWeights(built.model, checked, plan.weights);
  dropCarried();
  if (fingerprint === trained.fingerprint) trained.model = built.model;
  else carried = { fingerprint, model: built.model };
  return built.model;
}

/** Forgets (and frees) the trained weights and the models built from them. */
export function discardTrainedModel(): void {
  dropCarried();
  trained?.model?.dispose();
  trained = undefined;
}

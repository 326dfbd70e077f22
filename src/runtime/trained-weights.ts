import { checkGraph, type CheckResult } from '../../compiler/check';
import type { GraphDocument } from '../../schemas/graph';
import { planWeightCarry, type CarryPlan, type WeightsByNode } from '../../runtime/carry-weights';

/**
 * The weights the Train tab trained last, kept in the page by node so that they
 * outlive an edit of the graph: the Code tab's "tfjs model" download, the next
 * Train and the Inspect tab start from them. After an edit, the layers the edit
 * did not change keep their trained weights and the others start afresh
 * (runtime/carry-weights.ts decides which); moving a node changes nothing.
 *
 * No tfjs here: the Train and Summary tabs ask about trained weights before
 * tfjs has loaded (it loads lazily); trained-model.ts builds models from them.
 */
interface TrainedWeights {
  check: CheckResult;
  fingerprint: string;
  weights: WeightsByNode;
}

let trained: TrainedWeights | undefined;
const changeListeners = new Set<() => void>();

/** What a model's weights depend on: the graph without node positions, names of the document and training settings. */
export function graphFingerprint(document: GraphDocument): string {
  const { nodes, edges, blocks } = document;
  return JSON.stringify({ nodes, edges, blocks }, (key, value: unknown) => (key === 'position' ? undefined : value));
}

/** Keeps weights trained on `document` (in a worker or in the page), by node report id, as `readNodeWeights` lists them. */
export function keepTrainedWeights(document: GraphDocument, weights: WeightsByNode): void {
  trained = { check: checkGraph(document), fingerprint: graphFingerprint(document), weights };
  for (const listener of changeListeners) listener();
}

/** Forgets the trained weights. */
export function forgetTrainedWeights(): void {
  trained = undefined;
  for (const listener of changeListeners) listener();
}

/** The trained weights and the graph they were trained on, if any. */
export const trainedWeights = (): Readonly<TrainedWeights> | undefined => trained;

/** Calls `listener` whenever the trained weights are replaced or forgotten (models built from the old ones are stale). */
export function onTrainedWeightsChange(listener: () => void): void {
  changeListeners.add(listener);
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

import { checkGraph, type CheckResult } from '../../compiler/check';
import type { GraphDocument } from '../../schemas/graph';
import type { Dataset } from '../../runtime/datasets';
import { planWeightCarry, type CarryPlan, type WeightsByNode } from '../../runtime/carry-weights';

/**
 * The weights the Train tab trained last, kept in the page by node so that they
 * outlive an edit of the graph: the Code tab's "tfjs model" download, the next
 * Train and the Inspect tab start from them. After an edit, the layers the edit
 * did not change keep their trained weights and the others start afresh
 * (runtime/carry-weights.ts decides which); moving a node changes nothing.
 *
 * Trained weights belong to one *opening*: a document as it was opened (a file,
 * an example, a link, New) and every edit of it since. Opening another document
 * puts them away, even where the other graph's ids and shapes happen to match;
 * undoing the open shows the earlier opening again and brings them back, and
 * redoing it puts them away again. Which opening a graph belongs to is known by
 * the document object itself (history keeps the very objects it restores), never
 * by comparing graphs. Besides the shown opening's weights, those of one other
 * opening are kept: the latest put away. Older ones are let go, so a page that
 * opens many trained graphs holds at most two sets of weights.
 *
 * No tfjs here: the Train and Summary tabs ask about trained weights before
 * tfjs has loaded (it loads lazily); trained-model.ts builds models from them.
 */
interface TrainedWeights {
  check: CheckResult;
  fingerprint: string;
  weights: WeightsByNode;
  /** The dataset training used (a built-in one or the person's own), when the trainer said. */
  trainedOn: Dataset | undefined;
}

/** One opening: compared by identity only. */
type Opening = object;

/** The opening each document shown so far belongs to; an unseen document is an edit of the shown opening. */
const openingOf = new WeakMap<GraphDocument, Opening>();
let shown: Opening = {};
let trained: TrainedWeights | undefined;
/** The trained weights of one opening that is not shown, kept for when undo or redo shows it again. */
let putAway: { opening: Opening; weights: TrainedWeights } | undefined;
const changeListeners = new Set<() => void>();

const notify = () => {
  for (const listener of changeListeners) listener();
};

/** What a model's weights depend on: the graph without node positions, names of the document and training settings. */
export function graphFingerprint(document: GraphDocument): string {
  const { nodes, edges, blocks } = document;
  return JSON.stringify({ nodes, edges, blocks }, (key, value: unknown) => (key === 'position' ? undefined : value));
}

/**
 * Keeps weights trained on `document` (in a worker or in the page), by node report id, as `readNodeWeights` lists them,
 * with the dataset they were trained on. Returns false when `document` belongs to another opening than the shown one
 * (another document was opened while it trained): the weights are then put away with that opening, not shown.
 */
export function keepTrainedWeights(document: GraphDocument, weights: WeightsByNode, trainedOn?: Dataset): boolean {
  const kept = { check: checkGraph(document), fingerprint: graphFingerprint(document), weights, trainedOn };
  const opening = openingOf.get(document) ?? shown;
  if (opening !== shown) {
    putAway = { opening, weights: kept };
    return false;
  }
  trained = kept;
  notify();
  return true;
}

/**
 * `document` is about to be shown as a new opening (a file, an example, a link, New): the trained
 * weights shown until now are put away, for undo to bring back. `document` must be an object no
 * graph was shown as before (the app opens a copy), or undo could not tell the two apart.
 */
export function openingDocument(document: GraphDocument): void {
  const opening: Opening = {};
  openingOf.set(document, opening);
  show(opening);
}

/**
 * `document` is shown (after every edit, undo and redo): a document seen before shows its own
 * opening again, with that opening's weights if they are kept; any other is an edit of the shown one.
 */
export function showingDocument(document: GraphDocument): void {
  const opening = openingOf.get(document);
  if (opening === undefined) openingOf.set(document, shown);
  else if (opening !== shown) show(opening);
}

function show(opening: Opening): void {
  const back = putAway?.opening === opening ? putAway.weights : undefined;
  if (trained) putAway = { opening: shown, weights: trained };
  else if (back) putAway = undefined;
  shown = opening;
  if (!trained && !back) return;
  trained = back;
  notify();
}

/** Forgets every trained weight, the shown opening's and the one put away. */
export function forgetTrainedWeights(): void {
  trained = undefined;
  putAway = undefined;
  notify();
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

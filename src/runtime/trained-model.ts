import type * as tf from '@tensorflow/tfjs';
import type { GraphDocument } from '../../schemas/graph';

/**
 * The model the Train tab trained last, kept in the page so that the Code
 * tab's "tfjs model" download saves the trained weights rather than fresh
 * ones. It belongs to the graph it was built from: any change to layers,
 * parameters, wires or blocks makes it stale (moving a node does not).
 */
let kept: { fingerprint: string; model: tf.LayersModel } | undefined;

/** What a model's weights depend on: the graph without node positions, names of the document and training settings. */
export function graphFingerprint(document: GraphDocument): string {
  const { nodes, edges, blocks } = document;
  return JSON.stringify({ nodes, edges, blocks }, (key, value: unknown) => (key === 'position' ? undefined : value));
}

/** Keeps `model` as the trained model of `document`, disposing the one it replaces. */
export function keepTrainedModel(document: GraphDocument, model: tf.LayersModel): void {
  if (kept && kept.model !== model) kept.model.dispose();
  kept = { fingerprint: graphFingerprint(document), model };
}

/** The trained model of this graph, if it has not changed since training. */
export function trainedModelFor(document: GraphDocument): tf.LayersModel | undefined {
  return kept && kept.fingerprint === graphFingerprint(document) ? kept.model : undefined;
}

/** Forgets (and frees) the trained model. */
export function discardTrainedModel(): void {
  kept?.model.dispose();
  kept = undefined;
}

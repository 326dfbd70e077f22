import type { GraphDocument, PortRef } from '../schemas/graph';
import { diagnostics, type Diagnostic, type Fix } from './diagnostics';
import type { NodeReport } from './check';
import type { ResolvedGraph } from './resolve';
import { formatShape } from './shapes';
import { WEIGHTABLE_LOSSES } from './emit/training-config';

const CLASSIFICATION_LOSSES = new Set(['categoricalCrossentropy', 'binaryCrossentropy', 'sparseCategoricalCrossentropy', 'categoricalHinge']);

/**
 * Checks the training configuration against the model's outputs: per-output
 * losses must name real outputs, and a classification loss needs a
 * [batch, classes] output — the classic forgotten Flatten before Dense.
 */
export function checkTraining(document: GraphDocument, graph: ResolvedGraph, reports: Map<string, NodeReport>): Diagnostic[] {
  const training = document.training;
  if (!training) return [];
  const out: Diagnostic[] = [];
  const outputIds = new Set(graph.outputs.map((o) => o.node));
  const lossFor = (id: string) => (typeof training.loss === 'string' ? training.loss : training.loss[id]);

  if (typeof training.loss !== 'string') {
    for (const key of Object.keys(training.loss)) {
      if (!outputIds.has(key)) out.push(diagnostics.badTrainingConfig(`training.loss names '${key}', which is not a model output (outputs: ${[...outputIds].join(', ') || 'none'})`, `training.loss.${key}`));
    }
    for (const ref of graph.outputs) {
      if (!training.loss[ref.node]) out.push(diagnostics.badTrainingConfig(`Output '${graph.nodes.get(ref.node)?.name ?? ref.node}' has no loss in training.loss`, 'training.loss', ref.node));
    }
  }
  for (const [key, weight] of Object.entries(training.lossWeights ?? {})) {
    if (!outputIds.has(key)) out.push(diagnostics.badTrainingConfig(`training.lossWeights names '${key}', which is not a model output`, `training.lossWeights.${key}`));
    const loss = lossFor(key);
    if (weight !== 1 && loss && !WEIGHTABLE_LOSSES.has(loss)) {
      out.push(diagnostics.badTrainingConfig(`tfjs cannot weight the ${loss} loss of '${key}'; use a weight of 1 or one of ${[...WEIGHTABLE_LOSSES].join(', ')}`, `training.lossWeights.${key}`, key));
    }
  }

  for (const ref of graph.outputs) {
    const loss = lossFor(ref.node);
    const shape = reports.get(ref.node)?.outputs.find((o) => o.port === ref.port)?.shape;
    if (!loss || !shape || !CLASSIFICATION_LOSSES.has(loss) || shape.length <= 2) continue;
    const culprit = findDenseOnHighRank(ref, graph, reports);
    const fix: Fix | undefined = culprit
      ? { kind: 'insert-node', title: `Insert Flatten before ${culprit.name}`, before: { node: culprit.id, port: 'in' }, type: 'Flatten', params: {} }
      : undefined;
    const name = graph.nodes.get(ref.node)?.name ?? ref.node;
    out.push(
      diagnostics.lossShapeMismatch(
        ref.node,
        `Output '${name}' has shape ${formatShape(shape)}, but ${loss} expects [batch, classes]${culprit ? `; Dense '${culprit.name}' is applied to a rank-${culprit.rank} tensor — insert Flatten before it` : ''}`,
        fix,
      ),
    );
  }
  return out;
}

/** Walks back from an output to the first Dense that received a rank > 2 input. */
function findDenseOnHighRank(ref: PortRef, graph: ResolvedGraph, reports: Map<string, NodeReport>): { id: string; name: string; rank: number } | undefined {
  let current = graph.nodes.get(ref.node);
  let found: { id: string; name: string; rank: number } | undefined;
  const seen = new Set<string>();
  while (current && current.inputs.length === 1 && !seen.has(current.node.id)) {
    seen.add(current.node.id);
    const source = current.inputs[0]!.source;
    const inputShape = reports.get(source.node)?.outputs.find((o) => o.port === source.port)?.shape;
    if (current.node.type === 'Dense' && inputShape && inputShape.length > 2) {
      found = { id: current.node.id, name: current.name, rank: inputShape.length };
    }
    current = graph.nodes.get(source.node);
  }
  return found;
}

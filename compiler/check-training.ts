import type { GraphDocument, PortRef } from '../schemas/graph';
import { diagnostics, say, type Diagnostic, type FixDraft } from './diagnostics';
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
      if (!outputIds.has(key)) {
        const outputs = [...outputIds].join(', ');
        const text = say(`training.loss names '${key}', which is not a model output (outputs: ${outputs || 'none'})`, `training.loss 指定了 '${key}'，但它不是模型的输出（输出有：${outputs || '无'}）`);
        out.push(diagnostics.badTrainingConfig(text, `training.loss.${key}`));
      }
    }
    for (const ref of graph.outputs) {
      const name = graph.nodes.get(ref.node)?.name ?? ref.node;
      if (!training.loss[ref.node]) out.push(diagnostics.badTrainingConfig(say(`Output '${name}' has no loss in training.loss`, `输出 '${name}' 在 training.loss 中没有损失函数`), 'training.loss', ref.node));
    }
  }
  for (const [key, weight] of Object.entries(training.lossWeights ?? {})) {
    if (!outputIds.has(key)) {
      const text = say(`training.lossWeights names '${key}', which is not a model output`, `training.lossWeights 指定了 '${key}'，但它不是模型的输出`);
      out.push(diagnostics.badTrainingConfig(text, `training.lossWeights.${key}`));
    }
    const loss = lossFor(key);
    if (weight !== 1 && loss && !WEIGHTABLE_LOSSES.has(loss)) {
      const weightable = [...WEIGHTABLE_LOSSES].join(', ');
      const text = say(
        `tfjs cannot weight the ${loss} loss of '${key}'; use a weight of 1 or one of ${weightable}`,
        `tfjs 无法给 '${key}' 的 ${loss} 损失加权；请把权重设为 1，或改用以下损失之一：${weightable}`,
      );
      out.push(diagnostics.badTrainingConfig(text, `training.lossWeights.${key}`, key));
    }
  }

  for (const ref of graph.outputs) {
    const loss = lossFor(ref.node);
    const shape = reports.get(ref.node)?.outputs.find((o) => o.port === ref.port)?.shape;
    if (!loss || !shape || !CLASSIFICATION_LOSSES.has(loss) || shape.length <= 2) continue;
    const culprit = findDenseOnHighRank(ref, graph, reports);
    const fix: FixDraft | undefined = culprit
      ? {
          kind: 'insert-node',
          title: `Insert Flatten before ${culprit.name}`,
          titleZh: `在 ${culprit.name} 之前插入 Flatten`,
          before: { node: culprit.id, port: 'in' },
          type: 'Flatten',
          params: {},
        }
      : undefined;
    const name = graph.nodes.get(ref.node)?.name ?? ref.node;
    out.push(
      diagnostics.lossShapeMismatch(
        ref.node,
        say(
          `Output '${name}' has shape ${formatShape(shape)}, but ${loss} expects [batch, classes]${culprit ? `; Dense '${culprit.name}' is applied to a rank-${culprit.rank} tensor — insert Flatten before it` : ''}`,
          `输出 '${name}' 的形状为 ${formatShape(shape)}，但 ${loss} 要求 [batch, classes]${culprit ? `；Dense '${culprit.name}' 作用在一个 ${culprit.rank} 阶张量上，请在它之前插入 Flatten` : ''}`,
        ),
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

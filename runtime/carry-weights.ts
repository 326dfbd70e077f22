import type { CheckResult, NodeReport } from '../compiler/check';
import { weightSpecs } from '../compiler/cost';
import { say, type Text } from '../compiler/diagnostics';
import type { WeightSpec } from '../compiler/layers/definition';
import { resolveGraph, type ResolvedGraph, type ResolvedNode } from '../compiler/resolve';
import { formatShape } from '../compiler/shapes';
import type { Shape } from '../schemas/shape';

/**
 * Which trained weights survive an edit of the graph. A layer keeps its weights when
 * it is the same node (same id: renaming or moving a node never matters), of the same
 * kind, and its weights have the same names and shapes; every other layer starts afresh,
 * with the reason in the person's words ("units 32 → 64"). Pure data in, data out: no
 * tfjs here, so the plan can be made in a worker, the page or Node alike.
 *
 * Only nodes that own weights take part. A node that calls another node's layer again
 * (`sharesWeightsWith`) owns none, so a shared layer counts once, under its owner.
 * The inner nodes of a Block node are layers of their own (`outer/inner` ids), so
 * editing a block's body resets exactly the changed inner layers in every use of it.
 */

/** One trained tensor of a layer, in tfjs `getWeights()` order. */
export interface TrainedTensor {
  name: string;
  shape: number[];
  values: Float32Array | Int32Array;
}

/** Trained weights by node report id (`dense_1`, or `encoder/dense` inside a Block node). */
export type WeightsByNode = Map<string, TrainedTensor[]>;

export interface CarriedLayer {
  /** Node report id. */
  id: string;
  /** How the person knows it: the node's name, inside its Block node's name (`encoder/dense`). */
  name: string;
}

export interface ResetLayer extends CarriedLayer {
  /** Why its trained weights no longer fit, most telling first. */
  reasons: Text[];
}

export interface CarryPlan {
  kept: CarriedLayer[];
  /** Layers of both graphs whose trained weights no longer fit. */
  reset: ResetLayer[];
  /** Weighted layers the edit added: they start afresh. */
  added: CarriedLayer[];
  /** Weighted layers the edit removed, with their weights. */
  removed: CarriedLayer[];
  /** The trained weights of the kept layers, by node report id in the new graph. */
  weights: WeightsByNode;
}

/** What the plan compares of one weighted layer. */
interface LayerView {
  report: NodeReport;
  node: ResolvedNode | undefined;
  inputShapes: (Shape | undefined)[];
}

/**
 * Decides, layer by layer, which of `trained` (the weights of the graph checked as `before`)
 * still fit the graph checked as `after`.
 */
export function planWeightCarry(before: CheckResult, trained: WeightsByNode, after: CheckResult): CarryPlan {
  const plan: CarryPlan = { kept: [], reset: [], added: [], removed: [], weights: new Map() };
  const old = weightedLayers(before);
  const now = weightedLayers(after);
  for (const [id, layer] of now) {
    const name = displayName(after, layer.report);
    const previous = old.get(id);
    if (!previous) {
      plan.added.push({ id, name });
      continue;
    }
    const reasons = resetReasons(previous, layer, trained.get(id));
    if (reasons.length) plan.reset.push({ id, name, reasons });
    else {
      plan.kept.push({ id, name });
      plan.weights.set(id, trained.get(id)!);
    }
  }
  for (const [id, layer] of old) if (!now.has(id)) plan.removed.push({ id, name: displayName(before, layer.report) });
  return plan;
}

/** Every node that owns weights, by report id, with what its weights were computed from. */
function weightedLayers(result: CheckResult): Map<string, LayerView> {
  const graphs = new Map<string, ResolvedGraph | undefined>();
  const layers = new Map<string, LayerView>();
  for (const report of result.nodes) {
    if (report.sharesWeightsWith !== undefined || report.weights.length === 0) continue;
    const prefix = report.parent === undefined ? '' : `${report.parent}/`;
    const graph = report.parent === undefined ? result.graph : blockGraph(result, report.parent, graphs);
    const node = graph?.nodes.get(report.id.slice(prefix.length));
    const inputShapes = (node?.inputs ?? []).map((i) => result.byId.get(prefix + i.source.node)?.outputs.find((o) => o.port === i.source.port)?.shape);
    layers.set(report.id, { report, node, inputShapes });
  }
  return layers;
}

/** The resolved body of the Block node `blockId` (resolved once per block node). */
function blockGraph(result: CheckResult, blockId: string, graphs: Map<string, ResolvedGraph | undefined>): ResolvedGraph | undefined {
  if (graphs.has(blockId)) return graphs.get(blockId);
  const parent = result.byId.get(blockId)?.parent;
  const outer = parent === undefined ? result.graph : blockGraph(result, parent, graphs);
  const block = outer?.nodes.get(parent === undefined ? blockId : blockId.slice(parent.length + 1))?.block;
  const graph = block
    ? resolveGraph({ nodes: block.definition.nodes, edges: block.definition.edges, outputs: block.definition.outputs, inputOrder: block.definition.inputs }, result.document.blocks)
    : undefined;
  graphs.set(blockId, graph);
  return graph;
}

function displayName(result: CheckResult, report: NodeReport): string {
  const parent = report.parent === undefined ? undefined : result.byId.get(report.parent);
  return parent ? `${displayName(result, parent)}/${report.name}` : report.name;
}

const sameSpecs = (a: readonly WeightSpec[], b: readonly WeightSpec[]) =>
  a.length === b.length && a.every((w, i) => w.name === b[i]!.name && formatShape(w.shape) === formatShape(b[i]!.shape));

const fitsTrained = (specs: readonly WeightSpec[], trained: TrainedTensor[] | undefined) =>
  trained !== undefined && trained.length === specs.length && specs.every((w, i) => formatShape(w.shape) === formatShape(trained[i]!.shape));

const formatValue = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));
const formatShapes = (shapes: (Shape | undefined)[]) => shapes.map((s) => (s ? formatShape(s) : '?')).join(', ');

/** Why `before`'s trained weights do not fit `after`; empty when they do. */
function resetReasons(before: LayerView, after: LayerView, trained: TrainedTensor[] | undefined): Text[] {
  const { report: was } = before;
  const { report: is } = after;
  if (was.type !== is.type) return [say(`kind ${was.type} → ${is.type}`, `类型 ${was.type} → ${is.type}`)];
  if (sameSpecs(was.weights, is.weights)) {
    return fitsTrained(is.weights, trained) ? [] : [say('no trained weights were kept for it', '没有保存它训练得到的权重')];
  }
  // Name what changed the weights: each changed parameter and the input shape, tried one at a time on the old layer.
  const reasons: Text[] = [];
  const definition = after.node?.definition;
  const oldParams = before.node?.params.ok ? (before.node.params.value as Record<string, unknown>) : undefined;
  const newParams = after.node?.params.ok ? (after.node.params.value as Record<string, unknown>) : undefined;
  const oldInputs = before.inputShapes.every((s) => s !== undefined) ? (before.inputShapes as Shape[]) : undefined;
  const newInputs = after.inputShapes.every((s) => s !== undefined) ? (after.inputShapes as Shape[]) : undefined;
  const changesWeights = (params: unknown, inputs: Shape[]) => {
    try {
      return !sameSpecs(weightSpecs(definition!, params, inputs), was.weights);
    } catch {
      return true; // a combination the layer cannot take certainly changes it
    }
  };
  if (definition && oldParams && newParams && oldInputs) {
    for (const key of new Set([...Object.keys(oldParams), ...Object.keys(newParams)])) {
      if (JSON.stringify(oldParams[key]) === JSON.stringify(newParams[key])) continue;
      if (!changesWeights({ ...oldParams, [key]: newParams[key] }, oldInputs)) continue;
      const change = `${key} ${formatValue(oldParams[key])} → ${formatValue(newParams[key])}`;
      reasons.push(say(change, change));
    }
  }
  if (definition && oldParams && oldInputs && newInputs && formatShapes(oldInputs) !== formatShapes(newInputs) && changesWeights(oldParams, newInputs)) {
    reasons.push(say(`input shape ${formatShapes(oldInputs)} → ${formatShapes(newInputs)}`, `输入形状 ${formatShapes(oldInputs)} → ${formatShapes(newInputs)}`));
  }
  if (reasons.length === 0) {
    const describe = (specs: readonly WeightSpec[]) => specs.map((w) => `${w.name} ${formatShape(w.shape)}`).join(', ');
    reasons.push(say(`weights ${describe(was.weights)} → ${describe(is.weights)}`, `权重 ${describe(was.weights)} → ${describe(is.weights)}`));
  }
  return reasons;
}

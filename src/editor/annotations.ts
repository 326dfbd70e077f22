import type { Edge, GraphDocument } from '../../schemas/graph';
import type { CheckResult, NodeReport } from '../../compiler/check';
import { formatShape } from '../../compiler/shapes';
import { sameItems } from '../../compiler/same-items';
import { formatValue } from '../schema-form/value-text';
import type { CostOverlay, NodeAnnotation } from './view-model';

/** `3×3` for a flat array (a kernel, a shape), the inspector's text otherwise. */
function formatParam(value: unknown): string {
  // A wrapper's layer: `LSTM(units 32)` rather than its JSON.
  const nested = value as { type?: unknown; params?: unknown } | null;
  if (nested && typeof nested === 'object' && typeof nested.type === 'string' && nested.params && typeof nested.params === 'object') {
    return `${nested.type}(${summarizeParams(nested.params as Record<string, unknown>)})`;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' || v === null || typeof v === 'string')) return value.map((v) => (v === null ? '?' : String(v))).join('×');
  return formatValue(value);
}

/** The parameters a document sets, as one line: `filters 32 · kernelSize 3×3 · activation relu`. */
export function summarizeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key} ${formatParam(value)}`)
    .join(' · ');
}

export interface WireAnnotation {
  /** The shape the wire carries, formatted; empty when unknown. */
  label: string;
  /** `error` when the checker blames the input port the wire feeds. */
  status: 'ok' | 'error';
}

/**
 * Checks never change a report in place, and an edit keeps the node objects (and params) it did
 * not touch, while a recheck hands nodes it did not infer again the same output list, as does
 * inference to a run of equal layers fed the same shape. So each list of outputs is formatted
 * once, and each params object summarised once, however many nodes and edits show it: an edit
 * of a large graph formats what changed, not every node again.
 */
const formattedOutputs = new WeakMap<NodeReport['outputs'], NodeAnnotation['outputs']>();
const summaries = new WeakMap<Record<string, unknown>, string>();

function outputsText(outputs: NodeReport['outputs']): NodeAnnotation['outputs'] {
  let text = formattedOutputs.get(outputs);
  if (!text) {
    text = outputs.map((o) => ({ port: o.port, ...(o.shape ? { shape: formatShape(o.shape) } : {}) }));
    formattedOutputs.set(outputs, text);
  }
  return text;
}

function summaryOf(params: Record<string, unknown>): string {
  let summary = summaries.get(params);
  if (summary === undefined) {
    summary = summarizeParams(params);
    summaries.set(params, summary);
  }
  return summary;
}

/** Whether two annotations draw the same node: what a node shows, compared without serialising either. */
export function sameAnnotation(a: NodeAnnotation, b: NodeAnnotation): boolean {
  if (a === b) return true;
  return (
    a.params === b.params &&
    a.flops === b.flops &&
    a.summary === b.summary &&
    a.sharesWith === b.sharesWith &&
    (a.cost === b.cost || (a.cost !== undefined && b.cost !== undefined && a.cost.heat === b.cost.heat && a.cost.label === b.cost.label)) &&
    sameItems(a.outputs, b.outputs, (x, y) => x.port === y.port && x.shape === y.shape) &&
    sameItems(a.problems, b.problems, (x, y) => x.severity === y.severity && x.message === y.message && x.port === y.port && JSON.stringify(x.translations) === JSON.stringify(y.translations))
  );
}

/** What the canvas shows from a check: per node its shapes, counts and problems (and its cost, with an overlay); per wire its shape. */
export function annotateGraph(document: GraphDocument, check: CheckResult, overlay?: CostOverlay): { nodes: Map<string, NodeAnnotation>; wire(edge: Edge): WireAnnotation } {
  const problems = new Map<string, NodeAnnotation['problems']>();
  for (const d of check.diagnostics) {
    if (!d.nodeId) continue;
    const list = problems.get(d.nodeId) ?? [];
    // Both languages travel with the problem: the node shows the current one and switches without a re-check.
    list.push({ severity: d.severity, message: d.message, ...(d.translations ? { translations: d.translations } : {}), ...(d.port ? { port: d.port } : {}) });
    problems.set(d.nodeId, list);
  }
  const nodes = new Map<string, NodeAnnotation>();
  for (const node of document.nodes) {
    const report = check.byId.get(node.id);
    const cost = overlay?.get(node.id);
    nodes.set(node.id, {
      outputs: report ? outputsText(report.outputs) : [],
      params: report?.params ?? null,
      flops: report?.flops ?? null,
      problems: problems.get(node.id) ?? [],
      summary: summaryOf(node.params),
      ...(node.sharesWeightsWith !== undefined ? { sharesWith: document.nodes.find((n) => n.id === node.sharesWeightsWith)?.name ?? node.sharesWeightsWith } : {}),
      ...(cost ? { cost } : {}),
    });
  }
  return {
    nodes,
    wire: (edge) => {
      // The shape its source node shows, formatted once there: a wire's label is the same text.
      const shape = nodes.get(edge.from.node)?.outputs.find((o) => o.port === edge.from.port)?.shape;
      const blamed = (problems.get(edge.to.node) ?? []).some((p) => p.severity === 'error' && p.port === edge.to.port);
      return { label: shape ?? '', status: blamed ? 'error' : 'ok' };
    },
  };
}

import type { Edge, GraphDocument } from '../../schemas/graph';
import type { CheckResult } from '../../compiler/check';
import { formatShape } from '../../compiler/shapes';
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
      outputs: (report?.outputs ?? []).map((o) => ({ port: o.port, ...(o.shape ? { shape: formatShape(o.shape) } : {}) })),
      params: report?.params ?? null,
      flops: report?.flops ?? null,
      problems: problems.get(node.id) ?? [],
      summary: summarizeParams(node.params),
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

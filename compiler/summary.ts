import type { CheckResult } from './check';
import { formatShape } from './shapes';

export interface SummaryRow {
  id: string;
  name: string;
  type: string;
  /** Nesting depth: 0 for top-level nodes, 1 inside a block, … */
  depth: number;
  outputShapes: string[];
  params: number | null;
  flops: number | null;
  /** Names of the layers feeding this one. */
  connectedTo: string[];
}

export interface ModelSummary {
  name: string;
  rows: SummaryRow[];
  totals: CheckResult['totals'] & { nonTrainableParams: number };
}

/** Keras's `model.summary()` as data: the CLI prints it, the editor renders it. */
export function summarize(result: CheckResult): ModelSummary {
  const rows = result.nodes.map((report) => {
    const depth = report.id.split('/').length - 1;
    const resolved = depth === 0 ? result.graph.nodes.get(report.id) : undefined;
    return {
      id: report.id,
      name: depth === 0 ? report.name : `${report.id.split('/').slice(0, -1).map((id) => result.byId.get(id)?.name ?? id).join('/')}/${report.name}`,
      type: report.type === 'Block' ? `Block(${result.graph.nodes.get(report.id)?.block?.key ?? ''})` : report.type,
      depth,
      outputShapes: report.outputs.map((o) => (o.shape ? formatShape(o.shape) : '?')),
      params: report.params,
      flops: report.flops,
      connectedTo: resolved ? resolved.inputs.map((i) => result.graph.nodes.get(i.source.node)?.name ?? i.source.node) : [],
    };
  });
  return { name: result.document.name, rows, totals: { ...result.totals, nonTrainableParams: result.totals.params - result.totals.trainableParams } };
}

/** 15,754,280 bytes → "15.02 MB", as Keras prints sizes. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(2)} ${units[unit]}`;
}

/** 14763658 → "14.76M": FLOPs read best with an SI suffix. */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let value = n;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(2)}${units[unit]}`;
}

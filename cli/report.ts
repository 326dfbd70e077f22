import type { CheckResult } from '../compiler/check';
import { localizeDiagnostic, type Diagnostic, type DiagnosticLocale } from '../compiler/diagnostics';
import { formatBytes, formatCount, summarize } from '../compiler/summary';
import { formatShape } from '../compiler/shapes';

/** The `check --json` contract: exactly one object, stable field names. */
export function jsonReport(result: CheckResult, extra: Diagnostic[] = []) {
  const nameOf = (id: string | undefined) => (id === undefined ? null : result.byId.get(id)?.name ?? result.graph.nodes.get(id)?.name ?? id);
  return {
    ok: result.ok && !extra.some((d) => d.severity === 'error'),
    params: result.totals.params,
    nodes: result.nodes.map((n) => ({ id: n.id, name: n.name, type: n.type, outputShapes: n.outputs.map((o) => o.shape ?? null) })),
    diagnostics: [...extra, ...result.diagnostics].map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      nodeId: d.nodeId ?? null,
      nodeName: nameOf(d.nodeId),
      ...(d.port ? { port: d.port } : {}),
      ...(d.path ? { path: d.path } : {}),
      ...(d.fix ? { fix: d.fix } : {}),
    })),
  };
}

/** Each problem with the file, the node's name, the message and the fix. */
export function formatDiagnostics(file: string, result: CheckResult, extra: Diagnostic[] = [], locale: DiagnosticLocale = 'en'): string[] {
  const all = [...extra, ...result.diagnostics].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return all.flatMap((d) => {
    const node = d.nodeId ? result.byId.get(d.nodeId) ?? result.graph.nodes.get(d.nodeId) : undefined;
    const where = node ? ` in '${node.name}' (${'type' in node ? node.type : ''})` : '';
    const text = localizeDiagnostic(d, locale);
    const lines = [`${file}: ${d.severity} ${d.code}${where}: ${text.message}`];
    if (d.path && !d.message.startsWith(d.path)) lines.push(`    at ${d.path}`);
    if (d.fix) lines.push(`    fix: ${text.fixTitle ?? d.fix.title}`);
    return lines;
  });
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

/** A table like Keras 3's `model.summary()`, plus FLOPs. */
export function formatSummary(result: CheckResult): string[] {
  const summary = summarize(result);
  const header = ['Layer (type)', 'Output Shape', 'Param #', 'FLOPs', 'Connected to'];
  const rows = summary.rows.map((r) => [
    `${'  '.repeat(r.depth)}${r.name} (${r.type})`,
    r.outputShapes.join(', '),
    r.params === null ? '?' : r.params.toLocaleString('en-US'),
    r.flops === null ? '?' : formatCount(r.flops),
    r.connectedTo.join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = [false, false, true, true, false];
  const line = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const cells = (values: string[]) => `│${values.map((v, i) => ` ${pad(v, widths[i]!, numeric[i])} `).join('│')}│`;
  const { totals } = summary;
  return [
    `Model: "${summary.name}"`,
    line('┌', '┬', '┐'),
    cells(header),
    line('├', '┼', '┤'),
    ...rows.map(cells),
    line('└', '┴', '┘'),
    ` Total params: ${totals.params.toLocaleString('en-US')} (${formatBytes(totals.weightBytes)})`,
    ` Trainable params: ${totals.trainableParams.toLocaleString('en-US')} (${formatBytes(totals.trainableParams * 4)})`,
    ` Non-trainable params: ${totals.nonTrainableParams.toLocaleString('en-US')} (${formatBytes(totals.nonTrainableParams * 4)})`,
    ` FLOPs per sample: ${formatCount(totals.flops)}`,
  ];
}

export { formatShape };

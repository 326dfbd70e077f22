import type { GraphDocument } from '../schemas/graph';
import { DEFAULT_BUDGET } from '../schemas/budget';
import { diagnostics, say, type Diagnostic, type Text } from './diagnostics';
import { MEGABYTE, weightBytes } from './cost';
import { formatBytes, formatCount } from './summary';

/** What the budget check reads of a top-level node's report. */
interface NodeCost {
  id: string;
  name: string;
  params: number | null;
  flops: number | null;
}

/** How many of the heaviest layers a budget warning names. */
const NAMED = 3;

/**
 * Whether the model fits the document's budget (its defaults when it sets none):
 * one warning per limit passed, on the heaviest node so the canvas shows it there,
 * naming the few layers that hold most of the cost with their share.
 */
export function checkBudget(document: GraphDocument, nodes: readonly NodeCost[], totals: { params: number; flops: number }): Diagnostic[] {
  const budget = document.budget ?? DEFAULT_BUDGET;
  const out: Diagnostic[] = [];
  const totalBytes = weightBytes(totals.params);
  if (totalBytes > budget.weightMB * MEGABYTE) {
    const over = heaviest(nodes, (n) => weightBytes(n.params ?? 0), totalBytes, formatBytes);
    if (over)
      out.push(
        diagnostics.overBudget(
          'weightMB',
          over.top.id,
          say(
            `The weights take ${formatBytes(totalBytes)}, over the budget of ${formatBytes(budget.weightMB * MEGABYTE)}: ${over.list.en}; make these layers smaller (fewer units or filters, pooling before Flatten) or raise the budget in the Summary tab`,
            `权重共占 ${formatBytes(totalBytes)}，超出了 ${formatBytes(budget.weightMB * MEGABYTE)} 的预算：${over.list.zh}；请缩小这些层（减少 units 或 filters，在 Flatten 前加池化层），或在“摘要”页中提高预算`,
          ),
          over.related,
        ),
      );
  }
  if (budget.megaflops !== undefined && totals.flops > budget.megaflops * 1e6) {
    const over = heaviest(nodes, (n) => n.flops ?? 0, totals.flops, (f) => `${formatCount(f)} FLOPs`);
    if (over)
      out.push(
        diagnostics.overBudget(
          'megaflops',
          over.top.id,
          say(
            `One sample takes ${formatCount(totals.flops)} FLOPs, over the budget of ${formatCount(budget.megaflops * 1e6)}: ${over.list.en}; make these layers cheaper (smaller inputs, strides or pooling earlier, fewer filters) or raise the budget in the Summary tab`,
            `每个样本需要 ${formatCount(totals.flops)} FLOPs，超出了 ${formatCount(budget.megaflops * 1e6)} 的预算：${over.list.zh}；请降低这些层的计算量（缩小输入、更早使用步长或池化、减少 filters），或在“摘要”页中提高预算`,
          ),
          over.related,
        ),
      );
  }
  return out;
}

/** The `NAMED` costliest nodes, most first, as a list in both languages and as related locations for all but the first. */
function heaviest(nodes: readonly NodeCost[], cost: (n: NodeCost) => number, total: number, format: (n: number) => string) {
  const ranked = nodes
    .map((node) => ({ node, cost: cost(node) }))
    .filter((n) => n.cost > 0)
    .sort((a, b) => b.cost - a.cost)
    .slice(0, NAMED);
  if (ranked.length === 0) return undefined;
  // Whole percents, but a small share keeps one decimal rather than reading as 0%.
  const share = (c: number) => {
    const percent = (c / total) * 100;
    return percent < 0.05 ? '<0.1%' : `${percent >= 10 ? Math.round(percent) : percent.toFixed(1)}%`;
  };
  const list: Text = {
    en: ranked.map(({ node, cost: c }) => `'${node.name}' holds ${share(c)} (${format(c)})`).join(', '),
    zh: ranked.map(({ node, cost: c }) => `'${node.name}' 占 ${share(c)}（${format(c)}）`).join('，'),
  };
  const related = ranked.slice(1).map(({ node, cost: c }) => ({ nodeId: node.id, message: say(`${share(c)} of the cost (${format(c)})`, `占总量的 ${share(c)}（${format(c)}）`) }));
  return { top: ranked[0]!.node, list, related };
}

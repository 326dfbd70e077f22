/**
 * The budget: a warning (LW209) when the weights or the FLOPs per sample pass
 * the document's limits (100 MB of weights by default), on the heaviest node,
 * naming the three heaviest with their shares, in English and Chinese.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphDocument, type GraphDocumentInput } from '../schemas';
import { Budget, DEFAULT_BUDGET } from '../schemas/budget';
import { checkGraph, recheckGraph } from '../compiler/check';
import { localizeDiagnostic } from '../compiler/diagnostics';
import { MEGABYTE } from '../compiler/cost';
import { publishedJsonSchema } from '../scripts/published-json-schema';

const dense = (id: string, units: number) => ({ id, type: 'Dense', params: { units } });
const wire = (from: string, to: string) => ({ from: { node: from, port: 'out' }, to: { node: to, port: 'in' } });

/** Input [1000] → big (1,001,000 params) → mid (100,100) → small (1,010) → tiny (22). */
function mlp(extra: Partial<GraphDocumentInput> = {}) {
  const parsed = parseGraphDocument({
    format: 'layerwire.graph',
    version: 1,
    nodes: [{ id: 'x', type: 'Input', params: { shape: [1000] } }, dense('big', 1000), dense('mid', 100), dense('small', 10), dense('tiny', 2)],
    edges: [wire('x', 'big'), wire('big', 'mid'), wire('mid', 'small'), wire('small', 'tiny')],
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.document;
}

const PARAMS = 1_001_000 + 100_100 + 1_010 + 22;
const budgetWarnings = (document: ReturnType<typeof mlp>) => checkGraph(document).diagnostics.filter((d) => d.code === 'LW209');

describe('weight budget', () => {
  it('warns exactly past the limit, not at it', () => {
    const atLimit = (PARAMS * 4) / MEGABYTE;
    expect(budgetWarnings(mlp({ budget: { weightMB: atLimit } }))).toEqual([]);
    const [warning, ...rest] = budgetWarnings(mlp({ budget: { weightMB: atLimit * 0.999 } }));
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ severity: 'warning', phase: 'check', nodeId: 'big', path: 'budget.weightMB' });
  });

  it('names the three heaviest layers with their share, most first, and links the other two', () => {
    const [warning] = budgetWarnings(mlp({ budget: { weightMB: 1 } }));
    expect(warning!.message).toContain('The weights take 4.20 MB, over the budget of 1.00 MB');
    // Shares from the parameter counts: 1,001,000 / 1,102,132 = 90.8%, 100,100 / … = 9.1%, 1,010 / … = 0.09%.
    expect(warning!.message).toMatch(/'big' holds 91% \(3\.82 MB\), 'mid' holds 9\.1% \(391\.02 KB\), 'small' holds 0\.1% \(3\.95 KB\);/);
    expect(warning!.message).not.toContain("'tiny'");
    expect(warning!.related!.map((r) => r.nodeId)).toEqual(['mid', 'small']);
    // The model still compiles: a budget is advice, not an error.
    expect(checkGraph(mlp({ budget: { weightMB: 1 } })).ok).toBe(true);
  });

  it('says the same in Chinese, keeping names and numbers', () => {
    const [warning] = budgetWarnings(mlp({ budget: { weightMB: 1 } }));
    const zh = localizeDiagnostic(warning!, 'zh-CN');
    expect(zh.message).toMatch(/^权重共占 4\.20 MB，超出了 1\.00 MB 的预算：'big' 占 91%（3\.82 MB），'mid' 占 9\.1%/);
    expect(zh.message).toContain('“摘要”页');
    expect(zh.related).toEqual(['占总量的 9.1%（391.02 KB）', '占总量的 0.1%（3.95 KB）']);
  });

  it('holds a document without a budget to 100 MB of weights', () => {
    expect(DEFAULT_BUDGET).toEqual({ weightMB: 100 });
    expect(budgetWarnings(mlp())).toEqual([]);
    const huge = parseGraphDocument({
      format: 'layerwire.graph',
      version: 1,
      nodes: [{ id: 'x', type: 'Input', params: { shape: [6000] } }, dense('wide', 5000)],
      edges: [wire('x', 'wide')],
    });
    if (!huge.ok) throw new Error('bad fixture');
    // 6000 × 5000 + 5000 = 30,005,000 weights = 114.46 MB.
    const [warning] = checkGraph(huge.document).diagnostics.filter((d) => d.code === 'LW209');
    expect(warning).toMatchObject({ nodeId: 'wide', path: 'budget.weightMB' });
    expect(warning!.message).toContain('The weights take 114.46 MB, over the budget of 100.00 MB');
  });

  it('comes and goes with the budget on a recheck', () => {
    const before = checkGraph(mlp());
    const over = recheckGraph(before, mlp({ budget: { weightMB: 2 } }));
    expect(over.diagnostics.map((d) => d.code)).toContain('LW209');
    const back = recheckGraph(over, mlp({ budget: { weightMB: 5 } }));
    expect(back.diagnostics.map((d) => d.code)).not.toContain('LW209');
  });
});

describe('FLOPs budget', () => {
  it('has no default, and warns past a limit the person sets, on the costliest node', () => {
    const flops = checkGraph(mlp()).totals.flops;
    expect(flops).toBeGreaterThan(2_000_000);
    expect(budgetWarnings(mlp({ budget: { megaflops: flops / 1e6 } }))).toEqual([]);
    const [warning] = budgetWarnings(mlp({ budget: { megaflops: 1 } }));
    expect(warning).toMatchObject({ severity: 'warning', nodeId: 'big', path: 'budget.megaflops' });
    expect(warning!.message).toMatch(/^One sample takes [\d.]+M FLOPs, over the budget of 1\.00M: 'big' holds 91% /);
    expect(localizeDiagnostic(warning!, 'zh-CN').message).toMatch(/^每个样本需要 [\d.]+M FLOPs，超出了 1\.00M 的预算：'big' 占 91%/);
  });

  it('reports weights and FLOPs separately when both are over', () => {
    expect(budgetWarnings(mlp({ budget: { weightMB: 1, megaflops: 1 } })).map((d) => d.path)).toEqual(['budget.weightMB', 'budget.megaflops']);
  });
});

describe('budget schema', () => {
  it('refuses limits that are not positive numbers, with the field path', () => {
    const parsed = parseGraphDocument({ format: 'layerwire.graph', version: 1, nodes: [], budget: { weightMB: 0 } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]!.path).toContain('budget');
    expect(Budget.safeParse({ megaflops: -1 }).success).toBe(false);
    expect(Budget.safeParse({ weightMB: 10, extra: 1 }).success).toBe(false);
  });

  it('is in the published JSON Schema, which is regenerated (npm run schema)', () => {
    const published = readFileSync(new URL('../schemas/graph.schema.json', import.meta.url), 'utf8');
    expect(published).toBe(publishedJsonSchema());
    const budget = JSON.parse(published).properties.budget;
    expect(Object.keys(budget.properties)).toEqual(['weightMB', 'megaflops']);
    expect(budget.properties.weightMB.default).toBe(100);
  });
});

import { z } from 'zod';
import { describeIssues } from '../schemas/parse';
import { say, type Text } from './diagnostics';

/** zod's own Simplified Chinese wording, applied per issue so the global zod config stays English. */
const inChinese = z.locales.zhCN().localeError;

/**
 * zod issues on a layer's params as the user reads them: the English from
 * `describeIssues` (our wording), the Chinese from zod's zh-CN locale for the same issue.
 */
export function describeParamIssues(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: readonly PropertyKey[] = []): { path: string; text: Text }[] {
  return describeIssues(issues, root, prefix).map((english, i) => ({ path: english.path, text: say(english.message, chinese(issues[i]!, root, prefix)) }));
}

function chinese(issue: z.core.$ZodIssue, root: unknown, prefix: readonly PropertyKey[]): string {
  const fullPath = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // The alternative that got furthest, as describeIssues picks it.
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
    if (best[0]) return chinese(best[0], root, fullPath);
  }
  const input = valueAt(root, fullPath);
  const said = inChinese({ ...issue, input } as Parameters<typeof inChinese>[0]);
  const message = (typeof said === 'string' ? said : said?.message) ?? '无效输入';
  // A schema's own refinement speaks English only; quote it so nothing is lost.
  const detail = issue.code === 'custom' ? `（${issue.message}）` : '';
  // The unknown keys are named already; the whole params object says nothing more.
  if (issue.code === 'unrecognized_keys') return message;
  return `${message}${detail}，当前值为 ${describe(input)}`;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 1)));
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return '空（未填写）';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

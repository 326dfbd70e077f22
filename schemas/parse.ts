import { z } from 'zod';
import { GRAPH_FORMAT, GRAPH_VERSION, GraphDocument } from './graph';
import { migrateToCurrent } from './migrations';

/** One reason a document was refused, located by its JSON path. */
export interface DocumentError {
  path: string;
  /** English: what the CLI prints and tests read. */
  message: string;
  /** The same reason in Chinese, shaped like a diagnostic's translations so the editor localizes both with one helper. */
  translations: { 'zh-CN': { message: string } };
}

export type ParseResult =
  | { ok: true; document: GraphDocument }
  | { ok: false; errors: DocumentError[] };

/** A refusal in both languages, written together. */
export const documentError = (path: string, en: string, zh: string): DocumentError => ({ path, message: en, translations: { 'zh-CN': { message: zh } } });

/** `nodes[3].params.kernelSize` from zod's `['nodes', 3, 'params', 'kernelSize']`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
    }
  }
  return out || '(document)';
}

/** A value as a message quotes it: JSON, short; the few words around it in both languages. */
function describeValue(value: unknown): { en: string; zh: string } {
  if (value === undefined) return { en: 'nothing', zh: '空（未填写）' };
  if (typeof value === 'number' && !Number.isFinite(value)) return same(String(value)); // JSON.stringify says "null" for 1e999
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // stack depth, from a hostile document
    return Array.isArray(value)
      ? { en: 'a list nested too deeply to show', zh: '一个嵌套过深、无法显示的列表' }
      : { en: 'an object nested too deeply to show', zh: '一个嵌套过深、无法显示的对象' };
  }
  if (text === undefined) return same(String(value));
  return same(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

const same = (text: string) => ({ en: text, zh: text });

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    // Own fields only: a document's "constructor" is not Object's.
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Turns zod issues into messages that name the field and the offending value, in English and Chinese. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: readonly PropertyKey[] = []): DocumentError[] {
  return issues.map((issue) => {
    const fullPath = [...prefix, ...issue.path];
    const path = formatJsonPath(fullPath);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return documentError(path, `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`, `未知字段 ${keys}`);
    }
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length > 0) {
      // Report the alternative that got furthest, not zod's generic "invalid input".
      const best = [...issue.errors].sort((a, b) => maxDepth(b) - maxDepth(a))[0]!;
      const nested = describeIssues(best, root, fullPath);
      if (nested.length > 0) return nested[0]!;
    }
    const input = valueAt(root, fullPath);
    const got = describeValue(input);
    return documentError(path, `${humanize(issue)}, got ${got.en}`, `${inChinese(issue, input)}，当前值为 ${got.zh}`);
  });
}

function maxDepth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 1)));
}

function humanize(issue: z.core.$ZodIssue): string {
  // Schemas that know better say so themselves: `{ error: 'expected a positive integer' }`.
  if (issue.message.startsWith('expected ')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'number' && issue.minimum === 0 && !issue.inclusive) return 'expected a positive number';
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      return `expected at least ${issue.minimum} characters`;
    case 'too_big':
      if (issue.origin === 'number') return `expected a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
      if (issue.origin === 'array') return `expected at most ${issue.maximum} items`;
      return `expected at most ${issue.maximum} characters`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

/**
 * The Chinese of the messages our schemas write themselves (zod's `error` and
 * `refine` texts), keyed by their English. zod's own zh-CN locale only knows
 * the generic wording of each issue code.
 */
const SCHEMA_MESSAGES_ZH: Record<string, string> = {
  'expected a positive integer': '应为正整数',
  "tfjs's ELU layer supports only alpha = 1": 'tfjs 的 ELU 层只支持 alpha = 1',
  'dims must hold each of 1, 2, …, n exactly once (1 is the first axis after the batch)': 'dims 必须恰好包含 1, 2, …, n 各一次（1 是批次之后的第一个轴）',
  'a target size is a positive integer, or -1 for "whatever is left"': '目标大小须为正整数，或用 -1 表示“剩下的全部”',
};

/** zod's own Simplified Chinese wording, applied per issue so the global zod config stays English. */
const zodChinese = z.locales.zhCN().localeError;

/** The kinds of value `expected <type>` names, as a Chinese reader calls them. */
const TYPE_NAMES_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  array: '列表',
  object: '对象',
  record: '对象',
  null: 'null',
};

/** `humanize` in Chinese: the same facts in the same order; zod's zh-CN locale for what we do not word ourselves. */
function inChinese(issue: z.core.$ZodIssue, input: unknown): string {
  const ours = Object.hasOwn(SCHEMA_MESSAGES_ZH, issue.message) ? SCHEMA_MESSAGES_ZH[issue.message] : undefined;
  if (ours) return ours;
  const bound = (inclusive: boolean | undefined, smaller: boolean) => (smaller ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<');
  switch (issue.code) {
    case 'invalid_type':
      return `应为${Object.hasOwn(TYPE_NAMES_ZH, issue.expected) ? TYPE_NAMES_ZH[issue.expected] : ` ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'number' && issue.minimum === 0 && !issue.inclusive) return '应为正数';
      if (issue.origin === 'number') return `应为 ${bound(issue.inclusive, true)} ${issue.minimum} 的数`;
      if (issue.origin === 'array') return `至少需要 ${issue.minimum} 项`;
      return `至少需要 ${issue.minimum} 个字符`;
    case 'too_big':
      if (issue.origin === 'number') return `应为 ${bound(issue.inclusive, false)} ${issue.maximum} 的数`;
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`;
      return `最多 ${issue.maximum} 个字符`;
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')} 之一`;
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的倍数`;
  }
  const said = zodChinese({ ...issue, input } as Parameters<typeof zodChinese>[0]);
  const message = (typeof said === 'string' ? said : said?.message) ?? '无效输入';
  // A refinement not in the table speaks English only; quote it so nothing is lost.
  return issue.code === 'custom' ? `${message}（${issue.message}）` : message;
}

/**
 * Parses any JSON value into the current GraphDocument, migrating older
 * versions and refusing newer ones with a message that says so.
 */
export function parseGraphDocument(json: unknown): ParseResult {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    const got = describeValue(json);
    return { ok: false, errors: [documentError('(document)', `expected a JSON object, got ${got.en}`, `应为 JSON 对象，实际为 ${got.zh}`)] };
  }
  const record = json as Record<string, unknown>;
  if (record.format !== GRAPH_FORMAT) {
    const got = describeValue(record.format);
    return { ok: false, errors: [documentError('format', `expected "${GRAPH_FORMAT}", got ${got.en}`, `应为 "${GRAPH_FORMAT}"，实际为 ${got.zh}`)] };
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const got = describeValue(version);
    return { ok: false, errors: [documentError('version', `expected a positive integer, got ${got.en}`, `应为正整数，实际为 ${got.zh}`)] };
  }
  if (version > GRAPH_VERSION) {
    return {
      ok: false,
      errors: [
        documentError(
          'version',
          `this document is version ${version}, but this Layerwire reads versions up to ${GRAPH_VERSION}; update Layerwire to open it`,
          `此文档的版本为 ${version}，但当前的 Layerwire 最高只能读取版本 ${GRAPH_VERSION}；请更新 Layerwire 后再打开`,
        ),
      ],
    };
  }
  const migrated = migrateToCurrent(record, version);
  const result = GraphDocument.safeParse(migrated);
  if (result.success) return { ok: true, document: result.data };
  return { ok: false, errors: describeIssues(result.error.issues, migrated) };
}

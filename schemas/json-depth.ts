import { formatJsonPath } from './parse';

/**
 * Real models nest a few dozen levels (Keras: about five per nested model);
 * this leaves room for plenty of those. Deeper input is refused before any
 * recursive code (zod, the importer, structuredClone) walks it. Shared by
 * the CLI's file reader and the editor's open dialog.
 */
export const MAX_JSON_DEPTH = 512;

/** The path to the first value nested deeper than `limit`, found without recursion (the input may be 100,000 levels deep). */
export function pathDeeperThan(root: unknown, limit = MAX_JSON_DEPTH): PropertyKey[] | undefined {
  interface Visit {
    value: object;
    depth: number;
    key?: PropertyKey;
    parent?: Visit;
  }
  if (root === null || typeof root !== 'object') return undefined;
  const stack: Visit[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    if (visit.depth >= limit) {
      const path: PropertyKey[] = [];
      for (let v: Visit | undefined = visit; v?.parent; v = v.parent) path.unshift(v.key!);
      return path;
    }
    for (const [key, child] of Object.entries(visit.value)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: visit.depth + 1, key: Array.isArray(visit.value) ? Number(key) : key, parent: visit });
    }
  }
  return undefined;
}

/** `nested deeper than 512 levels at a.b[0]…; …`, in English and Chinese: the same words wherever a file is opened. */
export function tooDeepReason(path: readonly PropertyKey[]): { en: string; zh: string } {
  const where = `${formatJsonPath(path.slice(0, 12))}${path.length > 12 ? '…' : ''}`;
  return {
    en: `nested deeper than ${MAX_JSON_DEPTH} levels at ${where}; no model needs that, and the recursive parts of Layerwire would run out of stack`,
    zh: `嵌套超过 ${MAX_JSON_DEPTH} 层（位于 ${where}）；没有模型需要这么深，Layerwire 的递归部分会耗尽栈空间`,
  };
}

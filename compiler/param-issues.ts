import type { z } from 'zod';
import { describeIssues } from '../schemas/parse';
import { say, type Text } from './diagnostics';

/**
 * zod issues on a layer's params as the user reads them: `describeIssues` writes
 * each in English (our wording) and Chinese (zod's zh-CN locale, or the Chinese
 * of a schema's own message), without changing zod's global config.
 */
export function describeParamIssues(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: readonly PropertyKey[] = []): { path: string; text: Text }[] {
  return describeIssues(issues, root, prefix).map((issue) => ({ path: issue.path, text: say(issue.message, issue.translations['zh-CN'].message) }));
}

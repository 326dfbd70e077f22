import type { GraphDocument } from '../../schemas/graph';
import { Budget, DEFAULT_BUDGET } from '../../schemas/budget';

/**
 * Sets one limit of the document's budget, as a pure edit: `undefined` clears
 * it (back to its default), a value the schema refuses (zero, negative, not a
 * number) leaves the document as it is. A budget equal to the defaults is
 * dropped, so a file only says what the person chose.
 */
export function setBudgetLimit(document: GraphDocument, limit: keyof Budget, value: number | undefined): GraphDocument {
  const next: Record<string, unknown> = { ...(document.budget ?? DEFAULT_BUDGET) };
  if (value === undefined) delete next[limit];
  else next[limit] = value;
  const parsed = Budget.safeParse(next);
  if (!parsed.success) return document;
  const budget = parsed.data;
  const isDefault = JSON.stringify(budget) === JSON.stringify(DEFAULT_BUDGET);
  if (JSON.stringify(budget) === JSON.stringify(document.budget ?? DEFAULT_BUDGET)) return document;
  if (isDefault) {
    const { budget: _dropped, ...rest } = document;
    return rest;
  }
  return { ...document, budget };
}

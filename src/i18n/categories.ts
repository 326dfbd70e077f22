import type { Category } from '../../compiler/layers/definition';
import { t } from './locale';
import type { MessageKey } from './messages';

/** A registry category in the current language; an unknown one shows as it is. */
export function categoryLabel(category: string): string {
  const key = `category.${category}` as MessageKey;
  const text = t(key);
  return text === undefined || text === key ? category : text;
}

export type { Category };

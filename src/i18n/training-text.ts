import { TRAINING_TEXT_ZH, type TrainingFieldPath } from '../../schemas/training.text.zh-CN';
import { getLocale, type Locale } from './locale';

/** A training field's description in a language: the Chinese catalog for 简体中文, the schema's English otherwise or where it has no entry. */
export function trainingFieldDescription(path: string, english: string | undefined, locale: Locale = getLocale()): string | undefined {
  if (locale === 'en' || english === undefined) return english;
  return TRAINING_TEXT_ZH[path as TrainingFieldPath] ?? english;
}

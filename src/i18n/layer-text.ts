import { findLayer } from '../../compiler/layers/registry';
import { layerTextZh } from '../../compiler/layers/text.zh-CN';
import { describeFields, type FieldSpec } from '../schema-form/introspect';
import { getLocale, type Locale } from './locale';

/**
 * A layer's help and its parameters' descriptions in a language: the Chinese
 * catalog (compiler/layers/text.zh-CN.ts) for 简体中文, the definition's own
 * English otherwise or wherever a translation is missing.
 */

/** A kind's one-sentence help; empty for a kind the registry does not know. */
export function layerHelp(kind: string, locale: Locale = getLocale()): string {
  const english = findLayer(kind)?.help ?? '';
  if (locale === 'en' || !english) return english;
  return layerTextZh(kind)?.help ?? english;
}

/** A parameter's description, or undefined where its schema gives none. */
export function paramDescription(kind: string, param: string, locale: Locale = getLocale()): string | undefined {
  const definition = findLayer(kind);
  const english = definition ? describeFields(definition.params).find((f) => f.key === param)?.description : undefined;
  if (locale === 'en' || english === undefined) return english;
  return layerTextZh(kind)?.param(param) ?? english;
}

/**
 * What a form shows under a field: the translated description of a layer's
 * parameter, the schema's own text for anything else (training settings).
 */
export function fieldDescription(field: FieldSpec, locale: Locale = getLocale()): string | undefined {
  if (locale === 'en' || field.description === undefined || field.layerKind === undefined) return field.description;
  return layerTextZh(field.layerKind)?.param(field.key) ?? field.description;
}

/** Whether a layer's help, in English or in the current language, mentions `query` (lower case). */
export function helpMentions(kind: string, query: string): boolean {
  return layerHelp(kind, 'en').toLowerCase().includes(query) || layerHelp(kind).toLowerCase().includes(query);
}

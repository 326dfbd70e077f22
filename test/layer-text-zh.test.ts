import { describe, expect, it } from 'vitest';
import { layerDefinitions } from '../compiler/layers/registry';
import { LAYER_TEXT_ZH, SHARED_PARAMS_ZH, layerTextZh } from '../compiler/layers/text.zh-CN';
import { describeField, describeFields } from '../src/schema-form/introspect';
import { fieldDescription, helpMentions, layerHelp, paramDescription } from '../src/i18n/layer-text';
import { TrainingConfig } from '../schemas/training';
import { TRAINING_TEXT_ZH } from '../schemas/training.text.zh-CN';
import { trainingFieldDescription } from '../src/i18n/training-text';
import { getLocale, setLocale } from '../src/i18n/locale';
import type { z } from 'zod';

/** The Simplified Chinese catalog of layer texts, checked against the registry it translates. */

const HAN = /\p{Script=Han}/u;
const described = (kind: string) => describeFields(layerDefinitions.find((d) => d.kind === kind)!.params).filter((f) => f.description !== undefined);
const kinds = layerDefinitions.map((d) => d.kind);

describe('Chinese layer texts', () => {
  it.each(kinds)('%s has a Chinese help and a Chinese description for every described parameter', (kind) => {
    const text = layerTextZh(kind);
    expect(text, `${kind} is missing from compiler/layers/text.zh-CN.ts`).toBeDefined();
    expect(text!.help).toMatch(HAN);
    for (const field of described(kind)) expect(text!.param(field.key), `${kind}.${field.key}`).toMatch(HAN);
  });

  it('keeps the shape arrow of every help that has one', () => {
    for (const d of layerDefinitions) if (d.help.includes('→')) expect(layerTextZh(d.kind)!.help, d.kind).toContain('→');
  });

  it('names no kind the registry lacks, and no parameter its kind lacks', () => {
    const stale: string[] = [];
    for (const [kind, entry] of Object.entries(LAYER_TEXT_ZH)) {
      const definition = layerDefinitions.find((d) => d.kind === kind);
      if (!definition) stale.push(kind);
      const params = Object.keys(definition?.params.shape ?? {});
      for (const param of Object.keys((entry as { params?: object }).params ?? {})) if (!params.includes(param)) stale.push(`${kind}.${param}`);
    }
    const allParams = new Set(layerDefinitions.flatMap((d) => Object.keys(d.params.shape)));
    for (const param of Object.keys(SHARED_PARAMS_ZH)) if (!allParams.has(param)) stale.push(`shared ${param}`);
    expect(stale).toEqual([]);
  });

  // A shared text is a translation of one English text: a kind whose English says something else needs its own entry.
  it('uses a shared description only where the English is the same', () => {
    const englishBehindShared = new Map<string, Set<string>>();
    for (const kind of kinds) {
      const overrides = (LAYER_TEXT_ZH[kind as keyof typeof LAYER_TEXT_ZH] as { params?: object }).params ?? {};
      for (const field of described(kind)) {
        if (Object.prototype.hasOwnProperty.call(overrides, field.key)) continue;
        const seen = englishBehindShared.get(field.key) ?? new Set();
        englishBehindShared.set(field.key, seen.add(field.description!));
      }
    }
    const ambiguous = [...englishBehindShared].filter(([, texts]) => texts.size > 1).map(([param, texts]) => `${param}: ${[...texts].join(' | ')}`);
    expect(ambiguous).toEqual([]);
  });

  it('has no shared description that no kind uses', () => {
    const used = new Set<string>();
    for (const kind of kinds) {
      const overrides = (LAYER_TEXT_ZH[kind as keyof typeof LAYER_TEXT_ZH] as { params?: object }).params ?? {};
      for (const field of described(kind)) if (!Object.prototype.hasOwnProperty.call(overrides, field.key)) used.add(field.key);
    }
    expect(Object.keys(SHARED_PARAMS_ZH).filter((p) => !used.has(p))).toEqual([]);
  });
});

describe('layer text lookup', () => {
  it('gives the definition’s English in English and the catalog’s Chinese in Chinese', () => {
    const conv = layerDefinitions.find((d) => d.kind === 'Conv2D')!;
    expect(layerHelp('Conv2D', 'en')).toBe(conv.help);
    expect(layerHelp('Conv2D', 'zh-CN')).toBe(LAYER_TEXT_ZH.Conv2D.help);
    expect(paramDescription('Conv2D', 'kernelSize', 'en')).toBe(described('Conv2D').find((f) => f.key === 'kernelSize')!.description);
    expect(paramDescription('Conv2D', 'kernelSize', 'zh-CN')).toBe(SHARED_PARAMS_ZH.kernelSize);
    expect(paramDescription('Conv1D', 'kernelSize', 'zh-CN')).toBe(LAYER_TEXT_ZH.Conv1D.params!.kernelSize);
  });

  it('gives nothing for what has no English either', () => {
    expect(layerHelp('NoSuchLayer', 'zh-CN')).toBe('');
    expect(paramDescription('Dense', 'noSuchParam', 'zh-CN')).toBeUndefined();
  });

  it('translates a form field only when it is a layer parameter', () => {
    const units = describeFields(layerDefinitions.find((d) => d.kind === 'Dense')!.params).find((f) => f.key === 'units')!;
    expect(units.layerKind).toBe('Dense');
    expect(fieldDescription(units, 'zh-CN')).toBe(SHARED_PARAMS_ZH.units);
    expect(fieldDescription(units, 'en')).toBe(units.description);
    expect(fieldDescription({ ...units, layerKind: undefined }, 'zh-CN')).toBe(units.description);
  });

  it('finds a layer by its English help always, and by its Chinese help in Chinese', () => {
    const before = getLocale();
    try {
      setLocale('en', false);
      expect([helpMentions('Flatten', 'vector'), helpMentions('Flatten', '展平')]).toEqual([true, false]);
      setLocale('zh-CN', false);
      expect([helpMentions('Flatten', 'vector'), helpMentions('Flatten', '展平')]).toEqual([true, true]);
    } finally {
      setLocale(before, false);
    }
  });
});

/** Every field of the training schema, one level into objects and each variant of a union, with its English description. */
function trainingFields(): Map<string, string | undefined> {
  type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[] };
  const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;
  const objectsIn = (schema: z.ZodType): Record<string, z.ZodType>[] => {
    const def = defOf(schema);
    if (def.innerType) return objectsIn(def.innerType);
    if (def.type === 'object') return [def.shape!];
    if (def.type === 'union') return def.options!.flatMap(objectsIn);
    return [];
  };
  const fields = new Map<string, string | undefined>();
  for (const [key, schema] of Object.entries(TrainingConfig.shape as Record<string, z.ZodType>)) {
    fields.set(key, describeField(key, schema).description);
    for (const shape of objectsIn(schema)) for (const [inner, field] of Object.entries(shape)) fields.set(`${key}.${inner}`, describeField(inner, field).description ?? fields.get(`${key}.${inner}`));
  }
  return fields;
}

describe('Chinese training texts', () => {
  const fields = trainingFields();

  it('finds the fields the schema has', () => {
    expect([...fields.keys()]).toEqual(expect.arrayContaining(['optimizer', 'optimizer.learningRate', 'optimizer.useNesterov', 'loss', 'metrics']));
  });

  it('translates every described training field', () => {
    const described = [...fields].filter(([, english]) => english !== undefined);
    for (const [path, english] of described) {
      expect(TRAINING_TEXT_ZH[path as keyof typeof TRAINING_TEXT_ZH], path).toMatch(HAN);
      expect(trainingFieldDescription(path, english, 'zh-CN')).toMatch(HAN);
      expect(trainingFieldDescription(path, english, 'en')).toBe(english);
    }
  });

  it('names no training field the schema lacks, nor one without an English description', () => {
    expect(Object.keys(TRAINING_TEXT_ZH).filter((path) => fields.get(path) === undefined)).toEqual([]);
  });
});

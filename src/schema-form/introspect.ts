import type { z } from 'zod';
import { layerDefinitions } from '../../compiler/layers/registry';

/**
 * Reads a layer's zod parameter schema as data, so the inspector can build a
 * form and the editor can pick starting values without knowing any layer kind.
 * Uses zod 4's public `def` description of each schema.
 */

type AnySchema = z.ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  defaultValue?: unknown;
  options?: AnySchema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  element?: AnySchema;
  items?: AnySchema[];
  shape?: Record<string, AnySchema>;
  checks?: { _zod: { def: CheckDef } }[];
  in?: AnySchema;
}
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  length?: number;
}

const defOf = (schema: AnySchema): Def => (schema as unknown as { def: Def }).def;
const descriptionOf = (schema: AnySchema): string | undefined => (schema as unknown as { description?: string }).description;

export interface NumberBounds {
  int: boolean;
  min?: number;
  minInclusive: boolean;
  max?: number;
  maxInclusive: boolean;
}

/** How the inspector edits a field. */
export type FieldControl =
  | ({ kind: 'number' } & NumberBounds)
  | { kind: 'boolean' }
  | { kind: 'enum'; options: (string | number | null)[] }
  | { kind: 'string' }
  /** Arrays, tuples and unions such as `kernelSize` (3 or [3, 3]): typed as text, parsed loosely. */
  | { kind: 'value'; symbolic: boolean }
  /** Anything else (nested objects): edited as JSON. */
  | { kind: 'json' };

export interface FieldSpec {
  key: string;
  control: FieldControl;
  optional: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
  /** The schema's own (English) description; forms show it through `fieldDescription`, which translates it. */
  description?: string;
  /** The layer kind whose parameter this is, so its description can be found in another language. */
  layerKind?: string;
  /** The field's full schema, wrappers included: what a value is validated against. */
  schema: AnySchema;
}

/** Strips default/optional/nullable wrappers, remembering what they said. */
function unwrap(schema: AnySchema) {
  let current = schema;
  let optional = false;
  let nullable = false;
  let hasDefault = false;
  let defaultValue: unknown;
  let description = descriptionOf(schema);
  for (;;) {
    const def = defOf(current);
    if (def.type === 'default' || def.type === 'prefault') {
      hasDefault = true;
      defaultValue = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
    } else if (def.type === 'optional') optional = true;
    else if (def.type === 'nullable') nullable = true;
    else if (def.type !== 'readonly') break;
    current = def.innerType!;
    description ??= descriptionOf(current);
  }
  return { inner: current, optional, nullable, hasDefault, defaultValue, description };
}

export function numberBounds(schema: AnySchema): NumberBounds {
  const bounds: NumberBounds = { int: false, minInclusive: true, maxInclusive: true };
  for (const check of defOf(schema).checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'number_format' && c.format && /int/.test(c.format)) bounds.int = true;
    if (c.check === 'greater_than' && c.value !== undefined && (bounds.min === undefined || c.value >= bounds.min)) {
      bounds.min = c.value;
      bounds.minInclusive = c.inclusive ?? true;
    }
    if (c.check === 'less_than' && c.value !== undefined && (bounds.max === undefined || c.value <= bounds.max)) {
      bounds.max = c.value;
      bounds.maxInclusive = c.inclusive ?? true;
    }
  }
  return bounds;
}

function allowsStrings(schema: AnySchema): boolean {
  const def = defOf(unwrap(schema).inner);
  if (def.type === 'string') return true;
  if (def.type === 'union') return def.options!.some(allowsStrings);
  if (def.type === 'array') return allowsStrings(def.element!);
  if (def.type === 'tuple') return def.items!.some(allowsStrings);
  return false;
}

function controlFor(inner: AnySchema, nullable: boolean): FieldControl {
  const def = defOf(inner);
  switch (def.type) {
    case 'number':
      return { kind: 'number', ...numberBounds(inner) };
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', options: [...Object.values(def.entries!), ...(nullable ? [null] : [])] };
    case 'literal':
      return { kind: 'enum', options: [...(def.values as (string | number)[]), ...(nullable ? [null] : [])] };
    case 'string':
      return { kind: 'string' };
    case 'array':
    case 'tuple':
    case 'union':
      return { kind: 'value', symbolic: allowsStrings(inner) };
    default:
      return { kind: 'json' };
  }
}

/** Which kind a params schema belongs to: every definition has its own params object. */
let kindsByParams: WeakMap<z.ZodObject, string> | undefined;
function layerKindOf(params: z.ZodObject): string | undefined {
  kindsByParams ??= new WeakMap(layerDefinitions.map((d) => [d.params as z.ZodObject, d.kind]));
  return kindsByParams.get(params);
}

/** Every parameter of a layer, in declaration order. */
export function describeFields(params: z.ZodObject): FieldSpec[] {
  const layerKind = layerKindOf(params);
  return Object.entries(params.shape as Record<string, AnySchema>).map(([key, schema]) => {
    const { inner, optional, nullable, hasDefault, defaultValue, description } = unwrap(schema);
    return { key, control: controlFor(inner, nullable), optional, hasDefault, defaultValue, description, layerKind, schema };
  });
}

/** A typical size for a count such as `units` or `filters` when the schema asks for one but gives no default. */
const TYPICAL_COUNT = 32;
/** A typical extent for a per-axis size (`n` or `[n, n]`, like a kernel): small, so it fits most inputs. */
const TYPICAL_EXTENT = 3;

/** `n` or one `n` per axis: a union of a positive integer and an array of them. */
function isPerAxisSize(options: AnySchema[]): NumberBounds | undefined {
  const number = options.find((o) => defOf(o).type === 'number');
  if (!number || !options.some((o) => ['array', 'tuple'].includes(defOf(o).type))) return undefined;
  const bounds = numberBounds(number);
  return bounds.int && bounds.min !== undefined && bounds.min >= 0 ? bounds : undefined;
}

function starterNumber(bounds: NumberBounds): number {
  const { min, max, int } = bounds;
  if (int) {
    const lo = min === undefined ? undefined : bounds.minInclusive ? min : min + 1;
    const hi = max === undefined ? undefined : bounds.maxInclusive ? max : max - 1;
    if ((lo === undefined || lo <= TYPICAL_COUNT) && (hi === undefined || hi >= TYPICAL_COUNT) && lo !== undefined && lo >= 0) return TYPICAL_COUNT;
    return lo ?? (hi !== undefined ? Math.min(hi, 1) : 1);
  }
  if (min !== undefined && max !== undefined) return (min + max) / 2;
  if (min !== undefined) return Math.max(min, 0) + 1;
  if (max !== undefined) return Math.min(max, 1) - 1;
  return 1;
}

/** A value the schema accepts, for a field that has no default: what a newly added layer starts with. */
export function starterValue(schema: AnySchema): unknown {
  const { inner, optional, hasDefault, defaultValue, nullable } = unwrap(schema);
  if (hasDefault) return defaultValue;
  if (optional) return undefined;
  const def = defOf(inner);
  switch (def.type) {
    case 'number':
      return starterNumber(numberBounds(inner));
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries!)[0];
    case 'literal':
      return def.values![0];
    case 'string':
      return '';
    case 'union': {
      const perAxis = isPerAxisSize(def.options!);
      if (perAxis && (perAxis.max === undefined || perAxis.max >= TYPICAL_EXTENT)) return TYPICAL_EXTENT;
      return starterValue(def.options![0]!);
    }
    case 'tuple':
      return def.items!.map(starterValue);
    case 'array': {
      const length = (def.checks ?? []).reduce((n, c) => {
        const check = c._zod.def;
        if (check.check === 'length_equals') return check.length ?? n;
        if (check.check === 'min_length') return Math.max(n, check.minimum ?? 0);
        return n;
      }, 0);
      return Array.from({ length: Math.max(length, 1) }, () => starterValue(def.element!));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape!)) {
        const value = starterValue(field);
        if (value !== undefined && !unwrap(field).hasDefault) out[key] = value;
      }
      return out;
    }
    default:
      return nullable ? null : undefined;
  }
}

/**
 * When the schema refines its values further (a permutation, say), simple
 * stand-ins that such rules often accept: 1, 2, … n for arrays, 1 or 0 for numbers.
 */
function fallbacks(value: unknown): unknown[] {
  if (Array.isArray(value)) return [value.map((_, i) => i + 1)];
  if (typeof value === 'number') return [1, 0];
  return [];
}

/** Params for a new node: only the fields without a default, so the document stays as short as hand-written JSON. */
export function starterParams(params: z.ZodObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of describeFields(params)) {
    if (field.hasDefault || field.optional) continue;
    const value = starterValue(field.schema);
    out[field.key] = field.schema.safeParse(value).success ? value : (fallbacks(value).find((v) => field.schema.safeParse(v).success) ?? value);
  }
  return out;
}

/** One field's form description, for a schema that is not a member of a params object (a loss weight, a per-output loss). */
export function describeField(key: string, schema: AnySchema): FieldSpec {
  const { inner, optional, nullable, hasDefault, defaultValue, description } = unwrap(schema);
  return { key, control: controlFor(inner, nullable), optional, hasDefault, defaultValue, description, schema };
}

/** The members of a union (wrappers stripped): `loss` is one name, or one name per output. */
export function unionMembers(schema: AnySchema): AnySchema[] {
  const def = defOf(unwrap(schema).inner);
  return def.type === 'union' ? def.options! : [];
}

/** What each value of a record must be (`lossWeights`: a non-negative number), or undefined for another schema. */
export function recordValues(schema: AnySchema): AnySchema | undefined {
  const def = defOf(unwrap(schema).inner) as Def & { valueType?: AnySchema };
  return def.type === 'record' ? def.valueType : undefined;
}

/** The choices of an enum, or of an array of one (`metrics`): what a checkbox list offers. */
export function enumChoices(schema: AnySchema): string[] {
  let def = defOf(unwrap(schema).inner);
  if (def.type === 'array') def = defOf(unwrap(def.element!).inner);
  return def.type === 'enum' ? Object.values(def.entries!).map(String) : [];
}

export interface VariantSpec {
  /** The discriminator's value: `adam`, `sgd`… */
  tag: string;
  schema: AnySchema;
  /** Every field but the discriminator, in declaration order. */
  fields: FieldSpec[];
}

/** The variants of a discriminated union (an optimizer, one per `type`), each with the fields its form shows. */
export function describeVariants(schema: AnySchema): { discriminator: string; variants: VariantSpec[] } {
  const def = defOf(unwrap(schema).inner) as Def & { discriminator?: string };
  const discriminator = def.discriminator;
  if (def.type !== 'union' || !discriminator) return { discriminator: '', variants: [] };
  const variants = def.options!.map((option) => {
    const shape = defOf(option).shape!;
    const tag = String((defOf(shape[discriminator]!).values ?? [])[0]);
    const fields = Object.entries(shape)
      .filter(([key]) => key !== discriminator)
      .map(([key, field]) => describeField(key, field));
    return { tag, schema: option, fields };
  });
  return { discriminator, variants };
}

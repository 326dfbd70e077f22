import type { z } from 'zod';

/**
 * A quicker way to the same parsed params for the common case. zod's parse is quick, but it
 * allocated most of what a cold check of a big graph made per node (some 800 bytes), and that
 * garbage is what made the check collect while its result was half built. Layer param schemas
 * are mostly flat strict objects of enums, booleans and bounded numbers with primitive defaults;
 * for such a schema this reads, once, what each field accepts, and then accepts only input it is
 * sure zod accepts, returning what zod returns: the same keys in the same order, defaults filled
 * in, in one new object. Anything else — a field kind or check not modelled here, an unknown or
 * explicitly undefined key, any invalid value — answers `undefined`, and the caller asks zod,
 * which also words the issues. The oracle is zod itself (test/fast-params.test.ts).
 */
export function parseKnownParams(schema: z.ZodObject, input: unknown): Record<string, unknown> | undefined {
  const fields = fieldsOf(schema);
  if (fields === null || !isPlainObject(input)) return undefined;
  const params = input as Record<string, unknown>;
  let present = 0;
  const value: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const given = params[field.key];
    if (given === undefined) {
      // An explicit `undefined` is zod's to judge; an absent key takes the default, or stays absent.
      if (Object.hasOwn(params, field.key)) return undefined;
      if (field.defaulted) value[field.key] = field.fallback;
      else if (!field.optional) return undefined;
      continue;
    }
    if ((field.inherited && !Object.hasOwn(params, field.key)) || !accepts(field, given)) return undefined;
    value[field.key] = given;
    present++;
  }
  // Every own key must be a field (strict objects refuse the others; zod says how).
  for (const key in params) if (Object.hasOwn(params, key) && --present < 0) return undefined;
  return present === 0 ? value : undefined;
}

interface Field {
  key: string;
  defaulted: boolean;
  /** The default: a primitive, so the very value zod hands over (layer schemas give literals, not functions, to `.default`). */
  fallback: unknown;
  optional: boolean;
  /** A key that plain objects inherit (`constructor`…): present only when it is the input's own. */
  inherited: boolean;
  kind: 'boolean' | 'enum' | 'number';
  /** For an enum: its values. */
  values?: ReadonlySet<unknown>;
  /** For a number: whether it must be a safe integer, and its bounds (each inclusive or not). */
  integer: boolean;
  min: number;
  minInclusive: boolean;
  max: number;
  maxInclusive: boolean;
}

/** Whether zod accepts `value` for this field, unchanged. */
function accepts(field: Field, value: unknown): boolean {
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return field.values!.has(value);
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (!field.integer || Number.isSafeInteger(value)) &&
        (field.minInclusive ? value >= field.min : value > field.min) &&
        (field.maxInclusive ? value <= field.max : value < field.max)
      );
  }
}

/**
 * Per object schema, its fields, or `null` when it is not one modelled here. A short list searched
 * by identity, most recently used first, rather than a WeakMap: there are a few dozen schemas,
 * a graph uses a few, and this runs for every node.
 */
const compiled: { schema: z.ZodObject; fields: Field[] | null }[] = [];

function fieldsOf(schema: z.ZodObject): Field[] | null {
  for (let i = 0; i < compiled.length; i++) {
    const entry = compiled[i]!;
    if (entry.schema !== schema) continue;
    if (i > 0) {
      compiled.copyWithin(1, 0, i);
      compiled[0] = entry;
    }
    return entry.fields;
  }
  const fields = compile(schema);
  compiled.unshift({ schema, fields });
  return fields;
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// zod's definitions are read as data here; their types are not part of zod's public API.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef = any;

function compile(schema: z.ZodObject): Field[] | null {
  const def: AnyDef = schema._zod.def;
  // A strict object without checks of its own: unknown keys are refused, so any means "ask zod".
  if (def.type !== 'object' || def.catchall?._zod.def.type !== 'never' || def.checks?.length) return null;
  const fields: Field[] = [];
  for (const key of Object.keys(def.shape)) {
    if (key === '__proto__') return null;
    const field = def.shape[key];
    let inner: AnyDef = field._zod.def;
    let defaulted = false;
    let optional = false;
    let fallback: unknown;
    if (inner.type === 'default') {
      // Only a primitive default: zod hands it over as is.
      fallback = inner.defaultValue;
      if (fallback === undefined || (typeof fallback === 'object' && fallback !== null) || typeof fallback === 'function') return null;
      defaulted = true;
      inner = inner.innerType._zod.def;
    } else if (inner.type === 'optional') {
      optional = true;
      inner = inner.innerType._zod.def;
    }
    const kind = fieldKind(inner);
    if (!kind) return null;
    fields.push({ key, defaulted, fallback, optional, inherited: key in Object.prototype, ...kind });
  }
  return fields;
}

/** What one field accepts, such that `accepts` holds exactly when zod accepts the value unchanged; `undefined` for a kind not modelled here. */
function fieldKind(def: AnyDef): Omit<Field, 'key' | 'defaulted' | 'fallback' | 'optional' | 'inherited'> | undefined {
  const checks: AnyDef[] = (def.checks ?? []).map((check: AnyDef) => check._zod.def);
  if (def.coerce || checks.some((check) => check.when)) return undefined;
  const number = { integer: false, min: -Infinity, minInclusive: true, max: Infinity, maxInclusive: true };
  switch (def.type) {
    case 'boolean':
      return checks.length ? undefined : { kind: 'boolean', ...number };
    case 'enum':
      return checks.length ? undefined : { kind: 'enum', values: new Set(Object.values(def.entries as Record<string, unknown>)), ...number };
    case 'number':
      for (const check of checks) {
        if (check.check === 'number_format' && check.format === 'safeint') number.integer = true;
        // One bound on each side: a second would need both kept.
        else if (check.check === 'greater_than' && typeof check.value === 'number' && number.min === -Infinity) {
          number.min = check.value;
          number.minInclusive = check.inclusive === true;
        } else if (check.check === 'less_than' && typeof check.value === 'number' && number.max === Infinity) {
          number.max = check.value;
          number.maxInclusive = check.inclusive === true;
        } else return undefined;
      }
      return { kind: 'number', ...number };
    default:
      return undefined;
  }
}

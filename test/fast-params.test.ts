/**
 * parseKnownParams is a shortcut past zod for a cold check: whenever it answers, zod must
 * accept the same input and give the very same value (keys, order, defaults). The oracle is
 * each layer's own zod schema, on random params made of valid, borderline and wrong values.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { layerDefinitions, findLayer } from '../compiler/layers/registry';
import { parseKnownParams } from '../compiler/fast-params';

const SEED = 20261126;

/** Kinds whose params the shortcut models (flat enums, booleans, bounded numbers). */
const SERVED = ['Dense', 'Concatenate', 'Add', 'Activation', 'Flatten'];

/** Values that sit on every edge the shortcut models: enum members, bounds, non-integers, non-finite numbers, wrong types. */
const ODD_VALUES: unknown[] = [true, false, 0, -0, 1, 2, 16, -1, 0.5, 1.5, 1e-9, 0.999, 1e20, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, NaN, Infinity, -Infinity, '', 'x', '1', null, [], [2, 2], {}, 'relu', 'same'];

/** Every literal a field's schema names (enum members, defaults), so random params often hit valid values. */
function literalsOf(schema: unknown, seen = new Set<unknown>()): unknown[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const def = (schema as any)?._zod?.def;
  if (!def || seen.has(def)) return [];
  seen.add(def);
  const found: unknown[] = [];
  if (def.type === 'enum') found.push(...Object.values(def.entries));
  if (def.type === 'default') found.push(def.defaultValue);
  for (const inner of [def.innerType, ...(def.options ?? [])]) found.push(...literalsOf(inner, seen));
  return found;
}

describe('parseKnownParams', () => {
  for (const definition of layerDefinitions) {
    it(`answers for ${definition.kind} only what zod answers`, () => {
      const shape = definition.params.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      const ABSENT = Symbol('absent');
      // Per field: left out, one of its own literals, a small positive integer (units, sizes), an odd value, or an explicit undefined.
      const valueFor = (key: string) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant<unknown>(ABSENT) },
          { weight: 4, arbitrary: fc.constantFrom(...literalsOf(shape[key]), 1, 3, 16) },
          { weight: 2, arbitrary: fc.constantFrom(...ODD_VALUES) },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
      const params = fc.record({
        given: fc.tuple(...keys.map((key) => valueFor(key).map((value) => [key, value] as const))).map((pairs) => pairs.filter(([, value]) => value !== ABSENT)),
        // Mostly none; sometimes a key the schema does not have (or one every object inherits).
        extra: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('bogus', 'constructor', 'name') }),
      });
      let answered = 0;
      fc.assert(
        fc.property(params, ({ given, extra }) => {
          const input: Record<string, unknown> = Object.fromEntries(given);
          if (extra) input[extra] = 1;
          const fast = parseKnownParams(definition.params, input);
          if (fast === undefined) return;
          answered++;
          const parsed = definition.params.safeParse(input);
          expect(parsed.success).toBe(true);
          expect(isDeepStrictEqual(fast, parsed.data)).toBe(true);
          expect(Object.keys(fast)).toEqual(Object.keys(parsed.data as object));
        }),
        { seed: SEED, numRuns: 300 },
      );
      // The comparison above must have been made, for the kinds the shortcut serves.
      if (SERVED.includes(definition.kind)) expect(answered).toBeGreaterThan(10);
    });
  }

  it('takes the shortcut for the params most graphs are made of', () => {
    // Not a speed test: it fails if the shortcut stops applying, and then a cold check pays zod for every node again.
    expect(parseKnownParams(findLayer('Dense')!.params, { units: 16, activation: 'relu' })).toEqual({ units: 16, activation: 'relu', useBias: true, kernelInitializer: 'glorotNormal', biasInitializer: 'zeros' });
    expect(parseKnownParams(findLayer('Add')!.params, {})).toEqual({});
    expect(parseKnownParams(findLayer('Concatenate')!.params, {})).toEqual({ axis: -1 });
    // And leaves to zod what it must word: a wrong value, an unknown key, an explicit undefined.
    expect(parseKnownParams(findLayer('Dense')!.params, { units: 0 })).toBeUndefined();
    expect(parseKnownParams(findLayer('Dense')!.params, { units: 4, bogus: 1 })).toBeUndefined();
    expect(parseKnownParams(findLayer('Dense')!.params, { units: 4, activation: undefined })).toBeUndefined();
  });
});

import type { z } from 'zod';
import type { AnyLayerDefinition } from '../../compiler/layers/definition';
import { layerDefinitions } from '../../compiler/layers/registry';
import { starterParams } from '../schema-form/introspect';

/**
 * A wrapper layer's `layer` parameter (`{type, params}`, see
 * compiler/layers/wrappers/nested-layer.ts) read from its schema: which kinds
 * it may hold and a complete value to start from.
 */

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (['default', 'prefault', 'optional', 'nullable'].includes(defOf(current).type)) current = defOf(current).innerType!;
  return current;
}

export interface WrappedLayerValue {
  type: string;
  params: Record<string, unknown>;
}

/** The `{type, params}` object schema of a field that holds another layer, or undefined for any other field. */
function nestedShape(schema: z.ZodType): { type: z.ZodType; params: z.ZodType } | undefined {
  const inner = unwrapped(schema);
  const def = defOf(inner);
  if (def.type !== 'object' || !def.shape) return undefined;
  const keys = Object.keys(def.shape).sort().join(',');
  return keys === 'params,type' ? { type: def.shape.type!, params: def.shape.params! } : undefined;
}

export const holdsLayer = (schema: z.ZodType): boolean => nestedShape(schema) !== undefined;

/**
 * The kinds a wrapper field accepts: its enum when it names them, otherwise
 * every registered kind with one fixed input and that is not itself an Input
 * or a wrapper (what TimeDistributed can apply per timestep).
 */
export function wrappableKinds(schema: z.ZodType): string[] {
  const nested = nestedShape(schema);
  if (!nested) return [];
  const type = defOf(unwrapped(nested.type));
  if (type.type === 'enum' && type.entries) return Object.values(type.entries);
  return layerDefinitions
    .filter((d) => d.kind !== 'Input' && d.inputs.kind === 'fixed' && d.inputs.ports.length === 1 && !Object.values(d.params.shape as Record<string, z.ZodType>).some(holdsLayer))
    .filter((d) => nested.type.safeParse(d.kind).success)
    .map((d) => d.kind);
}

/** `kind` with the params its own schema starts with: a complete inner layer. */
export function starterWrappedLayer(kind: string): WrappedLayerValue {
  const definition = layerDefinitions.find((d) => d.kind === kind);
  return { type: kind, params: definition ? starterParams(definition.params) : {} };
}

/** The params a new node of this kind starts with: its schema's starters, wrapped layers complete. */
export const startingParams = (definition: AnyLayerDefinition): Record<string, unknown> => completeWrappedStarters(definition.params, starterParams(definition.params));

/** Starting params for a layer kind whose schema holds another layer: each such field gets a complete inner layer (its first accepted kind when none is named). */
export function completeWrappedStarters(params: z.ZodObject, starters: Record<string, unknown>): Record<string, unknown> {
  const out = { ...starters };
  for (const [key, schema] of Object.entries(params.shape as Record<string, z.ZodType>)) {
    const kinds = wrappableKinds(schema);
    if (kinds.length === 0) continue;
    const named = (out[key] as Partial<WrappedLayerValue> | undefined)?.type;
    out[key] = starterWrappedLayer(named !== undefined && kinds.includes(named) ? named : kinds[0]!);
  }
  return out;
}

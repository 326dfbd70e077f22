import { z } from 'zod';
import { GraphDocument } from './graph';

type JsonObject = Record<string, unknown>;

/**
 * The published JSON Schema of a GraphDocument, generated from the zod
 * schemas (never hand-written). It describes what a person may write, so
 * fields with defaults are optional. Given the layer kinds' parameter
 * schemas, each node's `params` is described per `type` as well.
 */
export function graphJsonSchema(layerParams: Record<string, z.ZodType> = {}): JsonObject {
  const schema = z.toJSONSchema(GraphDocument, { io: 'input', target: 'draft-2020-12' }) as JsonObject;
  const kinds = Object.keys(layerParams).sort();
  if (kinds.length > 0) {
    const defs: JsonObject = {};
    for (const kind of kinds) {
      const { $schema: _, ...params } = z.toJSONSchema(layerParams[kind]!, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonObject;
      defs[`${kind}Params`] = params;
    }
    const perType = kinds.map((kind) => ({
      if: { properties: { type: { const: kind } }, required: ['type'] },
      then: { properties: { params: { $ref: `#/$defs/${kind}Params` } } },
    }));
    forEachNodeSchema(schema, (node) => {
      node.allOf = perType;
    });
    schema.$defs = { ...(schema.$defs as JsonObject | undefined), ...defs };
  }
  return { $id: 'https://layerwire.dev/schemas/graph.schema.json', title: 'Layerwire GraphDocument', ...schema };
}

/** Node item schemas sit under `nodes.items`, in the document and in every block. */
function forEachNodeSchema(value: unknown, visit: (node: JsonObject) => void): void {
  if (!value || typeof value !== 'object') return;
  const object = value as JsonObject;
  const properties = object.properties as JsonObject | undefined;
  const nodes = properties?.nodes as JsonObject | undefined;
  if (nodes?.type === 'array' && nodes.items && typeof nodes.items === 'object') visit(nodes.items as JsonObject);
  for (const child of Object.values(object)) forEachNodeSchema(child, visit);
}

export const renderGraphJsonSchema = (layerParams: Record<string, z.ZodType> = {}) => `${JSON.stringify(graphJsonSchema(layerParams), null, 2)}\n`;

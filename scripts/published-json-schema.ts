import { renderGraphJsonSchema } from '../schemas/json-schema';
import { layerDefinitions } from '../compiler/layers/registry';

/** The committed schemas/graph.schema.json: the document schema plus every layer kind's params. */
export const publishedJsonSchema = () => renderGraphJsonSchema(Object.fromEntries(layerDefinitions.map((d) => [d.kind, d.params])));

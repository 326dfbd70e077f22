import type { Edge, GraphDocument, GraphNode } from '../../schemas/graph';
import type { Shape } from '../../schemas/shape';
import { checkGraph } from '../../compiler/check';
import { rankFits, type AnyLayerDefinition } from '../../compiler/layers/definition';
import { layerDefinitions } from '../../compiler/layers/registry';
import { formatShape } from '../../compiler/shapes';
import { startingParams } from './wrapped-layer';

export interface Candidate {
  kind: string;
  /** The input port the new wire goes into. */
  port: string;
}

function portsFitting(definition: AnyLayerDefinition, rank: number): string[] {
  if (definition.inputs.kind === 'variadic') {
    return rankFits(definition.inputs, rank) ? Array.from({ length: Math.max(definition.inputs.min, 1) }, (_, i) => `in${i}`) : [];
  }
  const { ports } = definition.inputs;
  return ports.length > 0 && ports.every((p) => rankFits(p, rank)) ? ports.map((p) => p.name) : [];
}

const cache = new Map<string, Candidate[]>();

/**
 * Layers that accept a tensor of this shape, as the registry's rank contracts
 * say and the checker confirms: each candidate, with its starting parameters,
 * is checked on a two-node graph fed this shape on every input.
 */
export function layersAccepting(shape: Shape): Candidate[] {
  const key = formatShape(shape);
  const cached = cache.get(key);
  if (cached) return cached;
  const result: Candidate[] = [];
  for (const definition of layerDefinitions) {
    const ports = portsFitting(definition, shape.length);
    if (ports.length === 0) continue;
    const source: GraphNode = { id: 'source', type: 'Input', params: { shape: shape.slice(1) }, position: { x: 0, y: 0 } };
    const candidate: GraphNode = { id: 'candidate', type: definition.kind, params: startingParams(definition), position: { x: 0, y: 0 } };
    const edges: Edge[] = ports.map((port) => ({ from: { node: 'source', port: 'out' }, to: { node: 'candidate', port } }));
    const probe: GraphDocument = { format: 'layerwire.graph', version: 1, name: 'probe', nodes: [source, candidate], edges, blocks: {} };
    const check = checkGraph(probe);
    if (check.diagnostics.some((d) => d.severity === 'error' && d.nodeId === 'candidate')) continue;
    result.push({ kind: definition.kind, port: ports[0]! });
  }
  cache.set(key, result);
  return result;
}

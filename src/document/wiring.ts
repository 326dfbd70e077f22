import type { Edge, GraphDocument, PortRef } from '../../schemas/graph';
import { downstreamOf, sameEdge, sameRef } from './edits';

/** Why a wire can never be valid, whatever the shapes: the editor refuses it and says so. */
export type WiringRefusal =
  | { reason: 'same-side'; side: 'input' | 'output' }
  | { reason: 'self-loop' }
  | { reason: 'occupied'; port: PortRef; by: PortRef }
  | { reason: 'cycle' }
  | { reason: 'duplicate' };

export interface SocketEnd {
  node: string;
  port: string;
  side: 'input' | 'output';
}

/** Orders two picked sockets into an edge, or says why they cannot be one. `detached` is a wire being dragged off and so not in the way. */
export function wireBetween(document: GraphDocument, a: SocketEnd, b: SocketEnd, detached?: Edge): { edge: Edge } | { refusal: WiringRefusal } {
  if (a.side === b.side) return { refusal: { reason: 'same-side', side: a.side } };
  const [out, into] = a.side === 'output' ? [a, b] : [b, a];
  const edge: Edge = { from: { node: out.node, port: out.port }, to: { node: into.node, port: into.port } };
  if (edge.from.node === edge.to.node) return { refusal: { reason: 'self-loop' } };
  const others = detached ? document.edges.filter((e) => !sameEdge(e, detached)) : document.edges;
  if (others.some((e) => sameEdge(e, edge))) return { refusal: { reason: 'duplicate' } };
  const occupying = others.find((e) => sameRef(e.to, edge.to));
  if (occupying) return { refusal: { reason: 'occupied', port: edge.to, by: occupying.from } };
  if (downstreamOf({ ...document, edges: others }, edge.to.node).has(edge.from.node)) return { refusal: { reason: 'cycle' } };
  return { edge };
}

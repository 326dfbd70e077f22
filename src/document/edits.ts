import type { Edge, GraphDocument, GraphNode, PortRef } from '../../schemas/graph';
import type { Fix } from '../../compiler/diagnostics';
import { outputPorts } from '../../compiler/layers/definition';
import { findLayer } from '../../compiler/layers/registry';
import { freshId, snakeCase, takenNames } from './ids';
import { declaredInputs } from './ports';
import { startingParams } from './wrapped-layer';

/**
 * Every change the editor makes, as a pure function from one document to the
 * next. Unchanged nodes keep their identity, so history snapshots are cheap.
 */

export interface Position {
  x: number;
  y: number;
}

export const sameRef = (a: PortRef, b: PortRef) => a.node === b.node && a.port === b.port;
export const sameEdge = (a: Edge, b: Edge) => sameRef(a.from, b.from) && sameRef(a.to, b.to);
export const edgeKey = (e: Edge) => `${e.from.node}\u0000${e.from.port}\u0000${e.to.node}\u0000${e.to.port}`;

const round = (n: number) => Math.round(n);

/** A node of `type` with the starting values its schema asks for. */
export function newNode(document: GraphDocument, type: string, position: Position, params?: Record<string, unknown>, taken = takenNames(document)): GraphNode {
  const definition = findLayer(type);
  return {
    id: freshId(snakeCase(type), taken),
    type,
    params: params ?? (definition ? startingParams(definition) : {}),
    position: { x: round(position.x), y: round(position.y) },
  };
}

export function addNode(document: GraphDocument, type: string, position: Position, params?: Record<string, unknown>): { document: GraphDocument; id: string } {
  const node = newNode(document, type, position, params);
  return { document: { ...document, nodes: [...document.nodes, node] }, id: node.id };
}

export function removeNodes(document: GraphDocument, ids: Iterable<string>): GraphDocument {
  const gone = new Set(ids);
  if (gone.size === 0) return document;
  const outputs = document.outputs?.filter((o) => !gone.has(o.node));
  return {
    ...document,
    nodes: document.nodes.filter((n) => !gone.has(n.id)),
    edges: document.edges.filter((e) => !gone.has(e.from.node) && !gone.has(e.to.node)),
    ...(document.outputs ? { outputs } : {}),
  };
}

export function addEdge(document: GraphDocument, edge: Edge): GraphDocument {
  return { ...document, edges: [...document.edges, edge] };
}

export function removeEdge(document: GraphDocument, edge: Edge): GraphDocument {
  return { ...document, edges: document.edges.filter((e) => !sameEdge(e, edge)) };
}

function updateNode(document: GraphDocument, id: string, change: (node: GraphNode) => GraphNode): GraphDocument {
  let changed = false;
  const nodes = document.nodes.map((n) => {
    if (n.id !== id) return n;
    changed = true;
    return change(n);
  });
  return changed ? { ...document, nodes } : document;
}

/** Sets one parameter; `undefined` removes it so the schema's default applies again. */
export function setParam(document: GraphDocument, id: string, key: string, value: unknown): GraphDocument {
  const node = document.nodes.find((n) => n.id === id);
  if (node && JSON.stringify(node.params[key]) === JSON.stringify(value) && (value !== undefined || !(key in node.params))) return document;
  return updateNode(document, id, (node) => {
    const params = { ...node.params };
    if (value === undefined) delete params[key];
    else params[key] = value;
    return { ...node, params };
  });
}

/** Sets the display (and tfjs layer) name; empty or `undefined` falls back to the id. */
export function setName(document: GraphDocument, id: string, name: string | undefined): GraphDocument {
  const current = document.nodes.find((n) => n.id === id);
  if (current && (current.name ?? '') === (name ?? '')) return document;
  return updateNode(document, id, (node) => {
    const { name: _old, ...rest } = node;
    return name === undefined || name === '' ? rest : { ...rest, name };
  });
}

export function setModelName(document: GraphDocument, name: string): GraphDocument {
  return document.name === name ? document : { ...document, name };
}

export function moveNodes(document: GraphDocument, positions: ReadonlyMap<string, Position>): GraphDocument {
  let changed = false;
  const nodes = document.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (round(p.x) === n.position.x && round(p.y) === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: round(p.x), y: round(p.y) } };
  });
  return changed ? { ...document, nodes } : document;
}

function firstOutput(node: GraphNode): string {
  const definition = findLayer(node.type);
  if (!definition) return 'out';
  const parsed = definition.params.safeParse(node.params);
  return parsed.success ? (outputPorts(definition, parsed.data)[0] ?? 'out') : 'out';
}

/** Nodes reachable downstream of `start`, itself included. */
export function downstreamOf(document: GraphDocument, start: string): Set<string> {
  const consumers = new Map<string, string[]>();
  for (const e of document.edges) {
    const list = consumers.get(e.from.node) ?? [];
    list.push(e.to.node);
    consumers.set(e.from.node, list);
  }
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) for (const next of consumers.get(queue.pop()!) ?? []) if (!seen.has(next)) (seen.add(next), queue.push(next));
  return seen;
}

/**
 * Applies a compiler fix. `insert-node` splices a new node into the edge that
 * feeds `before`, making room by moving the downstream nodes down (the graph
 * flows downwards) by `gap` when the two ends sit closer than that. Returns
 * undefined when the fix no longer applies (the node or edge is gone).
 */
export function applyFix(document: GraphDocument, fix: Fix, gap = 150): { document: GraphDocument; focus: string } | undefined {
  if (fix.kind === 'set-param') {
    if (!document.nodes.some((n) => n.id === fix.node)) return undefined;
    return { document: setParam(document, fix.node, fix.param, fix.value), focus: fix.node };
  }
  if (fix.kind === 'rename') {
    if (!document.nodes.some((n) => n.id === fix.node)) return undefined;
    return { document: setName(document, fix.node, fix.name), focus: fix.node };
  }
  const edge = document.edges.find((e) => sameRef(e.to, fix.before));
  const target = document.nodes.find((n) => n.id === fix.before.node);
  const source = edge && document.nodes.find((n) => n.id === edge.from.node);
  if (!edge || !target || !source) return undefined;

  let next = document;
  const room = target.position.y - source.position.y;
  if (room < 2 * gap) {
    const shift = 2 * gap - Math.max(room, 0);
    const moved = downstreamOf(document, target.id);
    next = moveNodes(next, new Map(next.nodes.filter((n) => moved.has(n.id)).map((n) => [n.id, { x: n.position.x, y: n.position.y + shift }])));
  }
  const movedTarget = next.nodes.find((n) => n.id === target.id)!;
  const node = newNode(next, fix.type, { x: (source.position.x + movedTarget.position.x) / 2, y: (source.position.y + movedTarget.position.y) / 2 }, fix.params);
  const inPort = declaredInputs(node, next, []).ports[0] ?? 'in';
  next = {
    ...next,
    nodes: [...next.nodes, node],
    edges: [
      ...next.edges.filter((e) => !sameEdge(e, edge)),
      { from: edge.from, to: { node: node.id, port: inPort } },
      { from: { node: node.id, port: firstOutput(node) }, to: edge.to },
    ],
  };
  return { document: next, focus: node.id };
}

/** The selected nodes and the edges among them, as a document of their own: what goes on the clipboard. */
export function extractFragment(document: GraphDocument, ids: Iterable<string>): GraphDocument {
  const keep = new Set(ids);
  return {
    format: document.format,
    version: document.version,
    name: document.name,
    nodes: document.nodes.filter((n) => keep.has(n.id)),
    edges: document.edges.filter((e) => keep.has(e.from.node) && keep.has(e.to.node)),
    blocks: document.blocks,
  };
}

/**
 * Adds a fragment's nodes under fresh ids (names are dropped when taken, so
 * tfjs names stay unique), shifted so its top-left corner lands at `at`.
 * Blocks the fragment uses and the document lacks come along.
 */
export function insertFragment(document: GraphDocument, fragment: GraphDocument, at: Position): { document: GraphDocument; ids: string[] } {
  if (fragment.nodes.length === 0) return { document, ids: [] };
  const taken = takenNames(document);
  const minX = Math.min(...fragment.nodes.map((n) => n.position.x));
  const minY = Math.min(...fragment.nodes.map((n) => n.position.y));
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((n) => {
    const id = freshId(n.id, taken);
    renamed.set(n.id, id);
    const { name, ...rest } = n;
    const keepName = name !== undefined && !taken.has(name);
    if (keepName) taken.add(name);
    return { ...rest, ...(keepName ? { name } : {}), id, position: { x: round(at.x + n.position.x - minX), y: round(at.y + n.position.y - minY) } };
  });
  const edges = fragment.edges
    .filter((e) => renamed.has(e.from.node) && renamed.has(e.to.node))
    .map((e) => ({ from: { node: renamed.get(e.from.node)!, port: e.from.port }, to: { node: renamed.get(e.to.node)!, port: e.to.port } }));
  const blocks = { ...fragment.blocks, ...document.blocks };
  return { document: { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges], blocks }, ids: nodes.map((n) => n.id) };
}

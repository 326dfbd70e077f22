import type { Edge, GraphNode } from '../../schemas/graph';

const COLUMN_WIDTH = 240;
const ROW_HEIGHT = 140;

/**
 * A simple layered layout for imported graphs: each node sits one column to
 * the right of its deepest producer, nodes of a column stacked in document
 * order. The editor can re-arrange later; this only has to be readable.
 */
export function layOutLeftToRight(graph: { nodes: GraphNode[]; edges: Edge[] }): void {
  const producers = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = producers.get(edge.to.node) ?? [];
    list.push(edge.from.node);
    producers.set(edge.to.node, list);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle in a malformed file: resolve reports it
    visiting.add(id);
    const d = Math.max(-1, ...(producers.get(id) ?? []).map(depthOf)) + 1;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  const rows = new Map<number, number>();
  for (const node of graph.nodes) {
    const column = depthOf(node.id);
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    node.position = { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT };
  }
}

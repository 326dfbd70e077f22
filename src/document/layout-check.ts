import type { GraphDocument } from '../../schemas/graph';

/**
 * Whether the document's positions would draw a tangle: nodes on top of each
 * other, or wired neighbours too close for the shape label between them (a
 * file written by hand, by the CLI or by an importer). Such a layout is
 * arranged on load.
 */
export function isCramped(document: GraphDocument, size: { width: number; height: number; gap: number }): boolean {
  const byId = new Map(document.nodes.map((n) => [n.id, n.position]));
  const seen = new Set<string>();
  for (const node of document.nodes) {
    const cell = `${Math.floor(node.position.x / size.width)}:${Math.floor(node.position.y / size.height)}`;
    if (seen.has(cell)) return true;
    seen.add(cell);
  }
  for (const edge of document.edges) {
    const from = byId.get(edge.from.node);
    const to = byId.get(edge.to.node);
    if (!from || !to) continue;
    const sameRow = Math.abs(from.y - to.y) < size.height;
    if (sameRow && to.x > from.x && to.x - from.x < size.width + size.gap) return true;
  }
  return false;
}

import type { GraphDocument } from '../../schemas/graph';

/** Node sizes on the canvas: every node is `width` wide; its height may depend on its ports. */
export interface LayoutSize {
  width: number;
  height: number | ((id: string) => number);
  /** The room a wire's shape label needs between a layer and the next one below. */
  gap: number;
}

/**
 * Whether the document's positions would draw a tangle in a graph that flows
 * downwards: nodes on top of each other, a layer stacked too close under its
 * producer for the shape label between them, or most wires not running
 * downwards at all (a layout made for another direction of flow: a file
 * written by hand, by the CLI or an importer, or by an older version). Such a
 * layout is arranged on load; one where a person moved a few nodes is not.
 */
export function isCramped(document: GraphDocument, size: LayoutSize): boolean {
  const heightOf = typeof size.height === 'number' ? () => size.height as number : size.height;
  const boxes = new Map(document.nodes.map((n) => [n.id, { ...n.position, width: size.width, height: heightOf(n.id) }]));

  const sorted = [...boxes.values()].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width; j++) {
      const b = sorted[j]!;
      if (b.y < a.y + a.height && a.y < b.y + b.height) return true;
    }
  }

  let backwards = 0;
  for (const edge of document.edges) {
    const from = boxes.get(edge.from.node);
    const to = boxes.get(edge.to.node);
    if (!from || !to) continue;
    const room = to.y - (from.y + from.height);
    if (room >= size.gap) continue;
    const stacked = to.x < from.x + from.width && from.x < to.x + to.width;
    if (stacked && room >= 0) return true;
    backwards++;
  }
  return backwards * 2 > document.edges.length;
}

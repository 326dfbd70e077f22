import type { GraphDocument } from '../../schemas/graph';

/** Keras's layer-name rule (`MaxPooling2D` → `max_pooling2d`), so new ids read like Keras's and tfjs's defaults. */
export function snakeCase(kind: string): string {
  return kind
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Every id and layer name in use: a new id must not collide with either (tfjs layer names default to the id). */
export function takenNames(document: GraphDocument): Set<string> {
  const taken = new Set<string>();
  for (const node of document.nodes) {
    taken.add(node.id);
    if (node.name !== undefined) taken.add(node.name);
  }
  return taken;
}

/** `dense`, then `dense_1`, `dense_2`… skipping whatever is taken; records the new id in `taken`. */
export function freshId(base: string, taken: Set<string>): string {
  const stem = base.replace(/_\d+$/, '') || 'layer';
  let id = taken.has(base) ? '' : base;
  for (let i = 1; !id; i++) if (!taken.has(`${stem}_${i}`)) id = `${stem}_${i}`;
  taken.add(id);
  return id;
}

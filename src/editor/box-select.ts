/** A point on screen (client coordinates). */
export interface ClientPoint {
  x: number;
  y: number;
}

export interface BoxSelectHooks {
  /** The box was let go over the canvas: select what it covers, adding to the selection when `additive`. */
  select(from: ClientPoint, to: ClientPoint, additive: boolean): void;
}

/** A box smaller than this (screen pixels, either way) is a click, not a selection. */
const MIN_BOX = 4;

/** True when the press is on empty canvas: nothing under the pointer but the area's own plain layers. */
function onEmptyCanvas(event: PointerEvent, container: HTMLElement): boolean {
  for (const target of event.composedPath()) {
    if (target === container) return true;
    // Nodes, sockets, wires, the minimap and popups are all custom elements; the area's layers are plain divs.
    if (!(target instanceof HTMLElement) || target.tagName.includes('-')) return false;
  }
  return false;
}

/**
 * Rubber-band selection, as in yEd, draw.io and Blender's node editor: a plain
 * drag on the canvas keeps panning it, and a drag with Shift (adds to the
 * selection) or Ctrl/⌘ (replaces it) draws a translucent box instead; on
 * release, the nodes it touches are selected. Rete ships no such extension
 * (its lasso is an example in the docs, not a package), so this is ours.
 *
 * It listens on the canvas's root (document or shadow root) in the capture
 * phase, so that a press that starts a box never reaches the area's panning.
 * Returns the function that removes it.
 */
export function boxSelection(container: HTMLElement, hooks: BoxSelectHooks): () => void {
  const root = container.getRootNode() as Document | ShadowRoot;
  let box: { start: ClientPoint; end: ClientPoint; additive: boolean; element: HTMLElement } | undefined;

  const draw = () => {
    if (!box) return;
    const rect = container.getBoundingClientRect();
    const left = Math.min(box.start.x, box.end.x) - rect.left;
    const top = Math.min(box.start.y, box.end.y) - rect.top;
    Object.assign(box.element.style, {
      left: `${left}px`,
      top: `${top}px`,
      width: `${Math.abs(box.end.x - box.start.x)}px`,
      height: `${Math.abs(box.end.y - box.start.y)}px`,
    });
  };

  const finish = (commit: boolean) => {
    if (!box) return;
    const { start, end, additive, element } = box;
    box = undefined;
    element.remove();
    window.removeEventListener('pointermove', move, true);
    window.removeEventListener('pointerup', up, true);
    window.removeEventListener('keydown', escape, true);
    if (commit && (Math.abs(end.x - start.x) >= MIN_BOX || Math.abs(end.y - start.y) >= MIN_BOX)) hooks.select(start, end, additive);
  };
  const move = (event: PointerEvent) => {
    if (!box) return;
    box.end = { x: event.clientX, y: event.clientY };
    draw();
  };
  const up = (event: PointerEvent) => {
    if (!box) return;
    box.end = { x: event.clientX, y: event.clientY };
    finish(true);
  };
  const escape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !box) return;
    event.stopPropagation();
    finish(false);
  };
  const down = (event: Event) => {
    const pointer = event as PointerEvent;
    if (box || pointer.button !== 0 || !(pointer.shiftKey || pointer.ctrlKey || pointer.metaKey)) return;
    if (!onEmptyCanvas(pointer, container)) return;
    // Not a pan, and no text selection under the box.
    event.stopPropagation();
    event.preventDefault();
    const element = document.createElement('div');
    element.className = 'box-select';
    element.dataset.testid = 'box-select';
    container.append(element);
    const at = { x: pointer.clientX, y: pointer.clientY };
    box = { start: at, end: at, additive: pointer.shiftKey, element };
    draw();
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('keydown', escape, true);
  };

  root.addEventListener('pointerdown', down, { capture: true });
  return () => {
    finish(false);
    root.removeEventListener('pointerdown', down, { capture: true });
  };
}

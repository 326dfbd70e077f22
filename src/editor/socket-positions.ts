import type { Scope } from 'rete';
import { BaseAreaPlugin } from 'rete-area-plugin';
import type { Position } from '../document/edits';
import type { LayerNodeView, Schemes } from './view-model';

interface SocketListener {
  side: 'input' | 'output';
  key: string;
  change: (position: Position) => void;
}

/**
 * Socket positions from the fixed node layout: the node's position plus the
 * socket's offset, no DOM measuring, and listeners kept per node, so wiring a
 * thousand nodes stays linear. Implements lit-plugin's SocketPositionWatcher.
 */
export class LayoutSocketPosition {
  private area: BaseAreaPlugin<Schemes, unknown> | undefined;
  private readonly listeners = new Map<string, Set<SocketListener>>();

  constructor(private readonly nodeById: (id: string) => LayerNodeView | undefined) {}

  attach(scope: Scope<never, [unknown]>): void {
    if (this.area || !scope.hasParent()) return;
    this.area = scope.parentScope<BaseAreaPlugin<Schemes, unknown>>(BaseAreaPlugin as never);
    const watch = (context: { type?: string; data?: { id?: string; type?: string; payload?: { id: string } } }) => {
      if (context?.type === 'nodetranslated' && context.data?.id) this.notify(context.data.id);
      else if (context?.type === 'rendered' && context.data?.type === 'node' && context.data.payload) this.notify(context.data.payload.id);
      return context;
    };
    this.area.addPipe(watch as never);
  }

  private position(nodeId: string, side: 'input' | 'output', key: string): Position | null {
    const offset = this.nodeById(nodeId)?.socketOffset(side, key);
    const view = this.area?.nodeViews.get(nodeId);
    return offset && view ? { x: view.position.x + offset.x, y: view.position.y + offset.y } : null;
  }

  private notify(nodeId: string) {
    for (const listener of this.listeners.get(nodeId) ?? []) {
      const position = this.position(nodeId, listener.side, listener.key);
      if (position) listener.change(position);
    }
  }

  /** Sends a socket's position again, so that the wires on it recompute their path (a route around other nodes). */
  refresh(nodeId: string, side: 'input' | 'output', key: string): void {
    for (const listener of this.listeners.get(nodeId) ?? []) {
      if (listener.side !== side || listener.key !== key) continue;
      const position = this.position(nodeId, side, key);
      if (position) listener.change(position);
    }
  }

  listen(nodeId: string, side: 'input' | 'output', key: string, change: (position: Position) => void): () => void {
    const listener = { side, key, change };
    let set = this.listeners.get(nodeId);
    if (!set) this.listeners.set(nodeId, (set = new Set()));
    set.add(listener);
    const position = this.position(nodeId, side, key);
    if (position) change(position);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(nodeId);
    };
  }
}

import { html, LitElement } from 'lit';
import { NodeEditor } from 'rete';
import { AreaExtensions, AreaPlugin } from 'rete-area-plugin';
import { ClassicFlow, ConnectionPlugin, type SocketData } from 'rete-connection-plugin';
import { ContextMenuPlugin, type ContextMenuExtra } from 'rete-context-menu-plugin';
import type { Item as MenuItem } from 'rete-context-menu-plugin/_types/types';
import { HistoryPlugin, type HistoryAction } from 'rete-history-plugin';
import type { AutoArrangePlugin } from 'rete-auto-arrange-plugin';
import { MinimapPlugin, type MinimapExtra } from 'rete-minimap-plugin';
import { ReadonlyPlugin } from 'rete-readonly-plugin';
import { LitPlugin, Presets, type LitArea2D } from '@retejs/lit-plugin';
import type { ElkNode } from 'elkjs';
import type { GraphDocument, Edge } from '../../schemas/graph';
import type { CheckResult } from '../../compiler/check';
import { findLayer } from '../../compiler/layers/registry';
import { BLOCK_TYPE } from '../../compiler/resolve';
import { portsOf, wiredPorts } from '../document/ports';
import { edgeKey, type Position } from '../document/edits';
import { FLOW, LayerNodeView, NODE_LAYOUT, WireView, portSignature, type CostOverlay, type NodeAnnotation, type Schemes } from './view-model';
import './node-element';
import { minimapPreset } from './minimap-element';
import { LayoutSocketPosition } from './socket-positions';
import { routeWire, type Rect } from './wire-route';
import { annotateGraph, sameAnnotation } from './annotations';
import { keepInViewport, themeContextMenu } from './context-menu-theme';
import { boxSelection, type ClientPoint } from './box-select';

/** Screen pixels kept free around a graph zoomed to fit (sockets and labels reach past the nodes). */
const FIT_PADDING = 28;
/** The smallest zoom at which a node's text still reads: a graph opens no smaller than this. */
const READABLE_ZOOM = 0.75;
/**
 * From this many nodes, a node is drawn in full only once it comes near the
 * canvas (see LayerNodeView.deferred), and a wire is handed to Rete only then
 * (see drawNearScreen).
 */
const DEFER_FROM = 150;
/** How far past the canvas's edges, in screen pixels, nodes and wires are drawn ahead of being scrolled to. */
const DRAW_AHEAD = 160;
/** A wire's route may bend into a lane beside the layers it passes: its span is taken this much wider, in area units. */
const WIRE_DETOUR = 1.5 * NODE_LAYOUT.width;

export type AreaExtra = LitArea2D<Schemes> | ContextMenuExtra | MinimapExtra;

/** What the view reports back: gestures, each to become a document edit (or a refusal). */
export interface GraphViewHooks {
  /** Two sockets were joined; return null when the edit was made, or why it was refused. */
  wire(a: SocketData, b: SocketData, detached: Edge | undefined): string | null;
  /** A wire was dragged off its input and let go on nothing: remove it. */
  detach(edge: Edge): void;
  /** An output was dragged onto empty canvas: offer the layers that accept it. */
  dropOnEmpty(from: { node: string; port: string }, at: Position, client: { x: number; y: number }): void;
  /** Nodes were dragged; positions of every node. */
  moved(positions: Map<string, Position>): void;
  selectionChanged(nodes: string[], wires: string[]): void;
  contextMenu(context: 'root' | LayerNodeView | WireView, at: Position): { searchBar: boolean; list: MenuItem[] };
}

/** The applier that moves nothing: the layout becomes a document edit, and the view follows the document. */
function recordingApplier(positions: Map<string, Position>) {
  return {
    setEditor() {},
    setArea() {},
    async apply(nodes: ElkNode[]) {
      for (const n of nodes) if (n.x !== undefined && n.y !== undefined) positions.set(n.id, { x: n.x, y: n.y });
    },
  };
}

export class GraphView {
  readonly editor = new NodeEditor<Schemes>();
  readonly area: AreaPlugin<Schemes, AreaExtra>;
  readonly history = new HistoryPlugin<Schemes, HistoryAction>({ timing: 0 });
  private readonly connection = new ConnectionPlugin<Schemes, AreaExtra>();
  private readonly render = new LitPlugin<Schemes, AreaExtra>();
  /** elk is large and only needed to arrange: loaded the first time it is. */
  private arrangePlugin?: Promise<AutoArrangePlugin<Schemes, AreaExtra>>;
  private readonly readonlyPlugin = new ReadonlyPlugin<Schemes>();
  private readonly selector = AreaExtensions.selector();
  private readonly nodes = new Map<string, LayerNodeView>();
  /** Every wire of the document; Rete holds only those in `wiresInRete` (see drawNearScreen). */
  private readonly wires = new Map<string, WireView>();
  private readonly wiresInRete = new Set<string>();
  private drawCheckQueued = false;
  /** The canvas's size, kept by a ResizeObserver: reading it from the element would lay out the whole canvas mid-sync. */
  private canvasSize: { width: number; height: number } | undefined;
  private readonly resizeObserver: ResizeObserver;
  /** New nodes, where the document puts them: the area's first translate of each takes it straight there. */
  private readonly placing = new Map<string, Position>();
  /** What each node was last drawn with; dropped when its view is rebuilt or renamed, so it is drawn again. */
  private readonly drawnAnnotations = new Map<string, NodeAnnotation>();
  /**
   * What the view last showed: the document, its nodes by id and the check's resolved graph. An
   * edit that keeps the wiring (the same edges and blocks) changes no port of a node it left
   * alone (the same node object, resolved the same), so only the nodes it touched are looked at
   * again: a parameter edit costs a look-up per node instead of a port layout per node.
   */
  private shown: { document: GraphDocument; nodes: Map<string, GraphDocument['nodes'][number]>; graph: CheckResult['graph'] } | undefined;
  /** The heat overlay drawn over the nodes, and what was last annotated, so a new overlay is drawn without a sync. */
  private costOverlay: CostOverlay | undefined;
  private annotated: { document: GraphDocument; check: CheckResult } | undefined;
  private readonly selectedWires = new Set<string>();
  private readonly socketPositions = new LayoutSocketPosition((id) => this.nodes.get(id));
  /** Wires whose last route bent around other nodes: when those move, the wire may straighten. */
  private readonly detoured = new Set<string>();
  /** Nodes moved since wires were last re-routed around them. */
  private readonly movedNodes = new Set<string>();
  /** Every node's box, for routing wires; dropped whenever a node moves, comes or goes. */
  private nodeRects: { id: string; rect: Rect }[] | null = null;
  private tallest = 0;
  private syncing = false;
  private minimapStale = false;
  private redrawMinimap: () => void = () => undefined;
  private refusedDrop = false;
  private detached: WireView | undefined;
  private additive = false;
  /**
   * A press on a node that was already selected: the selection stays as it is,
   * so that dragging moves all of it; a click that never moved selects that
   * node alone on release, as in Figma or draw.io.
   */
  private press: { id: string; moved: boolean } | undefined;
  private readonly selectable: ReturnType<typeof AreaExtensions.selectableNodes>;
  private readonly removeBoxSelection: () => void;
  private lastSelection = '';
  private queue: Promise<void> = Promise.resolve();
  private pending: { document: GraphDocument; check: CheckResult } | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly hooks: GraphViewHooks,
  ) {
    themeContextMenu();
    this.area = new AreaPlugin<Schemes, AreaExtra>(container);
    const contextMenu = new ContextMenuPlugin<Schemes>({
      items: (context) => this.hooks.contextMenu(context as 'root' | LayerNodeView, { ...this.area.area.pointer }),
    });
    const minimap = new MinimapPlugin<Schemes>({ boundViewport: true, minDistance: 1200 });
    // The plugin redraws on every node event, each time over every node and forcing a layout: once per frame
    // is enough for small graphs, and a large one redraws when a burst of changes has settled.
    const redraw = (minimap as unknown as { render(): void }).render.bind(minimap);
    let redrawScheduled = false;
    this.redrawMinimap = () => (minimap as unknown as { render(): void }).render();
    (minimap as unknown as { render(): void }).render = () => {
      if (redrawScheduled) return;
      if (this.syncing) {
        this.minimapStale = true;
        return;
      }
      redrawScheduled = true;
      const run = () => {
        redrawScheduled = false;
        redraw();
      };
      if (this.nodes.size < 150) requestAnimationFrame(run);
      else setTimeout(run, 150);
    };

    this.editor.use(this.readonlyPlugin.root);
    this.editor.use(this.area);
    this.area.use(this.readonlyPlugin.area);
    this.area.use(this.render);
    this.connection.use(this.readonlyPlugin.connection as never);
    this.area.use(this.connection);
    this.area.use(contextMenu as never);
    this.area.use(minimap as never);
    this.area.use(this.history);

    this.render.addPreset(
      Presets.classic.setup({
        socketPositionWatcher: this.socketPositions as never,
        customize: {
          node: (data) => ({ emit }) => html`<lw-node .data=${data.payload} .emit=${emit}></lw-node>`,
          socket: () => () => html`<lw-socket></lw-socket>`,
          connection: (data) => ({ path, start, end }) => {
            const wire = data.payload as WireView & { isPseudo?: boolean };
            return html`<lw-wire
              .path=${path}
              .start=${start}
              .end=${end}
              .label=${wire.label ?? ''}
              .status=${wire.status ?? 'ok'}
              .selected=${Boolean(wire.selected)}
              .detaching=${Boolean(wire.detaching)}
              .pseudo=${Boolean(wire.isPseudo)}
              .wireId=${wire.id}
              .labelAt=${wire.isPseudo ? null : wire.labelAt}
            ></lw-wire>`;
          },
        },
      }) as never,
    );
    // Wires flow downwards and bend around the layers they pass: the path (and where its label goes) is ours.
    this.render.addPipe((context) => {
      const signal = context as { type?: string; data?: { payload: WireView & { isPseudo?: boolean }; points: { x: number; y: number }[]; path?: string } };
      if (signal?.type !== 'connectionpath' || !signal.data) return context;
      const { payload, points } = signal.data;
      const [start, end] = points as [{ x: number; y: number }, { x: number; y: number }];
      const route = routeWire(start, end, payload.isPseudo ? [] : this.obstaclesFor(payload, start, end));
      if (!payload.isPseudo) {
        payload.labelAt = route.label;
        if (route.detour) this.detoured.add(payload.id);
        else this.detoured.delete(payload.id);
      }
      return { ...signal, data: { ...signal.data, path: route.path } } as typeof context;
    });
    this.render.addPreset(Presets.contextMenu.setup({ delay: 300 }) as never);
    this.render.addPreset(minimapPreset as never);

    this.connection.addPreset(
      () =>
        new ClassicFlow<Schemes, never[]>({
          canMakeConnection: (from, to) => this.tryWire(from, to),
          makeConnection: () => true,
        }),
    );

    // Rete's selectable extension drops every other node from the selection when one is picked without a
    // modifier, which is also how every drag starts: a press on a selected node keeps the selection instead.
    this.selectable = AreaExtensions.selectableNodes(this.area, this.selector, { accumulating: { active: () => this.additive || this.press !== undefined } });
    AreaExtensions.simpleNodesOrder(this.area);
    AreaExtensions.restrictor(this.area, { scaling: { min: 0.08, max: 2.5 } });
    this.watchGestures();
    this.removeBoxSelection = boxSelection(container, { select: (from, to, additive) => void this.selectInBox(from, to, additive) });
    this.resizeObserver = new ResizeObserver(() => {
      this.canvasSize = { width: container.clientWidth, height: container.clientHeight };
      this.queueDrawCheck();
    });
    this.resizeObserver.observe(container);
  }

  private watchGestures() {
    this.editor.addPipe((context) => {
      if (this.syncing) return context;
      // Rete never changes the graph on its own: every change arrives as a document edit and a sync.
      if (context.type === 'connectionremove') {
        const wire = this.wires.get(context.data.id);
        if (wire && !this.detached) {
          this.detached = wire;
          wire.detaching = true;
          void this.area.update('connection', wire.id);
        }
        return undefined;
      }
      if (context.type === 'connectioncreate' || context.type === 'noderemove' || context.type === 'nodecreate') return undefined;
      return context;
    });
    this.area.addPipe((context) => {
      if (!context || typeof context !== 'object' || !('type' in context)) return context;
      if (context.type === 'zoom' && context.data.source === 'dblclick') return undefined;
      if (context.type === 'nodetranslate' && this.placing.has(context.data.id)) {
        const position = this.placing.get(context.data.id)!;
        this.placing.delete(context.data.id);
        return { ...context, data: { ...context.data, position } };
      }
      if (context.type === 'translated' || context.type === 'zoomed') this.queueDrawCheck();
      if (context.type === 'render' && context.data.type === 'contextmenu') keepInViewport(context.data.element);
      if (context.type === 'nodetranslated') {
        this.movedNodes.add(context.data.id);
        this.nodeRects = null;
        if (this.press?.id === context.data.id) this.press.moved = true;
      }
      if (context.type === 'nodedragged') {
        this.reportMoves();
        this.rerouteAroundMoved();
      }
      if (context.type === 'pointerup' && this.press) {
        const { id, moved } = this.press;
        this.press = undefined;
        if (!moved && !this.additive) void this.selectable.select(id, false);
      }
      if (context.type === 'pointerup' || context.type === 'nodepicked') setTimeout(() => this.reportSelection(), 0);
      if (context.type === 'pointerdown' && !this.additive && this.selectedWires.size > 0) {
        const target = context.data.event.composedPath()[0] as Element | undefined;
        if (!target?.classList?.contains('wire-hit')) this.setWireSelection([]);
      }
      return context;
    });
    this.connection.addPipe((context) => {
      if (!context || typeof context !== 'object' || !('type' in context)) return context;
      if (context.type === 'connectiondrop') {
        const { initial, socket, created } = context.data;
        const detached = this.detached;
        this.detached = undefined;
        if (detached) {
          detached.detaching = false;
          void this.area.update('connection', detached.id);
        }
        if (this.refusedDrop) {
          this.refusedDrop = false;
        } else if (!created && !socket) {
          if (detached) this.hooks.detach(detached.edge);
          else if (initial.side === 'output') {
            const pointer = this.area.area.pointer;
            const client = this.clientFromArea(pointer);
            this.hooks.dropOnEmpty({ node: initial.nodeId, port: initial.key }, { ...pointer }, client);
          }
        }
      }
      return context;
    });
    // Capture phase: the modifier must be known before the node's own pointerdown picks it.
    this.container.addEventListener(
      'pointerdown',
      (event) => {
        this.additive = event.shiftKey || event.ctrlKey || event.metaKey;
        const id = this.nodeUnder(event);
        this.press = id !== undefined && this.nodes.get(id)?.selected && event.button === 0 ? { id, moved: false } : undefined;
      },
      { capture: true },
    );
    this.container.addEventListener('lw-wire-pick', (event) => {
      const { id, additive } = (event as CustomEvent<{ id: string; additive: boolean }>).detail;
      const next = new Set(additive ? this.selectedWires : []);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      if (!additive) void this.selector.unselectAll();
      this.setWireSelection([...next]);
    });
  }

  /** The node a pointer event is on (its body, not one of its sockets, which start a wire instead). */
  private nodeUnder(event: Event): string | undefined {
    for (const target of event.composedPath()) {
      if (!(target instanceof HTMLElement)) continue;
      if (target.tagName === 'RETE-REF') return undefined;
      if (target.tagName === 'LW-NODE') return target.dataset.nodeId;
    }
    return undefined;
  }

  /** Selects the nodes a box drawn on screen touches: instead of the selection, or added to it. */
  private async selectInBox(from: ClientPoint, to: ClientPoint, additive: boolean): Promise<void> {
    const a = this.areaFromClient(from);
    const b = this.areaFromClient(to);
    const box = { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), right: Math.max(a.x, b.x), bottom: Math.max(a.y, b.y) };
    const inside = [...this.nodes.keys()].filter((id) => {
      const r = this.rectOf(id);
      return r !== undefined && r.x < box.right && r.x + r.width > box.left && r.y < box.bottom && r.y + r.height > box.top;
    });
    if (additive) await this.select([...new Set([...this.selectedNodes(), ...inside])], this.selectedEdges());
    else await this.select(inside);
  }

  private tryWire(from: SocketData, to: SocketData): boolean {
    const detached = this.detached;
    if (detached && to.side === 'input' && to.nodeId === detached.edge.to.node && to.key === detached.edge.to.port && from.nodeId === detached.edge.from.node && from.key === detached.edge.from.port) {
      // Put back where it came from: nothing changes.
      detached.detaching = false;
      void this.area.update('connection', detached.id);
      this.detached = undefined;
      this.refusedDrop = true;
      setTimeout(() => this.connection.drop(), 0);
      return false;
    }
    const refusal = this.hooks.wire(from, to, detached?.edge);
    if (refusal === null) return true;
    this.refusedDrop = true;
    if (detached) {
      detached.detaching = false;
      void this.area.update('connection', detached.id);
      this.detached = undefined;
    }
    setTimeout(() => this.connection.drop(), 0);
    return false;
  }

  private reportMoves() {
    const positions = new Map<string, Position>();
    for (const [id, view] of this.area.nodeViews) positions.set(id, { ...view.position });
    this.hooks.moved(positions);
  }

  /** Tells the editor when the selected nodes or wires changed (also when an edit removed some). */
  reportSelection() {
    const nodes = this.selectedNodes();
    const key = `${nodes.join('\u0000')}|${[...this.selectedWires].join('\u0000')}`;
    if (key === this.lastSelection) return;
    this.lastSelection = key;
    this.hooks.selectionChanged(nodes, [...this.selectedWires]);
  }

  private setWireSelection(ids: string[]) {
    const next = new Set(ids.filter((id) => this.wires.has(id)));
    for (const id of new Set([...this.selectedWires, ...next])) {
      const wire = this.wires.get(id);
      if (!wire) continue;
      const selected = next.has(id);
      if (wire.selected !== selected) {
        wire.selected = selected;
        void this.area.update('connection', id);
      }
    }
    this.selectedWires.clear();
    for (const id of next) this.selectedWires.add(id);
    this.reportSelection();
  }

  selectedNodes(): string[] {
    return [...this.nodes.values()].filter((n) => n.selected).map((n) => n.id);
  }

  selectedEdges(): Edge[] {
    return [...this.selectedWires].map((id) => this.wires.get(id)?.edge).filter((e): e is Edge => e !== undefined);
  }

  async select(ids: string[], wires: Edge[] = []): Promise<void> {
    await this.queue;
    await this.selector.unselectAll();
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (!node) continue;
      await this.selector.add(
        {
          label: 'node',
          id,
          translate: async (dx, dy) => {
            const view = this.area.nodeViews.get(id);
            if (view) await view.translate(view.position.x + dx, view.position.y + dy);
          },
          unselect: () => {
            node.selected = false;
            void this.area.update('node', id);
          },
        },
        true,
      );
      node.selected = true;
      void this.area.update('node', id);
    }
    this.setWireSelection(wires.map(edgeKey));
  }

  /** Serialised: a sync that arrives while another runs is folded into the next one. */
  sync(document: GraphDocument, check: CheckResult): Promise<void> {
    const wasIdle = this.pending === undefined;
    this.pending = { document, check };
    if (!wasIdle) return this.queue;
    this.queue = this.queue.then(() =>
      this.changingView(async () => {
        const next = this.pending!;
        this.pending = undefined;
        await this.apply(next.document, next.check);
        this.selectedWires.forEach((id) => this.wires.has(id) || this.selectedWires.delete(id));
        this.reportSelection();
      }),
    );
    return this.queue;
  }

  /** Runs a change of what Rete holds: Rete lets only us change it, also in view-only mode; the minimap redraws once, after. */
  private async changingView(change: () => Promise<void>): Promise<void> {
    this.syncing = true;
    const readonly = this.readonlyPlugin.enabled;
    this.readonlyPlugin.disable();
    try {
      await change();
    } finally {
      if (readonly) this.readonlyPlugin.enable();
      this.syncing = false;
      if (this.minimapStale) {
        this.minimapStale = false;
        this.redrawMinimap();
      }
    }
  }

  /** Draws what has come near the canvas (the view was panned, zoomed or resized), after whatever the view is doing now. */
  private queueDrawCheck() {
    if (this.drawCheckQueued || this.nodes.size < DEFER_FROM) return;
    this.drawCheckQueued = true;
    this.queue = this.queue.then(() =>
      this.changingView(async () => {
        this.drawCheckQueued = false;
        await this.drawNearScreen();
      }),
    );
  }

  /**
   * A large graph opens at a readable zoom, so most of it is off screen, and
   * drawing it is most of what loading costs. Its nodes are plain boxes until
   * they come near the canvas (LayerNodeView.deferred), and its wires are
   * handed to Rete, which draws them, only then: each costs a view, two
   * elements with shadow roots and a route. The view model keeps every wire
   * (labels, selection, routing state), and what reads Rete's connections
   * finds the ones it needs there: a wire one can press or drag is on screen,
   * and arranging hands elk every wire itself. Decided from positions and the
   * area's transform, with no layout: what is near the canvas is drawn in the
   * same frame that shows it.
   */
  private async drawNearScreen() {
    const near = this.nearScreen();
    for (const view of this.nodes.values()) {
      if (!view.deferred) continue;
      const rect = this.rectOf(view.id);
      if (!rect || !near(rect, 0)) continue;
      view.deferred = false;
      this.redraw('node', view.id);
    }
    for (const [key, wire] of this.wires) {
      if (this.wiresInRete.has(key)) continue;
      const from = this.rectOf(wire.source);
      const to = this.rectOf(wire.target);
      if (!from || !to) continue;
      const left = Math.min(from.x, to.x);
      const top = Math.min(from.y, to.y);
      const span = { x: left, y: top, width: Math.max(from.x + from.width, to.x + to.width) - left, height: Math.max(from.y + from.height, to.y + to.height) - top };
      if (!near(span, WIRE_DETOUR)) continue;
      this.wiresInRete.add(key);
      await this.editor.addConnection(wire);
    }
  }

  /** Whether a box reaches into the canvas or DRAW_AHEAD past it (`slack` more sideways, in area units); everything does in a small graph. */
  private nearScreen(): (rect: Rect, slack: number) => boolean {
    if (this.nodes.size < DEFER_FROM) return () => true;
    this.canvasSize ??= { width: this.container.clientWidth, height: this.container.clientHeight };
    const { x, y, k } = this.area.area.transform;
    const ahead = DRAW_AHEAD / k;
    const left = -x / k - ahead;
    const right = (this.canvasSize.width - x) / k + ahead;
    const top = -y / k - ahead;
    const bottom = (this.canvasSize.height - y) / k + ahead;
    return (r, slack) => r.x - slack < right && r.x + r.width + slack > left && r.y < bottom && r.y + r.height > top;
  }

  private async apply(document: GraphDocument, check: CheckResult) {
    this.nodeRects = null;
    const docNodes = new Map<string, (typeof document.nodes)[number]>();
    for (const node of document.nodes) if (!docNodes.has(node.id)) docNodes.set(node.id, node);
    const shown = this.shown;
    const sameWiring = shown !== undefined && document.edges === shown.document.edges && document.blocks === shown.document.blocks;
    this.shown = { document, nodes: docNodes, graph: check.graph };

    // Which node views must be rebuilt: gone, or their ports changed.
    let wired: ReturnType<typeof wiredPorts> | undefined;
    const layouts = new Map<string, ReturnType<typeof portsOf>>();
    const rebuild = new Set<string>();
    let added = false;
    for (const [id, node] of docNodes) {
      const view = this.nodes.get(id);
      added ||= view === undefined;
      // A Block node's ports also follow its block (or its owner's), looked up elsewhere in the document.
      const untouched = sameWiring && shown.nodes.get(id) === node && shown.graph.nodes.get(id) === check.graph.nodes.get(id) && node.type !== BLOCK_TYPE;
      if (view && untouched) continue;
      wired ??= wiredPorts(document);
      const ports = portsOf(node, document, check, wired.get(id) ?? { inputs: [], outputs: [] });
      layouts.set(id, ports);
      if (view && (view.signature !== portSignature(ports.inputs, ports.outputs) || view.kind !== node.type)) rebuild.add(id);
    }
    for (const id of this.nodes.keys()) if (!docNodes.has(id)) rebuild.add(id);

    // With the same wiring and the same node views, every wire stays as it is.
    const wiresKept = sameWiring && !added && rebuild.size === 0;
    const desiredWires = new Map<string, Edge>();
    if (!wiresKept) {
      for (const edge of document.edges) {
        if (docNodes.has(edge.from.node) && docNodes.has(edge.to.node)) desiredWires.set(edgeKey(edge), edge);
      }
      for (const [key, wire] of [...this.wires]) {
        if (!desiredWires.has(key) || rebuild.has(wire.source) || rebuild.has(wire.target)) {
          if (this.wiresInRete.delete(key)) await this.editor.removeConnection(key);
          this.wires.delete(key);
          this.selectedWires.delete(key);
        }
      }
    }
    for (const id of rebuild) {
      if (!this.nodes.has(id)) continue;
      await this.editor.removeNode(id);
      this.nodes.delete(id);
      this.drawnAnnotations.delete(id);
    }
    for (const [id, node] of docNodes) {
      let view = this.nodes.get(id);
      const label = node.name ?? node.id;
      if (!view) {
        const ports = layouts.get(id)!;
        view = new LayerNodeView(id, node.type, findLayer(node.type)?.category ?? (node.type === BLOCK_TYPE ? 'Blocks' : undefined), label);
        view.setPorts(ports.inputs, ports.outputs, ports.spareInput);
        view.deferred = docNodes.size >= DEFER_FROM;
        this.nodes.set(id, view);
        this.placing.set(id, node.position);
        await this.editor.addNode(view);
        // Placed by the area's first translate (see watchGestures) unless that is still on its way.
        if (this.placing.delete(id)) await this.area.translate(id, node.position);
        continue;
      }
      if (view.displayName !== label) {
        view.displayName = label;
        view.label = label;
        this.drawnAnnotations.delete(id);
      }
      const position = this.area.nodeViews.get(id)?.position;
      if (position && (position.x !== node.position.x || position.y !== node.position.y)) await this.area.translate(id, node.position);
    }
    const drawnNow = new Set<string>();
    for (const [key, edge] of desiredWires) {
      if (this.wires.has(key)) continue;
      const source = this.nodes.get(edge.from.node)!;
      const target = this.nodes.get(edge.to.node)!;
      if (!source.outputs[edge.from.port] || !target.inputs[edge.to.port]) continue;
      this.wires.set(key, new WireView(source, target, edge, key));
      drawnNow.add(key);
    }
    await this.drawNearScreen();
    this.annotate(document, check);
    // Wires drawn just now were routed around every node where it now stands.
    this.rerouteAroundMoved(drawnNow);
  }

  private rectOf(id: string): Rect | undefined {
    const node = this.nodes.get(id);
    const position = this.area.nodeViews.get(id)?.position;
    return node && position ? { x: position.x, y: position.y, width: node.width, height: node.height } : undefined;
  }

  /** The nodes a wire from `start` down to `end` might pass: every node but its two ends that reaches into that height. */
  private obstaclesFor(wire: WireView, start: Position, end: Position): Rect[] {
    if (!this.nodeRects) {
      const rects: { id: string; rect: Rect }[] = [];
      for (const id of this.nodes.keys()) {
        const rect = this.rectOf(id);
        if (rect) rects.push({ id, rect });
      }
      this.nodeRects = rects.sort((a, b) => a.rect.y - b.rect.y);
      this.tallest = Math.max(0, ...rects.map(({ rect }) => rect.height));
    }
    const rects = this.nodeRects;
    const top = Math.min(start.y, end.y) - this.tallest;
    const bottom = Math.max(start.y, end.y);
    let lo = 0;
    let hi = rects.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rects[mid]!.rect.y < top) lo = mid + 1;
      else hi = mid;
    }
    const out: Rect[] = [];
    for (let i = lo; i < rects.length && rects[i]!.rect.y < bottom; i++) {
      const { id, rect } = rects[i]!;
      if (id !== wire.source && id !== wire.target) out.push(rect);
    }
    return out;
  }

  /**
   * Nodes moved (dragged, arranged, or by an edit such as undo): wires that ran
   * around nodes, or whose way a moved node now blocks, take a new route.
   */
  private rerouteAroundMoved(upToDate: ReadonlySet<string> = new Set()) {
    if (this.movedNodes.size === 0) return;
    const moved = [...this.movedNodes].map((id) => ({ id, rect: this.rectOf(id) })).filter((m): m is { id: string; rect: Rect } => m.rect !== undefined);
    this.movedNodes.clear();
    for (const wire of this.wires.values()) {
      if (upToDate.has(wire.id)) continue;
      const from = this.rectOf(wire.source);
      const to = this.rectOf(wire.target);
      if (!from || !to) continue;
      const left = Math.min(from.x, to.x);
      const right = Math.max(from.x + from.width, to.x + to.width);
      const top = from.y + from.height;
      const blocks = moved.some(({ id, rect: r }) => id !== wire.source && id !== wire.target && r.x < right && r.x + r.width > left && r.y < to.y && r.y + r.height > top);
      if (blocks || this.detoured.has(wire.id)) this.socketPositions.refresh(wire.target, 'input', wire.targetInput);
    }
  }

  /** Tints nodes by their share of a cost (undefined: none); only nodes whose tint changes re-render. */
  setCostOverlay(overlay: CostOverlay | undefined): void {
    if (overlay === this.costOverlay) return;
    this.costOverlay = overlay;
    if (this.annotated) this.annotate(this.annotated.document, this.annotated.check);
  }

  /** Shapes, parameter counts and problems onto the views; only what changed is re-rendered. */
  private annotate(document: GraphDocument, check: CheckResult) {
    this.annotated = { document, check };
    const annotations = annotateGraph(document, check, this.costOverlay);
    for (const [id, annotation] of annotations.nodes) {
      const view = this.nodes.get(id);
      if (!view) continue;
      const drawn = this.drawnAnnotations.get(id);
      if (drawn && sameAnnotation(drawn, annotation)) continue;
      this.drawnAnnotations.set(id, annotation);
      view.annotation = annotation;
      this.redraw('node', id);
    }
    for (const wire of this.wires.values()) {
      const { label, status } = annotations.wire(wire.edge);
      if (wire.label === label && wire.status === status) continue;
      wire.label = label;
      wire.status = status;
      if (this.wiresInRete.has(wire.id)) this.redraw('connection', wire.id);
    }
  }

  /**
   * Draws a node or wire again after its annotation changed. Only its text
   * changes (a node's size is fixed, a wire keeps its route), so its own Lit
   * element re-renders, in the same microtask as every other: the area's
   * `render` signal, which every plugin hears (the minimap then redraws over
   * every node), is for views that appear, move or change size.
   */
  private redraw(type: 'node' | 'connection', id: string) {
    // A plain box shows nothing that changed; once drawn in full, it shows the latest annotation.
    if (type === 'node' && this.nodes.get(id)?.deferred) return;
    const view = type === 'node' ? this.area.nodeViews.get(id) : this.area.connectionViews.get(id);
    // lit-plugin renders each view as <rete-root> around ours (and finds it the same way): no query over the view.
    const element = view?.element.firstElementChild?.firstElementChild;
    if (element instanceof LitElement) element.requestUpdate();
    else void this.area.update(type, id);
  }

  /** Area coordinates of a point on screen. */
  areaFromClient(client: { x: number; y: number }): Position {
    const rect = this.container.getBoundingClientRect();
    const { x, y, k } = this.area.area.transform;
    return { x: (client.x - rect.left - x) / k, y: (client.y - rect.top - y) / k };
  }

  clientFromArea(point: Position): { x: number; y: number } {
    const rect = this.container.getBoundingClientRect();
    const { x, y, k } = this.area.area.transform;
    return { x: rect.left + x + point.x * k, y: rect.top + y + point.y * k };
  }

  viewportCenter(): Position {
    const rect = this.container.getBoundingClientRect();
    return this.areaFromClient({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  }

  /**
   * Zooms to show the whole graph (never beyond 100%). With `readable`, never
   * below READABLE_ZOOM either: a graph too big for that is shown from its
   * inputs, top first, and read downwards.
   */
  async zoomToFit(options: { readable?: boolean } = {}): Promise<void> {
    await this.queue;
    const rects = [...this.nodes.keys()].map((id) => this.rectOf(id)).filter((r): r is Rect => r !== undefined);
    if (rects.length === 0) return;
    const left = Math.min(...rects.map((r) => r.x));
    const top = Math.min(...rects.map((r) => r.y));
    const width = Math.max(...rects.map((r) => r.x + r.width)) - left;
    const height = Math.max(...rects.map((r) => r.y + r.height)) - top;
    const { clientWidth: w, clientHeight: h } = this.container;
    const fit = Math.min((w - 2 * FIT_PADDING) / width, (h - 2 * FIT_PADDING) / height, 1);
    const k = options.readable ? Math.max(fit, Math.min(READABLE_ZOOM, 1)) : Math.max(fit, 0.08);
    const x = width * k <= w - 2 * FIT_PADDING ? (w - width * k) / 2 - left * k : FIT_PADDING - left * k;
    const y = height * k <= h - 2 * FIT_PADDING ? (h - height * k) / 2 - top * k : FIT_PADDING - top * k;
    await this.area.area.zoom(k, 0, 0);
    await this.area.area.translate(x, y);
  }

  /** Brings a node to the middle of the canvas, at a readable zoom. */
  async centerOn(id: string): Promise<void> {
    await this.queue;
    const node = this.nodes.get(id);
    const view = this.area.nodeViews.get(id);
    if (!node || !view) return;
    const rect = this.container.getBoundingClientRect();
    const k = Math.min(1, Math.max(this.area.area.transform.k, 0.8));
    await this.area.area.zoom(k, 0, 0);
    await this.area.area.translate(rect.width / 2 - (view.position.x + node.width / 2) * k, rect.height / 2 - (view.position.y + node.height / 2) * k);
  }

  private arranger(): Promise<AutoArrangePlugin<Schemes, AreaExtra>> {
    this.arrangePlugin ??= import('rete-auto-arrange-plugin').then(({ AutoArrangePlugin }) => {
      const plugin = new AutoArrangePlugin<Schemes, AreaExtra>();
      // Ports where the node draws them (inputs along the top edge, outputs along the bottom), so elk lines chains up straight.
      plugin.addPreset((nodeId) => {
        const node = this.nodes.get(nodeId);
        if (!node) return null;
        return {
          port: ({ side, key }) => {
            const at = node.socketOffset(side, key) ?? { x: node.width / 2, y: side === 'input' ? 0 : node.height };
            return { x: at.x - 6, y: side === 'input' ? -12 : node.height, width: 12, height: 12, side: side === 'input' ? 'NORTH' : 'SOUTH' };
          },
          options: () => ({ 'elk.portConstraints': 'FIXED_POS' }),
        };
      });
      this.area.use(plugin);
      return plugin;
    });
    return this.arrangePlugin;
  }

  /**
   * Runs elk's layered layout downwards, the way Keras's `plot_model` and
   * Netron draw a model: one layer of the graph per row, never wrapped, the
   * document's order kept among siblings (in0's producer left of in1's),
   * chains straight (through the middle socket of a merge, so a stack of
   * residual blocks stays one column), and room between rows for the shape
   * labels. Returns the positions it chose, without moving anything.
   */
  async layout(): Promise<Map<string, Position>> {
    await this.queue;
    const positions = new Map<string, Position>();
    const plugin = await this.arranger();
    await plugin.layout({
      // Every wire, also those Rete does not hold yet (see drawNearScreen).
      connections: [...this.wires.values()],
      applier: recordingApplier(positions) as never,
      options: {
        'elk.direction': 'DOWN',
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.spacing.nodeNode': String(FLOW.siblingGap),
        // elk measures between the 12px ports that stand out of both edges: the boxes end up layerGap apart.
        'elk.layered.spacing.nodeNodeBetweenLayers': String(FLOW.layerGap - 24),
        'elk.spacing.edgeNode': '40',
        'elk.spacing.edgeEdge': '24',
        'elk.layered.spacing.edgeNodeBetweenLayers': '12',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
        'elk.layered.wrapping.strategy': 'OFF',
        'elk.separateConnectedComponents': 'true',
        'elk.spacing.componentComponent': String(FLOW.siblingGap * 2),
        'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      },
    });
    return positions;
  }

  setReadonly(on: boolean): void {
    if (on) this.readonlyPlugin.enable();
    else this.readonlyPlugin.disable();
  }

  get isReadonly(): boolean {
    return this.readonlyPlugin.enabled;
  }

  nodeView(id: string): LayerNodeView | undefined {
    return this.nodes.get(id);
  }

  /** Resolves when the view reflects the latest document. */
  settled(): Promise<void> {
    return this.queue;
  }

  destroy(): void {
    this.removeBoxSelection();
    this.resizeObserver.disconnect();
    this.area.destroy();
  }
}

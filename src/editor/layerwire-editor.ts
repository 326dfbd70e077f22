import { html, LitElement, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { SocketData } from 'rete-connection-plugin';
import type { Item as MenuItem } from 'rete-context-menu-plugin/_types/types';
import type { HistoryAction } from 'rete-history-plugin';
import type { Edge, GraphDocument, GraphDocumentInput } from '../../schemas/graph';
import { parseGraphDocument } from '../../schemas/parse';
import { checkGraph, recheckGraph, type CheckResult } from '../../compiler/check';
import type { Diagnostic, Fix } from '../../compiler/diagnostics';
import { CATEGORIES } from '../../compiler/layers/definition';
import { findLayer, layerDefinitions, layersInCategory } from '../../compiler/layers/registry';
import { formatShape } from '../../compiler/shapes';
import { addEdge, addNode, applyFix, extractFragment, insertFragment, moveNodes, removeEdge, removeNodes, type Position } from '../document/edits';
import { layersAccepting } from '../document/compatible-layers';
import { blockKeyOf, firstFreeInput } from '../document/ports';
import { groupIntoBlock, ungroupBlock } from '../document/blocks';
import { duplicateAsShared } from '../document/sharing';
import { blockView, viewAt, writeAt } from '../document/scope';
import { BLOCK_TYPE } from '../../compiler/resolve';
import { wireBetween, type WiringRefusal } from '../document/wiring';
import { isCramped } from '../document/layout-check';
import { themeTokens } from '../theme/tokens';
import { LocaleController, t } from '../i18n/locale';
import { diagnosticMessage } from '../i18n/diagnostic-text';
import { categoryLabel } from '../i18n/categories';
import { canvasStyles } from './editor-styles';
import { breadcrumbStyles } from './breadcrumb-styles';
import { GraphView } from './graph-view';
import { FLOW, NODE_LAYOUT, nodeHeight, type CostOverlay, type LayerNodeView, type WireView } from './view-model';
import type { SearchRequest } from './layer-search';
import './layer-search';

export const LAYER_DRAG_TYPE = 'application/x-layerwire-kind';
const CLIPBOARD_FORMAT = 'layerwire.graph';

const emptyDocument = (): GraphDocument => ({ format: 'layerwire.graph', version: 1, name: 'model', nodes: [], edges: [], blocks: {} });

/** One undo step: the document before and after an edit. Snapshots share unchanged nodes, so they stay small. */
class DocumentSnapshot implements HistoryAction {
  constructor(
    private readonly before: GraphDocument,
    public after: GraphDocument,
    private readonly restore: (document: GraphDocument) => void,
  ) {}
  undo() {
    this.restore(this.before);
  }
  redo() {
    this.restore(this.after);
  }
}

function isEditable(event: Event): boolean {
  const target = event.composedPath()[0] as HTMLElement | undefined;
  if (!target || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
}

/**
 * `<layerwire-editor>`: the graph canvas. Property `graph` is the document;
 * every gesture becomes a document edit, then a check, then a re-sync of the
 * view. Fires `graph-change` (the new document) and `diagnostics` (the
 * checker's findings) after every check, and `selection-change`. Inside a
 * block (`openBlock`) the canvas shows and edits that block's body; `graph`
 * stays the whole document and `scope-change` fires on the way in and out.
 */
export class LayerwireEditor extends LitElement {
  static override properties = {
    readonly: { type: Boolean, reflect: true },
    theme: { type: String, reflect: true },
    search: { state: true },
    toast: { state: true },
  };
  declare readonly: boolean;
  declare theme: string | undefined;
  declare search: SearchRequest | null;
  declare toast: { text: string; left: number; top: number; kind: 'error' | 'info' } | null;

  static override styles = [themeTokens, canvasStyles, breadcrumbStyles];

  /** What the canvas shows and edits: the model, or the body of the block being edited (see `scope`). */
  private document: GraphDocument = emptyDocument();
  /** The whole document; `document` is its view at `scope`. */
  private root: GraphDocument = this.document;
  /** The blocks being edited, outermost first; empty for the model itself. */
  private scope: string[] = [];
  private check: CheckResult = checkGraph(this.document);
  /** The whole model's check; the same object as `check` unless a block is being edited. */
  private rootCheck: CheckResult = this.check;
  private view?: GraphView;
  private loaded = false;
  private loading: Promise<void> = Promise.resolve();
  private pendingLoad: { record: boolean; fit: boolean } | undefined;
  /** Steps that redo can replay: each undo adds one, each new edit clears them (one snapshot per step, never merged). */
  private redoDepth = 0;
  private latestSnapshot: DocumentSnapshot | undefined;
  private toastTimer?: ReturnType<typeof setTimeout>;
  private fallbackClipboard = '';
  private pointerInside = false;
  private lastRelease: { id: string; at: number; x: number; y: number } | undefined;
  private lastPointer = { x: 0, y: 0 };
  private static active: LayerwireEditor | null = null;
  /** Listeners added on connecting, removed on disconnecting: with their options, as a capture listener is removed only by name. */
  private readonly handlers: [EventTarget, string, (e: Event) => void, AddEventListenerOptions | undefined][] = [];

  constructor() {
    super();
    new LocaleController(this);
    this.readonly = false;
    this.search = null;
    this.toast = null;
  }

  /**
   * The current document. Setting it replaces the graph (an undoable step once
   * one is loaded) and zooms to fit. The value is parsed like a file: one that
   * is not a valid GraphDocument is refused with a `load-error` event (detail:
   * the errors with their JSON paths) and the current graph stays.
   */
  get graph(): GraphDocument {
    return this.root;
  }

  /** What the canvas shows: the model, or inside a block that block's body as a document. */
  get scopeDocument(): GraphDocument {
    return this.document;
  }

  /** The keys of the blocks being edited, outermost first; empty when editing the model. */
  get scopePath(): string[] {
    return [...this.scope];
  }
  set graph(value: GraphDocumentInput) {
    const parsed = parseGraphDocument(value);
    if (parsed.ok) void this.load(parsed.document);
    else this.dispatchEvent(new CustomEvent('load-error', { detail: parsed.errors, bubbles: true, composed: true }));
  }

  /**
   * The heat overlay (Summary tab's "Show cost on canvas"), by top-level node id. It tints the
   * model's own nodes; inside a block, whose nodes have their own ids, nothing is tinted.
   */
  set costOverlay(overlay: CostOverlay | undefined) {
    this.overlay = overlay;
    this.view?.setCostOverlay(this.scope.length ? undefined : overlay);
  }
  get costOverlay(): CostOverlay | undefined {
    return this.overlay;
  }
  private overlay: CostOverlay | undefined;

  /** What the checker said about the current document (the whole model, also while a block is being edited). */
  get checkResult(): CheckResult {
    return this.rootCheck;
  }

  /** What the checker said about what the canvas shows: the model, or the block being edited on its own. */
  get scopeCheck(): CheckResult {
    return this.check;
  }

  get canUndo(): boolean {
    return this.undoDepth() > 0;
  }

  get canRedo(): boolean {
    return this.redoDepth > 0;
  }

  private undoDepth(): number {
    return this.view?.history.getHistorySnapshot().length ?? 0;
  }

  get selectedNodeIds(): string[] {
    return this.view?.selectedNodes() ?? [];
  }

  /** Resolves once the canvas shows the latest document. */
  async whenSettled(): Promise<void> {
    await this.updateComplete;
    await this.loading;
    await this.view?.settled();
  }

  /**
   * Shows a new document (undoable once one is loaded) and zooms to it, no
   * smaller than a readable zoom. A cramped or overlapping layout, or one
   * drawn for another direction of flow (hand-written, imported, saved by an
   * older version), is arranged as part of loading, in the same undo step, so
   * the file's own positions are kept only when they read well.
   */
  load(document: GraphDocument, options: { record?: boolean; fit?: boolean } = {}): Promise<void> {
    const record = (options.record ?? true) && this.loaded;
    this.loaded = true;
    this.scope = [];
    this.document = this.root;
    this.commit(document, { record, force: true });
    this.pendingLoad = { record, fit: options.fit ?? true };
    if (this.view) this.loading = this.finishLoad();
    return this.loading;
  }

  /** Arranges a cramped layout and zooms, once the canvas exists. */
  private async finishLoad(): Promise<void> {
    const view = this.view;
    const pending = this.pendingLoad;
    this.pendingLoad = undefined;
    if (!view || !pending) return;
    await view.settled();
    const size = { width: NODE_LAYOUT.width, height: (id: string) => view.nodeView(id)?.height ?? nodeHeight(1, 1), gap: FLOW.layerGap / 2 };
    if (isCramped(this.document, size)) {
      const arranged = moveNodes(this.document, await view.layout());
      this.document = this.root = arranged;
      if (pending.record && this.latestSnapshot) this.latestSnapshot.after = arranged;
      this.afterChange();
      await view.settled();
    }
    if (pending.fit) await view.zoomToFit({ readable: true });
  }

  // ——— edits ———

  /** Applies an edit; returns false when refused (view-only mode) or when nothing changed. */
  edit(change: (document: GraphDocument) => GraphDocument): boolean {
    return this.commit(change(this.document));
  }

  /**
   * An edit of the model itself whichever block is open: training settings and
   * the dataset belong to the model, and a block's view has nowhere to keep them.
   */
  editModel(change: (model: GraphDocument) => GraphDocument): boolean {
    if (this.scope.length === 0) return this.edit(change);
    const root = change(this.root);
    if (root === this.root) return false;
    return this.commit(viewAt(root, this.scope) ?? this.document, { root });
  }

  private commit(next: GraphDocument, options: { record?: boolean; force?: boolean; root?: GraphDocument } = {}): boolean {
    if (next === this.document && !options.root && !options.force) return false;
    if (this.readonly && !options.force) {
      this.flash(t('editor.readonly'), 'info');
      return false;
    }
    const before = this.root;
    this.document = next;
    this.root = options.root ?? writeAt(this.root, this.scope, next);
    if ((options.record ?? true) && this.view) {
      this.latestSnapshot = new DocumentSnapshot(before, this.root, (d) => this.restore(d));
      this.view.history.add(this.latestSnapshot);
      this.view.history.separate();
      this.redoDepth = 0;
    }
    this.afterChange();
    return true;
  }

  private restore(document: GraphDocument) {
    this.root = document;
    // Undo may remove the block being edited: then show the nearest enclosing scope that still exists.
    while (this.scope.length && !viewAt(document, this.scope)) this.scope = this.scope.slice(0, -1);
    this.document = viewAt(document, this.scope)!;
    this.afterChange();
  }

  // ——— blocks ———

  /** Shows block `key`'s body on the canvas (inside the current scope); edits there change the block. */
  async openBlock(key: string): Promise<void> {
    const view = blockView(this.document, key);
    if (!view) return;
    this.scope = [...this.scope, key];
    await this.showScope(view);
  }

  /** Goes back out to `depth` enclosing scopes (0: the model). */
  async leaveBlock(depth = this.scope.length - 1): Promise<void> {
    if (depth < 0 || depth >= this.scope.length) return;
    this.scope = this.scope.slice(0, depth);
    await this.showScope(viewAt(this.root, this.scope)!);
  }

  private async showScope(view: GraphDocument) {
    this.document = view;
    await this.view?.select([]);
    this.afterChange();
    this.dispatchEvent(new CustomEvent('scope-change', { detail: this.scopePath, bubbles: true, composed: true }));
    this.emitSelection();
    await this.view?.settled();
    await this.view?.zoomToFit({ readable: true });
  }

  /** Moves the selected nodes into a new block used by one Block node in their place. */
  groupSelection(): boolean {
    const result = groupIntoBlock(this.document, this.check, this.selectedNodeIds);
    if ('refusal' in result) {
      this.flash(t(`block.refused.${result.refusal}`), 'info');
      return false;
    }
    if (!this.commit(result.document)) return false;
    void this.selectNodes([result.node]);
    return true;
  }

  /** Puts a Block node's body back in its place. */
  ungroup(id: string): boolean {
    const result = ungroupBlock(this.document, id);
    if ('refusal' in result) {
      this.flash(t(`block.refused.${result.refusal}`), 'info');
      return false;
    }
    if (!this.commit(result.document)) return false;
    void this.selectNodes(result.ids);
    return true;
  }

  /** Adds a node that calls the same layer as `id`, and selects it. */
  duplicateAsShared(id: string): void {
    const result = duplicateAsShared(this.document, id);
    if (result && this.commit(result.document)) void this.selectNodes([result.id]);
  }

  /**
   * A double-click on a Block node opens it. Counted from pointer releases:
   * the canvas's drag handling keeps the browser's click and dblclick events
   * from ever firing on a node (seen in Chromium).
   */
  private onNodeRelease(event: PointerEvent) {
    const target = event.composedPath().find((el): el is HTMLElement => el instanceof HTMLElement && el.dataset.nodeId !== undefined);
    const id = target?.dataset.nodeId;
    const last = this.lastRelease;
    this.lastRelease = id === undefined || event.button !== 0 ? undefined : { id, at: event.timeStamp, x: event.clientX, y: event.clientY };
    if (!last || last.id !== id || event.timeStamp - last.at > 500 || Math.hypot(event.clientX - last.x, event.clientY - last.y) > 6) return;
    this.lastRelease = undefined;
    this.openBlockNode(id!);
  }

  private openBlockNode(id: string): boolean {
    const node = this.document.nodes.find((n) => n.id === id);
    const key = node?.type === BLOCK_TYPE ? blockKeyOf(node, this.document) : undefined;
    if (key === undefined) return false;
    void this.openBlock(key);
    return true;
  }

  private afterChange() {
    // Infers again only what the edit can reach; the result is exactly a full check's.
    this.check = recheckGraph(this.check, this.document);
    this.rootCheck = this.scope.length ? recheckGraph(this.rootCheck, this.root) : this.check;
    this.view?.setCostOverlay(this.scope.length ? undefined : this.overlay);
    void this.view?.sync(this.document, this.check);
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent('graph-change', { detail: this.root, bubbles: true, composed: true }));
    this.dispatchEvent(new CustomEvent<Diagnostic[]>('diagnostics', { detail: this.check.diagnostics, bubbles: true, composed: true }));
    this.dispatchEvent(new CustomEvent('history-change', { bubbles: true, composed: true }));
  }

  async undo(): Promise<void> {
    if (this.readonly || !this.view) return;
    const before = this.undoDepth();
    await this.view.history.undo();
    if (this.undoDepth() < before) this.redoDepth++;
    this.dispatchEvent(new CustomEvent('history-change', { bubbles: true, composed: true }));
  }

  async redo(): Promise<void> {
    if (this.readonly || !this.view || this.redoDepth === 0) return;
    const before = this.undoDepth();
    await this.view.history.redo();
    if (this.undoDepth() > before) this.redoDepth--;
    this.dispatchEvent(new CustomEvent('history-change', { bubbles: true, composed: true }));
  }

  /** Adds a layer: at `at`, or below the one selected node (wired to it when it fits), or in the middle of the view. */
  addLayer(kind: string, at?: Position): string | undefined {
    const selected = this.selectedNodeIds;
    let position = at;
    let wireFrom: { node: string; port: string } | undefined;
    if (!position && selected.length === 1) {
      const anchor = this.document.nodes.find((n) => n.id === selected[0]);
      const report = anchor && this.check.byId.get(anchor.id);
      if (anchor) {
        const below = this.view?.nodeView(anchor.id)?.height ?? nodeHeight(1, 1);
        position = this.freeSpot({ x: anchor.position.x, y: anchor.position.y + below + FLOW.layerGap });
        const out = report?.outputs[0];
        if (out?.shape && layersAccepting(out.shape).some((c) => c.kind === kind)) wireFrom = { node: anchor.id, port: out.port };
      }
    }
    position ??= this.centeredPosition();
    const { document, id } = addNode(this.document, kind, position);
    let next = document;
    if (wireFrom) {
      const created = next.nodes.find((n) => n.id === id)!;
      const port = firstFreeInput(created, next);
      if (port) next = addEdge(next, { from: wireFrom, to: { node: id, port } });
    }
    if (!this.commit(next)) return undefined;
    void this.selectNodes([id]);
    return id;
  }

  /** The first spot from `at` rightwards, a column at a time, where a new node covers no other. */
  private freeSpot(at: Position): Position {
    const height = nodeHeight(1, 1);
    const boxes = this.document.nodes.map((n) => ({ ...n.position, height: this.view?.nodeView(n.id)?.height ?? height }));
    const taken = (p: Position) => boxes.some((b) => p.x < b.x + NODE_LAYOUT.width + 8 && b.x < p.x + NODE_LAYOUT.width + 8 && p.y < b.y + b.height + 8 && b.y < p.y + height + 8);
    let spot = at;
    for (let i = 0; i < 50 && taken(spot); i++) spot = { x: spot.x + NODE_LAYOUT.width + FLOW.siblingGap, y: at.y };
    return spot;
  }

  private centeredPosition(): Position {
    const center = this.view?.viewportCenter() ?? { x: 0, y: 0 };
    return { x: center.x - NODE_LAYOUT.width / 2, y: center.y - 60 };
  }

  deleteSelection(): void {
    const nodes = this.selectedNodeIds;
    const wires = this.view?.selectedEdges() ?? [];
    if (nodes.length === 0 && wires.length === 0) return;
    let next = removeNodes(this.document, nodes);
    for (const edge of wires) next = removeEdge(next, edge);
    this.commit(next);
  }

  selectAll(): void {
    void this.selectNodes(this.document.nodes.map((n) => n.id));
  }

  async selectNodes(ids: string[]): Promise<void> {
    await this.view?.select(ids);
    this.emitSelection();
  }

  /** Selects a node and brings it into view: what clicking a diagnostic does. */
  async focusNode(id: string): Promise<void> {
    await this.selectNodes([id]);
    await this.view?.centerOn(id);
  }

  async zoomToFit(): Promise<void> {
    await this.view?.zoomToFit();
  }

  /** elk's layered layout, applied as one undoable edit. */
  async arrange(): Promise<void> {
    if (!this.view || this.readonly) return;
    const positions = await this.view.layout();
    if (this.commit(moveNodes(this.document, positions))) {
      await this.view.settled();
      await this.view.zoomToFit();
    }
  }

  /** Applies a diagnostic's fix; false when it no longer applies. */
  applyFix(fix: Fix): boolean {
    const result = applyFix(this.document, fix, nodeHeight(1, 1) + FLOW.layerGap);
    if (!result) {
      this.flash(t('fix.stale'), 'info');
      return false;
    }
    if (!this.commit(result.document)) return false;
    void this.selectNodes([result.focus]);
    return true;
  }

  // ——— clipboard ———

  /** The selection as GraphDocument JSON, or undefined when nothing is selected. */
  selectionAsJson(): string | undefined {
    const ids = this.selectedNodeIds;
    if (ids.length === 0) return undefined;
    return JSON.stringify(extractFragment(this.document, ids), null, 2);
  }

  /** Pastes GraphDocument JSON (from this or another tab); returns false when the text is not a Layerwire graph. */
  pasteJson(text: string, at?: Position): boolean {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return false;
    }
    if (!json || typeof json !== 'object' || (json as { format?: unknown }).format !== CLIPBOARD_FORMAT) return false;
    const parsed = parseGraphDocument(json);
    if (!parsed.ok) {
      this.flash(t('clipboard.invalid', { detail: `${parsed.errors[0]!.path}: ${diagnosticMessage(parsed.errors[0]!)}` }));
      return true;
    }
    const fragment = parsed.document;
    if (fragment.nodes.length === 0) return true;
    const origin = {
      x: Math.min(...fragment.nodes.map((n) => n.position.x)),
      y: Math.min(...fragment.nodes.map((n) => n.position.y)),
    };
    const target = at ?? (this.pointerInside && this.view ? this.view.areaFromClient(this.lastPointer) : { x: origin.x + 48, y: origin.y + 48 });
    const { document, ids } = insertFragment(this.document, fragment, target);
    if (this.commit(document)) void this.selectNodes(ids);
    return true;
  }

  copySelection(clipboard?: DataTransfer | null): boolean {
    const json = this.selectionAsJson();
    if (!json) return false;
    this.fallbackClipboard = json;
    if (clipboard) clipboard.setData('text/plain', json);
    else void navigator.clipboard?.writeText(json).catch(() => undefined);
    return true;
  }

  duplicateSelection(): void {
    const json = this.selectionAsJson();
    if (!json) return;
    const fragment = JSON.parse(json) as GraphDocument;
    const origin = { x: Math.min(...fragment.nodes.map((n) => n.position.x)), y: Math.min(...fragment.nodes.map((n) => n.position.y)) };
    this.pasteJson(json, { x: origin.x + 40, y: origin.y + 40 });
  }

  // ——— gestures from the view ———

  private refusalText(refusal: WiringRefusal): string {
    switch (refusal.reason) {
      case 'same-side':
        return t(refusal.side === 'output' ? 'wire.outputToOutput' : 'wire.inputToInput');
      case 'self-loop':
        return t('wire.selfLoop');
      case 'duplicate':
        return t('wire.duplicate');
      case 'cycle':
        return t('wire.cycle');
      case 'occupied':
        return t('wire.occupied', { port: refusal.port.port, node: this.nameOf(refusal.port.node), source: this.nameOf(refusal.by.node) });
    }
  }

  private nameOf(id: string): string {
    const node = this.document.nodes.find((n) => n.id === id);
    return node?.name ?? id;
  }

  private onWire(a: SocketData, b: SocketData, detached: Edge | undefined): string | null {
    const result = wireBetween(this.document, { node: a.nodeId, port: a.key, side: a.side }, { node: b.nodeId, port: b.key, side: b.side }, detached);
    if ('refusal' in result) {
      const text = this.refusalText(result.refusal);
      this.flash(text);
      this.dispatchEvent(new CustomEvent('wiring-refused', { detail: { reason: result.refusal.reason, message: text }, bubbles: true, composed: true }));
      return text;
    }
    let next = detached ? removeEdge(this.document, detached) : this.document;
    next = addEdge(next, result.edge);
    this.commit(next);
    return null;
  }

  private onDropOnEmpty(from: { node: string; port: string }, at: Position, client: { x: number; y: number }) {
    if (this.readonly) return;
    const shape = this.check.byId.get(from.node)?.outputs.find((o) => o.port === from.port)?.shape;
    if (!shape) {
      this.flash(t('search.noShape'), 'info', client);
      return;
    }
    const candidates = layersAccepting(shape);
    this.openSearch(client, t('search.accepting', { shape: formatShape(shape) }), candidates.map((c) => c.kind), (kind) => {
      const { document, id } = addNode(this.document, kind, { x: at.x + 24, y: at.y - 40 });
      const port = candidates.find((c) => c.kind === kind)!.port;
      if (this.commit(addEdge(document, { from, to: { node: id, port } }))) void this.selectNodes([id]);
    });
  }

  /** The add-a-layer search, at a point on screen. */
  openSearch(client: { x: number; y: number }, title: string, kinds: string[], pick: (kind: string) => void): void {
    const rect = this.getBoundingClientRect();
    const left = Math.max(8, Math.min(client.x - rect.left, rect.width - 290));
    const top = Math.max(8, Math.min(client.y - rect.top, rect.height - 370));
    this.search = { left, top, title, kinds, pick };
  }

  /** Search-and-add at the pointer (or the middle of the view). */
  openAddAtPointer(client?: { x: number; y: number }): void {
    if (this.readonly || !this.view) return;
    const rect = this.getBoundingClientRect();
    const point = client ?? (this.pointerInside ? this.lastPointer : { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    const at = this.view.areaFromClient(point);
    this.openSearch(point, t('search.add'), layerDefinitions.map((d) => d.kind), (kind) => this.addLayer(kind, { x: at.x - NODE_LAYOUT.width / 2, y: at.y - 20 }));
  }

  private contextMenu(context: 'root' | LayerNodeView | WireView, at: Position): { searchBar: boolean; list: MenuItem[] } {
    if (this.readonly) return { searchBar: false, list: [] };
    if (context === 'root') {
      const list: MenuItem[] = CATEGORIES.map((category) => layersInCategory(category))
        .filter((defs) => defs.length > 0)
        .map((defs) => ({
          label: categoryLabel(defs[0]!.category),
          key: defs[0]!.category,
          handler: () => undefined,
          subitems: defs.map((d) => ({ label: d.kind, key: d.kind, handler: () => void this.addLayer(d.kind, at) })),
        }));
      return { searchBar: true, list };
    }
    if ('edge' in context) {
      const edge = context.edge;
      return { searchBar: false, list: [{ label: t('menu.deleteWire'), key: 'delete-wire', handler: () => void this.commit(removeEdge(this.document, edge)) }] };
    }
    const id = context.id;
    const targets = () => (this.selectedNodeIds.includes(id) ? this.selectedNodeIds : [id]);
    const node = this.document.nodes.find((n) => n.id === id);
    const blockItems: MenuItem[] = [
      ...(node?.type === BLOCK_TYPE
        ? [
            { label: t('menu.editBlock'), key: 'edit-block', handler: () => void this.openBlockNode(id) },
            { label: t('menu.ungroup'), key: 'ungroup', handler: () => void this.ungroup(id) },
          ]
        : []),
      ...(node && node.type !== 'Input'
        ? [
            { label: t('menu.group'), key: 'group', handler: () => void this.selectNodes(targets()).then(() => this.groupSelection()) },
            { label: t('menu.duplicateShared'), key: 'duplicate-shared', handler: () => this.duplicateAsShared(id) },
          ]
        : []),
    ];
    return {
      searchBar: false,
      list: [
        ...blockItems,
        { label: t('menu.duplicate'), key: 'duplicate', handler: () => void this.selectNodes(targets()).then(() => this.duplicateSelection()) },
        { label: t('menu.copy'), key: 'copy', handler: () => void this.selectNodes(targets()).then(() => this.copySelection()) },
        { label: t('menu.delete'), key: 'delete', handler: () => void this.commit(removeNodes(this.document, targets())) },
      ],
    };
  }

  private emitSelection() {
    const detail = { nodes: this.selectedNodeIds, edges: this.view?.selectedEdges() ?? [] };
    this.dispatchEvent(new CustomEvent('selection-change', { detail, bubbles: true, composed: true }));
  }

  flash(text: string, kind: 'error' | 'info' = 'error', client?: { x: number; y: number }): void {
    const rect = this.getBoundingClientRect();
    const point = client ?? (this.pointerInside ? this.lastPointer : { x: rect.left + rect.width / 2 - 150, y: rect.top + 24 });
    const left = Math.max(8, Math.min(point.x - rect.left + 14, rect.width - 370));
    const top = Math.max(8, Math.min(point.y - rect.top + 14, rect.height - 80));
    this.toast = { text, left, top, kind };
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast = null), 4000);
  }

  // ——— lifecycle ———

  protected override firstUpdated(): void {
    const container = this.renderRoot.querySelector('.canvas') as HTMLElement;
    this.view = new GraphView(container, {
      wire: (a, b, detached) => this.onWire(a, b, detached),
      detach: (edge) => void this.commit(removeEdge(this.document, edge)),
      dropOnEmpty: (from, at, client) => this.onDropOnEmpty(from, at, client),
      moved: (positions) => void this.commit(moveNodes(this.document, positions)),
      selectionChanged: () => this.emitSelection(),
      contextMenu: (context, at) => this.contextMenu(context, at),
    });
    this.view.setReadonly(this.readonly);
    this.afterChange();
    if (this.pendingLoad) this.loading = this.finishLoad();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('readonly')) this.view?.setReadonly(this.readonly);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    LayerwireEditor.active ??= this;
    const listen = (target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions) => {
      target.addEventListener(type, handler, options);
      this.handlers.push([target, type, handler, options]);
    };
    listen(this, 'pointerdown', () => (LayerwireEditor.active = this), { capture: true });
    listen(this, 'pointermove', (e) => {
      const p = e as PointerEvent;
      this.pointerInside = true;
      this.lastPointer = { x: p.clientX, y: p.clientY };
    });
    listen(this, 'pointerleave', () => (this.pointerInside = false));
    listen(this, 'pointerup', (e) => this.onNodeRelease(e as PointerEvent));
    listen(this, 'dblclick', (e) => {
      const m = e as MouseEvent;
      if (m.composedPath().some((el) => el instanceof Element && ['LW-NODE', 'LW-LAYER-SEARCH', 'LW-WIRE'].includes(el.tagName))) return;
      this.openAddAtPointer({ x: m.clientX, y: m.clientY });
    });
    listen(this, 'dragover', (e) => {
      const d = e as DragEvent;
      if (d.dataTransfer?.types.includes(LAYER_DRAG_TYPE)) {
        d.preventDefault();
        d.dataTransfer.dropEffect = 'copy';
      }
    });
    listen(this, 'drop', (e) => {
      const d = e as DragEvent;
      const kind = d.dataTransfer?.getData(LAYER_DRAG_TYPE);
      if (!kind || !findLayer(kind) || !this.view) return;
      d.preventDefault();
      d.stopPropagation();
      const at = this.view.areaFromClient({ x: d.clientX, y: d.clientY });
      this.addLayer(kind, { x: at.x - NODE_LAYOUT.width / 2, y: at.y - 20 });
    });
    listen(window, 'keydown', (e) => this.onKey(e as KeyboardEvent));
    listen(document, 'copy', (e) => this.onClipboard(e as ClipboardEvent, 'copy'));
    listen(document, 'cut', (e) => this.onClipboard(e as ClipboardEvent, 'cut'));
    listen(document, 'paste', (e) => this.onClipboard(e as ClipboardEvent, 'paste'));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const [target, type, handler, options] of this.handlers.splice(0)) target.removeEventListener(type, handler, options);
    if (LayerwireEditor.active === this) LayerwireEditor.active = null;
    this.view?.destroy();
    this.view = undefined;
  }

  private get isActive(): boolean {
    return LayerwireEditor.active === this && this.search === null;
  }

  private onClipboard(event: ClipboardEvent, kind: 'copy' | 'cut' | 'paste') {
    if (!this.isActive || isEditable(event)) return;
    if (kind === 'paste') {
      const text = event.clipboardData?.getData('text/plain') || this.fallbackClipboard;
      if (text && this.pasteJson(text)) event.preventDefault();
      return;
    }
    if (this.copySelection(event.clipboardData)) {
      event.preventDefault();
      if (kind === 'cut') this.deleteSelection();
    }
  }

  /** Keyboard shortcuts; the app's help overlay lists the same ones. */
  private onKey(event: KeyboardEvent) {
    if (!this.isActive || isEditable(event) || event.defaultPrevented) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    const handled = () => event.preventDefault();
    if (mod && key === 'z') {
      handled();
      void (event.shiftKey ? this.redo() : this.undo());
    } else if (mod && key === 'y') {
      handled();
      void this.redo();
    } else if (mod && key === 'a') {
      handled();
      this.selectAll();
    } else if (mod && key === 'd') {
      handled();
      this.duplicateSelection();
    } else if (mod && key === 'g') {
      handled();
      if (event.shiftKey) for (const id of this.selectedNodeIds.filter((n) => this.document.nodes.find((x) => x.id === n)?.type === BLOCK_TYPE)) this.ungroup(id);
      else this.groupSelection();
    } else if (!mod && (key === 'delete' || key === 'backspace')) {
      handled();
      this.deleteSelection();
    } else if (!mod && !event.altKey && (key === 'a' || key === '/')) {
      handled();
      this.openAddAtPointer();
    } else if (!mod && !event.altKey && key === 'f') {
      handled();
      void this.zoomToFit();
    } else if (!mod && !event.altKey && key === 'l' && event.shiftKey) {
      handled();
      void this.arrange();
    } else if (key === 'escape') {
      if (this.scope.length) void this.leaveBlock();
      else void this.selectNodes([]);
    }
  }

  /** `model › encoder › …`: where the canvas is; each step but the last goes back there. */
  private renderBreadcrumb() {
    const steps = [this.root.name || 'model', ...this.scope.map((key, i) => viewAt(this.root, this.scope.slice(0, i + 1))?.name ?? key)];
    return html`<nav class="breadcrumb" data-testid="breadcrumb" aria-label=${t('block.breadcrumb')}>
      ${steps.map((name, depth) =>
        depth === steps.length - 1
          ? html`<span class="here" aria-current="location">${name}</span>`
          : html`<button data-testid="breadcrumb-${depth}" title=${t('block.back')} @click=${() => void this.leaveBlock(depth)}>${name}</button><span class="sep">›</span>`,
      )}
    </nav>`;
  }

  override render() {
    return html`<div class="canvas" data-testid="canvas"></div>
      ${this.scope.length ? this.renderBreadcrumb() : nothing}
      ${this.document.nodes.length === 0 ? html`<div class="empty-hint">${t('editor.empty')}</div>` : nothing}
      ${this.readonly ? html`<div class="readonly-badge">${t('editor.readonlyBadge')}</div>` : nothing}
      <lw-layer-search .request=${this.search} @close=${() => (this.search = null)}></lw-layer-search>
      ${this.toast
        ? html`<div class="toast ${this.toast.kind}" role="status" data-testid="toast" style=${styleMap({ left: `${this.toast.left}px`, top: `${this.toast.top}px` })}>${this.toast.text}</div>`
        : nothing}`;
  }
}

customElements.define('layerwire-editor', LayerwireEditor);

declare global {
  interface HTMLElementTagNameMap {
    'layerwire-editor': LayerwireEditor;
  }
}


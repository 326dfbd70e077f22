import { css, html, LitElement, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { guard } from 'lit/directives/guard.js';
import { styleMap, type StyleInfo } from 'lit/directives/style-map.js';
import { categoryColor } from '../theme/tokens';
import { formatCount, LocaleController, t, tn } from '../i18n/locale';
import { diagnosticMessage } from '../i18n/diagnostic-text';
import { NODE_LAYOUT, socketStep, socketX, tensorSocket, type LayerNodeView } from './view-model';

/** The socket's hit area, centred on the node's edge. */
const SOCKET_SIZE = 22;

type Emit = (signal: unknown) => void;

/**
 * An inline style written once and again only when `deps` change. styleMap
 * re-writes every property on every render, and an inline style written, even
 * unchanged, makes the browser recompute the node's styles: geometry, which
 * changes only when a node is rebuilt, must cost nothing when an edit re-renders
 * a thousand nodes for their new shapes.
 */
const fixedStyle = (deps: unknown[], style: () => StyleInfo) => guard(deps, () => styleMap(style()));

/**
 * One layer on the canvas. Rendered in light DOM, so the editor's stylesheet
 * styles it and the connection plugin finds its sockets; every text is
 * interpolated by Lit, never parsed as HTML.
 */
export class LayerNodeElement extends LitElement {
  static override properties = {
    data: { attribute: false },
    emit: { attribute: false },
  };
  declare data: LayerNodeView;
  declare emit: Emit;
  /** How many times this node has rendered: lets a test (or a profile) see work done for nodes that did not change. */
  renderCount = 0;
  private taggedId: string | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** A socket: the same until the node is rebuilt, so a re-render leaves it (and Rete's ref to it) alone. */
  private socket(side: 'input' | 'output', key: string, x: number) {
    const { id } = this.data;
    const emit = this.emit;
    return guard(
      [side, key, x, id, emit],
      () => html`<rete-ref
        class="socket-ref ${side}"
        style=${styleMap({ left: `${x - SOCKET_SIZE / 2}px` })}
        title=${key}
        .data=${{ type: 'socket', side, key, nodeId: id, payload: tensorSocket }}
        .emit=${emit}
      ></rete-ref>`,
    );
  }

  /** The names of several ports, each above (or below) its socket. */
  private portNames(side: 'input' | 'output', ports: string[]) {
    const node = this.data;
    const shapeOf = (port: string) => node.annotation.outputs.find((o) => o.port === port)?.shape;
    return html`<div class="port-names ${side}" style=${fixedStyle([], () => ({ height: `${NODE_LAYOUT.ports}px` }))}>
      ${ports.map(
        (port, i) => html`<span
          class="port-name ${side === 'input' && port === node.spareInput ? 'spare' : ''}"
          style=${fixedStyle([i, ports.length, node.width], () => ({ left: `${socketX(i, ports.length, node.width)}px`, maxWidth: `${socketStep(ports.length, node.width) - 4}px` }))}
          title=${side === 'output' ? `${port} ${shapeOf(port) ?? ''}` : port}
          >${port}</span
        >`,
      )}
    </div>`;
  }

  /** The heat overlay: a tint over the whole node, and its cost in a tag on the top edge. */
  private costOverlay(cost: NonNullable<LayerNodeView['annotation']['cost']>) {
    const heat = Math.round(cost.heat * 100) / 100;
    return html`<div class="cost-tint" data-testid="node-heat" data-heat=${heat} style=${styleMap({ '--heat': String(heat) })}></div>
      <span class="cost-tag" data-testid="node-cost">${cost.label}</span>`;
  }

  protected override willUpdate(): void {
    // Written only when it changes: an attribute set on every render is a DOM mutation per render.
    if (this.data && this.taggedId !== this.data.id) this.dataset.nodeId = this.taggedId = this.data.id;
  }

  protected override updated(): void {
    this.renderCount++;
  }

  /** A box of the node's size, with nothing in it: what a deferred node shows until it comes onto the canvas. */
  private placeholder(node: LayerNodeView) {
    return html`<div class="node-placeholder" data-testid="node-placeholder" style=${fixedStyle([node.width, node.height], () => ({ width: `${node.width}px`, height: `${node.height}px` }))}></div>`;
  }

  override render() {
    const node = this.data;
    if (!node) return nothing;
    if (node.deferred) return this.placeholder(node);
    const { annotation } = node;
    const errors = annotation.problems.filter((p) => p.severity === 'error');
    const warnings = annotation.problems.filter((p) => p.severity === 'warning');
    const firstShape = annotation.outputs[0]?.shape;
    const tooltip = annotation.problems.map((p) => `${p.severity === 'error' ? '⛔' : '⚠'} ${diagnosticMessage(p)}`).join('\n');
    return html`<div
      class=${classMap({ node: true, selected: Boolean(node.selected), error: errors.length > 0, warning: errors.length === 0 && warnings.length > 0 })}
      style=${fixedStyle([node.width, node.height, node.category], () => ({ width: `${node.width}px`, height: `${node.height}px`, '--cat': categoryColor(node.category) }))}
      title=${tooltip || nothing}
      data-testid="node"
      data-node-id=${node.id}
    >
      <div class="top">
        ${node.inputOrder.length > 1 ? this.portNames('input', node.inputOrder) : nothing}
        <div class="head" style=${fixedStyle([], () => ({ height: `${NODE_LAYOUT.head}px` }))}>
          <span class="cat-dot"></span>
          <span class="title">
            <span class="name" data-testid="node-name" title=${node.displayName}>${node.displayName}</span>
            <span class="kind" title=${node.kind}>${node.kind}</span>
          </span>
          ${errors.length ? html`<span class="badge error" aria-label=${tn('node.errors', errors.length)}>!</span>` : warnings.length ? html`<span class="badge warning">!</span>` : nothing}
        </div>
      </div>
      <div class="summary" style=${fixedStyle([], () => ({ height: `${NODE_LAYOUT.summary}px` }))} title=${annotation.summary || nothing}>
        ${annotation.sharesWith !== undefined
          ? html`<span class="shared" data-testid="node-shared">↻ ${t('node.sharesWith', { owner: annotation.sharesWith })}</span>`
          : annotation.summary
            ? html`<span>${annotation.summary}</span>`
            : html`<span class="defaults">${t('node.defaults')}</span>`}
      </div>
      <div class="foot" style=${fixedStyle([], () => ({ height: `${NODE_LAYOUT.foot}px` }))}>
        <span class="out-shape" data-testid="node-shape" title=${firstShape ?? nothing}>${firstShape ?? (errors.length ? t('node.noShape') : '…')}</span>
        <span class="param-count" data-testid="node-params">${annotation.params === null ? '' : tn('node.params', annotation.params, { count: formatCount(annotation.params) })}</span>
      </div>
      ${node.outputOrder.length > 1 ? this.portNames('output', node.outputOrder) : nothing}
      ${annotation.cost ? this.costOverlay(annotation.cost) : nothing}
      ${node.inputOrder.map((port, i) => this.socket('input', port, socketX(i, node.inputOrder.length, node.width)))}
      ${node.outputOrder.map((port, i) => this.socket('output', port, socketX(i, node.outputOrder.length, node.width)))}
    </div>`;
  }
}

/** The socket dot itself; its `rete-ref` host is what the connection plugin picks. */
export class SocketElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
  override render() {
    return html`<span class="socket-dot"></span>`;
  }
}

interface Point {
  x: number;
  y: number;
}

/** A wire: the path its route took, plus the shape it carries as a label where the route says. */
export class WireElement extends LitElement {
  static override properties = {
    path: { attribute: false },
    start: { attribute: false },
    end: { attribute: false },
    label: { attribute: false },
    status: { attribute: false },
    selected: { attribute: false },
    detaching: { attribute: false },
    pseudo: { attribute: false },
    wireId: { attribute: false },
    labelAt: { attribute: false },
  };
  declare path: string;
  declare start: Point | null;
  declare end: Point | null;
  declare label: string;
  declare status: 'ok' | 'error';
  declare selected: boolean;
  declare detaching: boolean;
  declare pseudo: boolean;
  declare wireId: string;
  /** Where the route put the label; the middle of the wire when there is no route yet. */
  declare labelAt: Point | null;

  /** Wires render inside the connection wrapper's shadow root, so they bring their own styles. */
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      overflow: visible !important;
      position: absolute;
      pointer-events: none;
      width: 9999px;
      height: 9999px;
    }
    .wire-hit {
      fill: none;
      stroke: transparent;
      stroke-width: 14px;
      pointer-events: stroke;
      cursor: pointer;
    }
    .wire {
      fill: none;
      stroke: var(--lw-wire);
      stroke-width: 2.5px;
      pointer-events: none;
    }
    .wire.error {
      stroke: var(--lw-error);
      stroke-dasharray: 7 5;
    }
    .wire.selected {
      stroke: var(--lw-selection);
      stroke-width: 3.5px;
    }
    .wire.detaching,
    .wire.pseudo {
      stroke-dasharray: 6 5;
      opacity: 0.6;
    }
    .label {
      position: absolute;
      left: 0;
      top: 0;
      pointer-events: none;
      white-space: nowrap;
      padding: 2px 7px;
      border-radius: 999px;
      background: var(--lw-wire-label);
      border: 1px solid var(--lw-border);
      color: var(--lw-text);
      font: 600 10.5px var(--lw-mono);
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08);
      /* Off screen, a new label is not laid out: an edit that changes every shape of a big graph lays out the
         few dozen labels in view, not all of them. */
      content-visibility: auto;
      contain-intrinsic-size: auto 64px auto 18px;
    }
    .label.error {
      border-color: var(--lw-error);
      color: var(--lw-error);
    }
  `;

  private pick(event: PointerEvent) {
    if (this.pseudo || event.button !== 0) return;
    event.stopPropagation();
    this.dispatchEvent(new CustomEvent('lw-wire-pick', { detail: { id: this.wireId, additive: event.shiftKey || event.ctrlKey || event.metaKey }, bubbles: true, composed: true }));
  }

  override render() {
    const mid = this.labelAt ?? (this.start && this.end ? { x: (this.start.x + this.end.x) / 2, y: (this.start.y + this.end.y) / 2 } : null);
    const classes = classMap({ wire: true, error: this.status === 'error', selected: Boolean(this.selected), detaching: Boolean(this.detaching), pseudo: Boolean(this.pseudo) });
    return html`<svg data-testid="wire" data-wire-id=${this.wireId ?? ''}>
        <path class="wire-hit" d=${this.path ?? ''} @pointerdown=${this.pick}></path>
        <path class=${classes} d=${this.path ?? ''}></path>
      </svg>
      ${mid && this.label && !this.pseudo
        ? html`<div class="label ${this.status === 'error' ? 'error' : ''}" data-testid="wire-label" style=${styleMap({ transform: `translate(${mid.x}px, ${mid.y}px) translate(-50%, -50%)` })}>${this.label}</div>`
        : nothing}`;
  }
}

customElements.define('lw-node', LayerNodeElement);
customElements.define('lw-socket', SocketElement);
customElements.define('lw-wire', WireElement);

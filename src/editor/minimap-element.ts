import { css, html, LitElement, nothing, svg } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Side of the minimap, in pixels (its width is `SIZE × ratio`). */
export const MINIMAP_SIZE = 100;

/**
 * Draws what rete-minimap-plugin computes: node rectangles and the viewport,
 * as fractions of the map's width. One SVG for all nodes, so a thousand nodes
 * cost one layout, not one each.
 */
export class MinimapElement extends LitElement {
  static override properties = {
    nodes: { attribute: false },
    viewport: { attribute: false },
    ratio: { attribute: false },
    onTranslate: { attribute: false },
    onPoint: { attribute: false },
  };
  declare nodes: Rect[];
  declare viewport: Rect;
  declare ratio: number;
  declare onTranslate: (dx: number, dy: number) => void;
  declare onPoint: (x: number, y: number) => void;

  static override styles = css`
    .map {
      position: absolute;
      right: 14px;
      bottom: 14px;
      overflow: hidden;
      border-radius: 10px;
      border: 1px solid var(--lw-border);
      background: var(--lw-minimap-bg);
      box-shadow: var(--lw-node-shadow);
      backdrop-filter: blur(4px);
    }
    svg {
      position: absolute;
      inset: 0;
    }
    rect {
      fill: var(--lw-minimap-node);
    }
    .viewport {
      position: absolute;
      box-sizing: border-box;
      border: 1.5px solid var(--lw-accent);
      background: var(--lw-minimap-viewport);
      border-radius: 3px;
      cursor: grab;
    }
  `;

  private get width() {
    return MINIMAP_SIZE * (this.ratio || 1);
  }

  private drag(event: PointerEvent) {
    event.stopPropagation();
    event.preventDefault();
    let previous = { x: event.pageX, y: event.pageY };
    const move = (e: PointerEvent) => {
      this.onTranslate(-(e.pageX - previous.x) / this.width, -(e.pageY - previous.y) / this.width);
      previous = { x: e.pageX, y: e.pageY };
    };
    const up = () => {
      removeEventListener('pointermove', move);
      removeEventListener('pointerup', up);
      removeEventListener('pointercancel', up);
    };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
    addEventListener('pointercancel', up);
  }

  private jump(event: MouseEvent) {
    event.stopPropagation();
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    this.onPoint((event.clientX - box.left) / this.width, (event.clientY - box.top) / this.width);
  }

  override render() {
    if (!this.nodes || !this.viewport) return nothing;
    const w = this.width;
    const v = this.viewport;
    return html`<div
      class="map"
      data-testid="minimap"
      style=${styleMap({ width: `${w}px`, height: `${MINIMAP_SIZE}px` })}
      @pointerdown=${(e: Event) => e.stopPropagation()}
      @wheel=${(e: Event) => e.stopPropagation()}
      @dblclick=${this.jump}
    >
      <svg width=${w} height=${MINIMAP_SIZE} aria-hidden="true">${this.nodes.map((n) => svg`<rect x=${n.left * w} y=${n.top * w} width=${n.width * w} height=${n.height * w} rx="1.5"></rect>`)}</svg>
      <div class="viewport" style=${styleMap({ left: `${v.left * w}px`, top: `${v.top * w}px`, width: `${v.width * w}px`, height: `${v.height * w}px` })} @pointerdown=${this.drag}></div>
    </div>`;
  }
}

customElements.define('lw-minimap', MinimapElement);

type MinimapData = { type: string; nodes: Rect[]; viewport: Rect; ratio: number; translate(dx: number, dy: number): void; point(x: number, y: number): void };

/** A lit-plugin render preset for the minimap plugin's `minimap` signal. */
export const minimapPreset = {
  update(context: { data: MinimapData }) {
    const { data } = context;
    if (data.type !== 'minimap') return undefined;
    return { nodes: data.nodes, viewport: data.viewport, ratio: data.ratio, onTranslate: data.translate, onPoint: data.point };
  },
  render(context: { data: MinimapData }) {
    const { data } = context;
    if (data.type !== 'minimap') return undefined;
    return html`<lw-minimap .nodes=${data.nodes} .viewport=${data.viewport} .ratio=${data.ratio} .onTranslate=${data.translate} .onPoint=${data.point}></lw-minimap>`;
  },
};

import { css, html, LitElement } from 'lit';

const SIZE = 28;
/** Pen radius in pixels of the 28×28 grid: MNIST strokes are about 2–3 pixels wide. */
const PEN = 1.4;

/**
 * `<lw-digit-pad>`: a 28×28 grey drawing surface for digit models, shown
 * large. The pen paints white on black like MNIST, with soft edges. Emits
 * `digit-drawn` (detail: the 784 values, 0–1, row-major) when a stroke ends.
 * `pixels` may be set from outside (a dataset sample) to start from.
 */
export class DigitPadElement extends LitElement {
  static override properties = {
    pixels: { attribute: false },
    label: { type: String },
  };
  declare pixels: Float32Array;
  declare label: string;
  private drawing = false;
  private last: [number, number] | undefined;

  constructor() {
    super();
    this.pixels = new Float32Array(SIZE * SIZE);
    this.label = '';
  }

  static override styles = css`
    :host {
      display: block;
      width: 168px;
      height: 168px;
    }
    canvas {
      width: 100%;
      height: 100%;
      display: block;
      background: #000;
      border-radius: 6px;
      cursor: crosshair;
      touch-action: none;
      image-rendering: pixelated;
    }
  `;

  /** Paints a soft dot of the pen at grid position (x, y). */
  private dab(x: number, y: number) {
    for (let row = Math.floor(y - PEN - 1); row <= Math.ceil(y + PEN + 1); row++) {
      for (let col = Math.floor(x - PEN - 1); col <= Math.ceil(x + PEN + 1); col++) {
        if (row < 0 || col < 0 || row >= SIZE || col >= SIZE) continue;
        const distance = Math.hypot(col + 0.5 - x, row + 0.5 - y);
        const ink = Math.max(0, Math.min(1, PEN + 0.5 - distance));
        this.pixels[row * SIZE + col] = Math.max(this.pixels[row * SIZE + col]!, ink);
      }
    }
  }

  private at(e: PointerEvent): [number, number] {
    const box = (e.target as HTMLCanvasElement).getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * SIZE, ((e.clientY - box.top) / box.height) * SIZE];
  }

  private stroke(e: PointerEvent) {
    const [x, y] = this.at(e);
    const [fromX, fromY] = this.last ?? [x, y];
    const steps = Math.max(1, Math.ceil(Math.hypot(x - fromX, y - fromY) / 0.5));
    for (let i = 1; i <= steps; i++) this.dab(fromX + ((x - fromX) * i) / steps, fromY + ((y - fromY) * i) / steps);
    this.last = [x, y];
    this.paint();
  }

  private down(e: PointerEvent) {
    (e.target as HTMLCanvasElement).setPointerCapture(e.pointerId);
    this.drawing = true;
    this.last = undefined;
    this.stroke(e);
  }

  private up() {
    if (!this.drawing) return;
    this.drawing = false;
    this.dispatchEvent(new CustomEvent('digit-drawn', { detail: Float32Array.from(this.pixels), bubbles: true, composed: true }));
  }

  clear() {
    this.pixels = new Float32Array(SIZE * SIZE);
  }

  private paint() {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas) return;
    const context = canvas.getContext('2d')!;
    const image = context.createImageData(SIZE, SIZE);
    this.pixels.forEach((v, i) => image.data.set([v * 255, v * 255, v * 255, 255], i * 4));
    context.putImageData(image, 0, 0);
  }

  protected override updated() {
    this.paint();
  }

  override render() {
    return html`<canvas
      width=${SIZE}
      height=${SIZE}
      aria-label=${this.label}
      data-testid="digit-pad"
      @pointerdown=${this.down}
      @pointermove=${(e: PointerEvent) => this.drawing && this.stroke(e)}
      @pointerup=${this.up}
      @pointercancel=${this.up}
    ></canvas>`;
  }
}

customElements.define('lw-digit-pad', DigitPadElement);

declare global {
  interface HTMLElementTagNameMap {
    'lw-digit-pad': DigitPadElement;
  }
}

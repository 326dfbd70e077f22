import { css, LitElement } from 'lit';

/** Blue (low) → white → red (high) for heat maps; grey ramps for feature maps. */
function heat(v: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, v));
  return t < 0.5 ? [Math.round(60 + 390 * t), Math.round(90 + 330 * t), 255] : [255, Math.round(255 - 400 * (t - 0.5)), Math.round(255 - 450 * (t - 0.5))];
}

/**
 * `<lw-value-image>`: a row-major `rows × cols` grid of numbers drawn one
 * pixel per value and scaled up without smoothing. `mode` 'grey' maps the
 * grid's own min…max onto black…white (a feature map); 'heat' maps 0…1 onto
 * a blue-to-red ramp (attention, saliency); `overlay` (0…1, same size) tints
 * a grey image red where it is high.
 */
export class ValueImageElement extends LitElement {
  static override properties = {
    values: { attribute: false },
    rows: { type: Number },
    cols: { type: Number },
    mode: { type: String },
    overlay: { attribute: false },
  };
  declare values: ArrayLike<number>;
  declare rows: number;
  declare cols: number;
  declare mode: 'grey' | 'heat';
  declare overlay: ArrayLike<number> | undefined;

  constructor() {
    super();
    this.values = [];
    this.rows = 0;
    this.cols = 0;
    this.mode = 'grey';
  }

  static override styles = css`
    :host {
      display: block;
    }
    canvas {
      display: block;
      width: 100%;
      height: 100%;
      image-rendering: pixelated;
    }
  `;

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    root.appendChild(document.createElement('canvas'));
    return root;
  }

  protected override updated() {
    const canvas = this.renderRoot.querySelector('canvas')!;
    const { rows, cols, values } = this;
    if (!rows || !cols) return;
    canvas.width = cols;
    canvas.height = rows;
    const context = canvas.getContext('2d')!;
    const image = context.createImageData(cols, rows);
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < rows * cols; i++) {
      low = Math.min(low, values[i]!);
      high = Math.max(high, values[i]!);
    }
    const span = high - low || 1;
    for (let i = 0; i < rows * cols; i++) {
      let rgb: [number, number, number];
      if (this.mode === 'heat') rgb = heat(values[i]!);
      else {
        const grey = Math.round((255 * (values[i]! - low)) / span);
        const tint = this.overlay ? this.overlay[i]! : 0;
        rgb = [Math.round(grey * (1 - tint) + 255 * tint), Math.round(grey * (1 - tint) + 40 * tint), Math.round(grey * (1 - tint) + 30 * tint)];
      }
      image.data.set([...rgb, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }
}

customElements.define('lw-value-image', ValueImageElement);

declare global {
  interface HTMLElementTagNameMap {
    'lw-value-image': ValueImageElement;
  }
}

import { css, html, LitElement, unsafeCSS } from 'lit';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css?inline';
import { getLocale, LocaleController, t } from '../i18n/locale';
import type { Curve } from './train-curves';

/** A theme colour, read from the page's tokens: uPlot draws on a canvas, which CSS variables do not reach. */
const token = (element: Element, name: string) => getComputedStyle(element).getPropertyValue(name).trim() || 'gray';
/** A #rrggbb colour at about half strength (the tokens are hex). */
const faded = (color: string) => (/^#[0-9a-f]{6}$/i.test(color) ? `${color}80` : color);

/**
 * `<lw-train-chart>`: one loss or metric over the batches trained, drawn by
 * uPlot (canvas, fast enough to redraw every frame): the per-batch value as
 * a thin line, each epoch's value and its validation twin as points.
 * `data-points` says how many batches it shows.
 */
export class TrainChartElement extends LitElement {
  static override properties = {
    curve: { attribute: false },
    version: { type: Number },
    theme: { type: String },
  };
  declare curve: Curve | undefined;
  /** Bumped by the owner whenever the curve (mutated in place) has new points. */
  declare version: number;
  declare theme: string;
  private plot: uPlot | undefined;
  /** The theme and language the chart was drawn in: its colours and legend are fixed at creation. */
  private drawnIn: string | undefined;
  private readonly resize = new ResizeObserver(() => this.plot?.setSize(this.size()));

  constructor() {
    super();
    new LocaleController(this);
    this.version = 0;
    this.theme = '';
  }

  static override styles = [
    unsafeCSS(uPlotStyles),
    css`
      :host {
        display: block;
      }
      h4 {
        margin: 0 0 2px;
        font-size: 12px;
        font-weight: 650;
        color: var(--lw-muted);
        font-family: var(--lw-mono);
      }
      .plot {
        width: 100%;
      }
      .u-legend {
        font-size: 11px;
        color: var(--lw-muted);
      }
      .u-legend .u-marker {
        width: 10px;
        height: 10px;
      }
    `,
  ];

  /** How many batches the chart shows (for tests and the accessible label). */
  get points(): number {
    return this.plot?.data[0]?.length ?? 0;
  }

  private look() {
    return `${this.theme} ${getLocale()}`;
  }

  private size() {
    const width = Math.max(200, this.renderRoot.querySelector('.plot')?.clientWidth ?? 300);
    return { width, height: 150 };
  }

  private data(): uPlot.AlignedData {
    const c = this.curve!;
    return [c.steps, c.batch, c.epoch, c.validation];
  }

  private create() {
    this.plot?.destroy();
    const host = this.renderRoot.querySelector<HTMLElement>('.plot')!;
    const accent = token(this, '--lw-accent');
    const validation = token(this, '--lw-warning');
    const text = token(this, '--lw-muted');
    const grid = token(this, '--lw-border');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '10px system-ui, sans-serif', size: 34 };
    this.plot = new uPlot(
      {
        ...this.size(),
        scales: { x: { time: false } },
        cursor: { drag: { x: false, y: false } },
        legend: { live: false },
        axes: [{ ...axis, label: undefined }, { ...axis, size: 46 }],
        series: [
          { label: t('train.chart.batch') },
          { label: t('train.chart.perBatch'), stroke: faded(accent), width: 1, points: { show: false } },
          { label: t('train.chart.train'), stroke: accent, width: 2, spanGaps: true, points: { show: true, size: 6, fill: accent } },
          { label: t('train.chart.validation'), stroke: validation, width: 2, spanGaps: true, dash: [5, 3], points: { show: true, size: 6, fill: validation } },
        ],
      },
      this.data(),
      host,
    );
    this.drawnIn = this.look();
    this.resize.observe(host);
  }

  protected override updated(): void {
    if (!this.curve) return;
    if (!this.plot || this.drawnIn !== this.look()) this.create();
    else this.plot.setData(this.data());
    this.dataset.points = String(this.points);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  override render() {
    return html`<h4>${this.curve?.name ?? ''}</h4>
      <div class="plot" role="img" aria-label=${`${this.curve?.name ?? ''}: ${this.curve?.steps.length ?? 0}`}></div>`;
  }
}

customElements.define('lw-train-chart', TrainChartElement);

declare global {
  interface HTMLElementTagNameMap {
    'lw-train-chart': TrainChartElement;
  }
}

import { css, html, LitElement, noChange, nothing, type TemplateResult } from 'lit';
import type { CheckResult } from '../../compiler/check';
import { checkDataset } from '../../runtime/check-dataset';
import type { Dataset, DatasetSamples } from '../../runtime/datasets';
import { trainingDataset } from '../../runtime/training-dataset';
import type { NodeActivation, PortValues } from '../runtime/activations';
import { LocaleController, t } from '../i18n/locale';
import type { InspectResult, InspectSample } from './inspect-run';
import { controlStyles } from './shared-styles';
import { icon } from './icons';
import './inspect-draw';
import './inspect-image';
import { userData } from './user-data-store';

/** How many samples the picker draws from the dataset. */
const PICKABLE = 64;
/** A person's own file may hold fewer samples than that. */
const pickable = (dataset: Dataset) => Math.min(PICKABLE, dataset.defaultSamples);
/** Feature maps shown per node; the rest are counted. */
const MAX_CHANNELS = 32;
/** Vectors up to this length get one labelled bar each; longer ones a column chart. */
const LABELLED_BARS = 20;
/** Wait this long after the last graph edit before running again. */
const DEBOUNCE_MS = 400;

type Phase = 'idle' | 'running' | 'done' | 'failed';
type Source = { kind: 'draw' } | { kind: 'dataset'; dataset: Dataset; inputs: string[] } | { kind: 'none'; reason: string };

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const percent = (p: number) => `${(100 * p).toFixed(p >= 0.995 || p < 0.001 ? 0 : 1)}%`;

/**
 * `<lw-inspect-panel>`: runs the model on one sample and shows what every
 * node outputs: feature maps as image grids, vectors as bars (softmax heads
 * with class names), sequences as heat maps, AttentionPooling's weights as a
 * strip over time, and gradient × input saliency over image inputs. The
 * sample is drawn by hand for a 28×28×1 digit model, else picked from the
 * graph's built-in dataset. Uses the Train tab's trained model when it is of
 * this graph, else fresh weights (and says so). Reruns, debounced, whenever
 * the graph changes while the tab is open.
 *
 * Events: `focus-node` (detail: `{ id }`) when a card is clicked.
 */
export class InspectPanelElement extends LitElement {
  static override properties = {
    check: { attribute: false },
    active: { type: Boolean },
    phase: { state: true },
    result: { state: true },
    failure: { state: true },
    sampleIndex: { state: true },
    showSaliency: { state: true },
    stale: { state: true },
  };
  declare check: CheckResult | undefined;
  /** Whether the tab shows: a hidden tab neither runs nor picks its sample's dataset on an edit; it does both when it shows. */
  declare active: boolean;
  declare phase: Phase;
  declare result: InspectResult | undefined;
  declare failure: string;
  declare sampleIndex: number;
  declare showSaliency: boolean;
  /** The graph changed since the cards were computed. */
  declare stale: boolean;
  private drawn: Float32Array | undefined;
  /** By dataset, not name: the person's own data may reuse a file name with other content. */
  private datasetSamples = new WeakMap<Dataset, Promise<DatasetSamples>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped per run, so that a slow run finishing late does not overwrite a newer one. */
  private runId = 0;

  constructor() {
    super();
    new LocaleController(this);
    this.active = false;
    this.phase = 'idle';
    this.failure = '';
    this.sampleIndex = 0;
    this.showSaliency = false;
    this.stale = false;
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        padding: 12px 14px 24px;
        /* The panel takes the column's width; its content never widens the column. */
        contain: inline-size;
      }
      .sample {
        display: flex;
        gap: 12px;
        align-items: flex-start;
        flex-wrap: wrap;
      }
      .sample-controls {
        display: flex;
        flex-direction: column;
        gap: 6px;
        flex: 1;
        min-width: 120px;
      }
      .hint,
      .status {
        font-size: 12px;
        color: var(--lw-muted);
        margin: 0;
      }
      .status {
        display: flex;
        align-items: center;
        gap: 6px;
        margin: 10px 0;
      }
      .status.warn {
        color: var(--lw-warning);
      }
      .status.error {
        color: var(--lw-error);
      }
      .spinner {
        width: 12px;
        height: 12px;
        border: 2px solid var(--lw-border-strong);
        border-top-color: var(--lw-accent);
        border-radius: 50%;
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      .preview {
        width: 112px;
        height: 112px;
        border-radius: 6px;
        overflow: hidden;
        flex: none;
      }
      .toggle {
        display: flex;
        align-items: center;
        gap: 6px;
        font-size: 12px;
      }
      input[type='range'] {
        width: 100%;
      }
      .cards {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .card {
        /* A long vector's columns scroll inside the card instead of widening the panel. */
        min-width: 0;
        border: 1px solid var(--lw-border);
        border-radius: 8px;
        padding: 8px 10px;
        background: var(--lw-panel-2);
        cursor: pointer;
      }
      .card:hover {
        border-color: var(--lw-accent);
      }
      .card header {
        display: flex;
        align-items: baseline;
        gap: 6px;
        margin-bottom: 6px;
      }
      .card .name {
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .card .kind,
      .card .shape,
      .more,
      .caption {
        font-size: 11px;
        color: var(--lw-muted);
      }
      .card .shape {
        margin-left: auto;
        font-family: var(--lw-mono, monospace);
        white-space: nowrap;
      }
      .maps {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(36px, 1fr));
        gap: 3px;
      }
      .maps lw-value-image {
        aspect-ratio: 1;
        border-radius: 2px;
        overflow: hidden;
      }
      .heatmap {
        width: 100%;
        height: 64px;
        border-radius: 3px;
        overflow: hidden;
      }
      .strip {
        width: 100%;
        height: 18px;
        border-radius: 3px;
        overflow: hidden;
      }
      .bars {
        display: grid;
        grid-template-columns: auto 1fr auto;
        gap: 2px 6px;
        align-items: center;
        font-size: 11px;
      }
      .bars .track {
        height: 10px;
        background: var(--lw-border);
        border-radius: 2px;
        position: relative;
        overflow: hidden;
      }
      .bars .fill {
        position: absolute;
        top: 0;
        bottom: 0;
        background: var(--lw-faint);
      }
      .bars .top .fill {
        background: var(--lw-accent);
      }
      .bars .top {
        font-weight: 700;
        color: var(--lw-accent);
      }
      .columns {
        display: flex;
        align-items: flex-end;
        height: 48px;
        gap: 1px;
        overflow-x: auto;
        overflow-y: hidden;
      }
      .columns span {
        flex: 1 0 2px;
        max-width: 12px;
        background: var(--lw-faint);
        min-height: 1px;
      }
      .columns span.negative {
        background: var(--lw-warning);
      }
      .prediction {
        font-size: 12px;
        margin-top: 4px;
      }
      .prediction b {
        color: var(--lw-accent);
      }
    `,
  ];

  // ——— which sample ———

  /** A single [28, 28, 1] image Input is a digit model: drawn by hand. Otherwise the graph's dataset, if one fits. */
  private get source(): Source {
    const check = this.check;
    if (!check?.ok) return { kind: 'none', reason: t('inspect.graphErrors') };
    const { graph } = check;
    if (graph.inputs.length === 1) {
      const shape = check.byId.get(graph.inputs[0]!)?.outputs[0]?.shape;
      if (shape && shape.length === 4 && shape[1] === 28 && shape[2] === 28 && shape[3] === 1) return { kind: 'draw' };
    }
    // The person's own data when the Train tab uses it, else the built-in dataset the Train tab picks.
    const dataset = userData.inUse ?? trainingDataset(check.document, check);
    const fit = dataset && checkDataset(check, dataset);
    if (dataset && fit?.ok) return { kind: 'dataset', dataset, inputs: fit.binding.inputs };
    return { kind: 'none', reason: t('inspect.noDataset') };
  }

  private samplesOf(dataset: Dataset): Promise<DatasetSamples> {
    let samples = this.datasetSamples.get(dataset);
    if (!samples) {
      samples = dataset.generate({ samples: PICKABLE, seed: 1 });
      this.datasetSamples.set(dataset, samples);
    }
    return samples;
  }

  /** The chosen sample for each model input, in the model's input order. */
  private async sampleFor(source: Source): Promise<InspectSample[] | undefined> {
    if (source.kind === 'draw') return this.drawn ? [{ data: this.drawn, shape: [28, 28, 1] }] : undefined;
    if (source.kind !== 'dataset') return undefined;
    const samples = await this.samplesOf(source.dataset);
    return source.inputs.map((name) => {
      const array = samples.inputs[name]!;
      const shape = array.shape.slice(1);
      const size = product(shape);
      const index = Math.min(this.sampleIndex, array.shape[0]! - 1);
      return { data: array.data.slice(index * size, (index + 1) * size), shape };
    });
  }

  /** The image input saliency is about: the first rank-3-per-sample input, if any. */
  private imageInput(samples: InspectSample[]): number | undefined {
    const index = samples.findIndex((s) => s.shape.length === 3);
    return index >= 0 ? index : undefined;
  }

  // ——— running ———

  protected override updated(changed: Map<string, unknown>) {
    if (changed.has('check') && this.result) this.stale = true;
    if ((changed.has('check') || changed.has('active')) && this.active) this.schedule();
    // A run still waiting when the tab is left would only redo when it shows again.
    if (changed.has('active') && !this.active) clearTimeout(this.timer);
  }

  private schedule(delay = DEBOUNCE_MS) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async run() {
    const check = this.check;
    const source = this.source;
    const id = ++this.runId;
    if (!check?.ok || source.kind === 'none') {
      this.result = undefined;
      this.phase = 'idle';
      return;
    }
    this.phase = 'running';
    try {
      const samples = await this.sampleFor(source);
      if (!samples) {
        this.phase = 'idle';
        this.result = undefined;
        return;
      }
      // Let the spinner paint before tfjs takes the main thread.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
      const { inspectSample } = await import('./inspect-run');
      const result = await inspectSample(check, samples, this.imageInput(samples));
      if (id !== this.runId) return;
      this.result = result;
      this.stale = check !== this.check;
      this.phase = 'done';
    } catch (error) {
      if (id !== this.runId) return;
      this.failure = error instanceof Error ? error.message : String(error);
      this.phase = 'failed';
    }
  }

  private onDrawn(e: CustomEvent<Float32Array>) {
    this.drawn = e.detail;
    this.schedule(0);
  }

  private clearDrawing() {
    this.renderRoot.querySelector('lw-digit-pad')?.clear();
    this.drawn = undefined;
    this.result = undefined;
    this.runId++;
    this.phase = 'idle';
  }

  private pick(index: number) {
    this.sampleIndex = Math.max(0, Math.min(PICKABLE - 1, index));
    this.schedule(0);
  }

  // ——— rendering ———

  private focusNode(id: string) {
    this.dispatchEvent(new CustomEvent('focus-node', { detail: { id }, bubbles: true, composed: true }));
  }

  /** Class names for a model output node, from the dataset's label sets (in output order). */
  private classNames(nodeId: string): string[] | undefined {
    const source = this.source;
    const index = this.check?.graph.outputs.findIndex((o) => o.node === nodeId) ?? -1;
    if (index < 0) return undefined;
    if (source.kind === 'draw') return Array.from({ length: 10 }, (_, d) => String(d));
    return source.kind === 'dataset' ? source.dataset.outputs[index]?.classes : undefined;
  }

  private isSoftmax(activation: NodeActivation): boolean {
    if (activation.type === 'Softmax') return true;
    const node = this.check?.graph.nodes.get(activation.id);
    return node?.params.ok === true && node.params.value.activation === 'softmax';
  }

  private featureMaps(output: PortValues) {
    const [, height, width, channels] = output.shape as [number, number, number, number];
    const shown = Math.min(channels, MAX_CHANNELS);
    const maps = Array.from({ length: shown }, (_, c) => {
      const values = new Float32Array(height * width);
      for (let i = 0; i < height * width; i++) values[i] = output.values[i * channels + c]!;
      return html`<lw-value-image .values=${values} rows=${height} cols=${width} mode="grey" title=${t('inspect.channel', { n: c })}></lw-value-image>`;
    });
    return html`<div class="maps" data-testid="feature-maps">${maps}</div>
      ${channels > shown ? html`<div class="more">${t('inspect.more', { n: channels - shown })}</div>` : nothing}`;
  }

  private bars(activation: NodeActivation, output: PortValues) {
    const values = [...output.values];
    const softmax = this.isSoftmax(activation);
    const names = softmax ? this.classNames(activation.id) : undefined;
    const top = values.indexOf(Math.max(...values));
    const prediction =
      softmax && values.length > 1
        ? html`<div class="prediction" data-testid="prediction">${t('inspect.predicted')} <b>${names?.[top] ?? top}</b> · ${percent(values[top]!)}</div>`
        : nothing;
    if (values.length > LABELLED_BARS) {
      const peak = Math.max(...values.map(Math.abs)) || 1;
      return html`<div class="columns" data-testid="bars" data-count=${values.length}>
          ${values.map((v) => html`<span class=${v < 0 ? 'negative' : ''} style="height:${(100 * Math.abs(v)) / peak}%" title=${v.toPrecision(3)}></span>`)}
        </div>
        ${prediction}`;
    }
    const low = Math.min(0, ...values);
    const high = Math.max(softmax ? 1 : 0, ...values);
    const span = high - low || 1;
    return html`<div class="bars" data-testid="bars" data-count=${values.length}>
        ${values.map((v, i) => {
          const from = (Math.min(0, v) - low) / span;
          const width = Math.abs(v) / span;
          return html`<span class=${i === top && softmax ? 'top' : ''}>${names?.[i] ?? i}</span>
            <span class="track ${i === top && softmax ? 'top' : ''}"><span class="fill" style="left:${100 * from}%;width:${100 * width}%"></span></span>
            <span class=${i === top && softmax ? 'top' : ''}>${softmax ? percent(v) : v.toPrecision(3)}</span>`;
        })}
      </div>
      ${prediction}`;
  }

  /** A sequence [1, t, f]: time across, features down. */
  private sequence(output: PortValues) {
    const [, steps, features] = output.shape as [number, number, number];
    const values = new Float32Array(steps * features);
    for (let s = 0; s < steps; s++) for (let f = 0; f < features; f++) values[f * steps + s] = output.values[s * features + f]!;
    return html`<lw-value-image class="heatmap" data-testid="sequence" .values=${values} rows=${features} cols=${steps} mode="grey"></lw-value-image>
      <div class="caption">${t('inspect.sequenceAxes', { steps, features })}</div>`;
  }

  private attention(weights: Float32Array) {
    // Even attention (1/T everywhere) is the middle of the ramp: blue is below it, red up to twice it and more.
    const scaled = weights.map((w) => (w * weights.length) / 2);
    const top = weights.indexOf(Math.max(...weights));
    return html`<lw-value-image class="strip" data-testid="attention-strip" .values=${scaled} rows="1" cols=${weights.length} mode="heat"></lw-value-image>
      <div class="caption">${t('inspect.attention', { steps: weights.length, top, weight: percent(weights[top]!) })}</div>`;
  }

  private portView(activation: NodeActivation, output: PortValues): TemplateResult {
    const rank = output.shape.length;
    if (rank === 4) return this.featureMaps(output);
    if (rank === 3) return this.sequence(output);
    if (rank === 2) return this.bars(activation, output);
    const values = [...output.values];
    return html`<div class="caption">${t('inspect.range', { min: Math.min(...values).toPrecision(3), max: Math.max(...values).toPrecision(3) })}</div>`;
  }

  private card(activation: NodeActivation) {
    const shapes = activation.outputs.map((o) => `[${o.shape.join(', ')}]`).join(' ');
    return html`<div
      class="card"
      role="button"
      tabindex="0"
      data-testid="inspect-card"
      data-node-id=${activation.id}
      title=${t('inspect.focus')}
      @click=${() => this.focusNode(activation.id)}
      @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && this.focusNode(activation.id)}
    >
      <header><span class="name">${activation.name}</span><span class="kind">${activation.type}</span><span class="shape">${shapes}</span></header>
      ${activation.attention ? this.attention(activation.attention) : nothing}
      ${activation.outputs.map((o) => this.portView(activation, o))}
    </div>`;
  }

  private saliencyView(input: NodeActivation | undefined) {
    const saliency = this.result?.saliency;
    if (this.result?.saliencyError) return html`<p class="status error" data-testid="saliency-error">${icon('error')}${this.result.saliencyError}</p>`;
    if (!saliency || !input) return nothing;
    const image = input.outputs[0]!;
    const [, height, width, channels] = image.shape as [number, number, number, number];
    // The image as grey (channel mean), tinted where the class's gradient × input is high.
    const grey = new Float32Array(height * width);
    for (let i = 0; i < height * width; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += image.values[i * channels + c]!;
      grey[i] = sum / channels;
    }
    const names = this.classNames(this.check?.graph.outputs[0]?.node ?? '');
    return html`<div>
      <lw-value-image class="preview" data-testid="saliency" .values=${grey} .overlay=${saliency.values} rows=${height} cols=${width} mode="grey"></lw-value-image>
      <div class="caption">${t('inspect.saliencyFor', { label: names?.[saliency.classIndex] ?? saliency.classIndex })}</div>
    </div>`;
  }

  private sampleArea(source: Source) {
    if (source.kind === 'none') return html`<p class="status warn" data-testid="inspect-unavailable">${icon('warning')}${source.reason}</p>`;
    const input = this.result?.activations.find((a) => a.type === 'Input' && a.outputs[0]!.shape.length === 4);
    const hasImage = source.kind === 'draw' || input !== undefined;
    const saliencyToggle = hasImage
      ? html`<label class="toggle"><input type="checkbox" data-testid="saliency-toggle" .checked=${this.showSaliency} @change=${(e: Event) => (this.showSaliency = (e.target as HTMLInputElement).checked)} />${t('inspect.saliency')}</label>`
      : nothing;
    if (source.kind === 'draw') {
      return html`<div class="sample">
        <lw-digit-pad label=${t('inspect.drawHint')} @digit-drawn=${this.onDrawn}></lw-digit-pad>
        <div class="sample-controls">
          <p class="hint">${t('inspect.drawHint')}</p>
          <button class="bordered" data-testid="clear-drawing" @click=${this.clearDrawing}>${icon('reset')}${t('inspect.clear')}</button>
          ${saliencyToggle} ${this.showSaliency ? this.saliencyView(input) : nothing}
        </div>
      </div>`;
    }
    return html`<div class="sample">
      ${input && this.showSaliency ? this.saliencyView(input) : nothing}
      <div class="sample-controls">
        <p class="hint">${t('inspect.sampleOf', { dataset: source.dataset.name, index: Math.min(this.sampleIndex, pickable(source.dataset) - 1) + 1, count: pickable(source.dataset) })}</p>
        <input type="range" min="0" max=${pickable(source.dataset) - 1} .value=${String(this.sampleIndex)} aria-label=${t('inspect.sample')} data-testid="sample-index" @change=${(e: Event) => this.pick(Number((e.target as HTMLInputElement).value))} />
        <button class="bordered" data-testid="random-sample" @click=${() => this.pick(Math.floor(Math.random() * pickable(source.dataset)))}>${t('inspect.random')}</button>
        ${saliencyToggle}
      </div>
    </div>`;
  }

  private statusLine() {
    if (this.phase === 'running') return html`<p class="status" data-testid="inspect-status"><span class="spinner"></span>${t('inspect.running')}</p>`;
    if (this.phase === 'failed') return html`<p class="status error" data-testid="inspect-status">${icon('error')}${this.failure}</p>`;
    if (!this.result) return nothing;
    return html`<p class="status ${this.result.trained ? '' : 'warn'}" data-testid="weights-status">
      ${this.result.trained ? html`${icon('ok')}${t('inspect.trained')}` : html`${icon('warning')}${t('inspect.untrained')}`}
      ${this.stale ? html` · ${t('inspect.stale')}` : nothing}
    </p>`;
  }

  override render() {
    // Hidden: the cards stay as they were (they rerun when the tab shows).
    if (!this.active) return noChange;
    const source = this.source;
    return html`${this.sampleArea(source)} ${this.statusLine()}
      ${this.result && source.kind !== 'none' ? html`<div class="cards">${this.result.activations.map((a) => this.card(a))}</div>` : nothing}`;
  }
}

customElements.define('lw-inspect-panel', InspectPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'lw-inspect-panel': InspectPanelElement;
  }
}

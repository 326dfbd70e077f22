import { css, html, LitElement, noChange, nothing } from 'lit';
import type { GraphDocument } from '../../schemas/graph';
import type { CheckResult } from '../../compiler/check';
import type { Fix } from '../../compiler/diagnostics';
import { checkDataset, type DatasetCheck } from '../../runtime/check-dataset';
import { DATASETS, type Dataset } from '../../runtime/datasets';
import { trainingDataset } from '../../runtime/training-dataset';
import type { BatchProgress } from '../../runtime/train';
import { defaultTraining, setTraining } from '../document/training';
import type { LayerwireEditor } from '../editor/layerwire-editor';
import { getLocale, LocaleController, t } from '../i18n/locale';
import { diagnosticText } from '../i18n/diagnostic-text';
import { BACKENDS, trainingBackends, type BackendChange, type BackendName } from '../runtime/train-backend';
import { carryPlanFor, graphFingerprint } from '../runtime/trained-weights';
import type { CarryPlan } from '../../runtime/carry-weights';
import { carryNotice } from './carry-notice';
import { controlStyles } from './shared-styles';
import { icon } from './icons';
import { TrainingCurves } from './train-curves';
import './train-chart';
import './user-data-panel';
import { userData } from './user-data-store';

/** The dataset select's value for the person's own data (no built-in dataset has a name with spaces). */
const USER_DATA = 'your data';

type Phase = 'idle' | 'preparing' | 'training' | 'done' | 'stopped' | 'failed';

const seconds = (s: number) => (!Number.isFinite(s) ? '…' : s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);
const rate = (perSecond: number) => (perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond)));

/**
 * `<lw-train-panel>`: trains the graph in the page on a built-in dataset,
 * with a progress bar and live charts of every loss and metric. The dataset
 * is the document's `training.dataset` (choosing another is an undoable
 * edit); samples, epochs, batch size, validation and backend are settings of
 * this run only. The trained weights stay in the page for the Code tab's
 * download and the next run; after an edit, the layers it left alone keep
 * theirs, and the tab says which were reset and why.
 *
 * Training runs in a Web Worker (runtime/train-session.ts), so the editor
 * keeps answering; the page's tfjs only holds the trained model.
 *
 * Events: `training-start` (detail: `{ weights }`, the weights training
 * starts from, by node report id), `training-end` (detail: `{ weights, model }`,
 * the weights it reached, and the trained model when it trained on the main thread),
 * `backend-change` (detail: the backend the page's own tfjs switched to,
 * when training runs on the main thread),
 * `apply-fix` (a dataset fix for the editor).
 */
export class TrainPanelElement extends LitElement {
  static override properties = {
    editor: { attribute: false },
    document: { attribute: false },
    check: { attribute: false },
    theme: { type: String },
    active: { type: Boolean },
    tfjsBackend: { type: String, attribute: 'tfjs-backend' },
    samples: { state: true },
    epochs: { state: true },
    batchSize: { state: true },
    validationPercent: { state: true },
    backend: { state: true },
    phase: { state: true },
    frame: { state: true },
    runningOn: { state: true },
    change: { state: true },
    failure: { state: true },
    carry: { state: true },
    inWorker: { attribute: false },
    inPageReason: { state: true },
  };
  declare editor: LayerwireEditor | undefined;
  declare document: GraphDocument | undefined;
  declare check: CheckResult | undefined;
  declare theme: string;
  /** Whether the tab shows: a hidden tab does nothing on an edit (no dataset check, no carry plan) and catches up when it shows; training goes on either way. */
  declare active: boolean;
  /** The backend tfjs runs on now, as the app shows it ('…' while it starts). */
  declare tfjsBackend: string;
  /** The number of samples asked for; undefined means the document's, else the dataset's default. */
  declare samples: number | undefined;
  declare epochs: number;
  declare batchSize: number;
  declare validationPercent: number;
  declare backend: BackendName;
  declare phase: Phase;
  /** Bumped once per animation frame while training reports, so the charts and bar redraw at most that often. */
  declare frame: number;
  declare runningOn: string;
  declare change: BackendChange | undefined;
  declare failure: string;
  /** Train in a Web Worker (true, the default) or on the page's main thread: for comparing the two. */
  declare inWorker: boolean;
  /** Why the last training ran on the main thread although a worker was asked for; '' when it did not. */
  declare inPageReason: string;
  /** Which trained weights the graph, edited since training, keeps and which it resets. */
  declare carry: CarryPlan | undefined;
  private curves = new TrainingCurves();
  private progress: BatchProgress | undefined;
  private seconds = 0;
  private stopper: AbortController | undefined;
  /** The graph the kept trained model was built from. */
  private trainedFingerprint: string | undefined;
  private framePending = false;
  private trainingPrepared = false;
  /** The latest graph that checked: the carry notice speaks of it while the graph has errors (no model to carry weights to). */
  private lastChecked: CheckResult | undefined;
  /** The graph the carry notice was worked out for. */
  private carriedFor: CheckResult | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.theme = '';
    this.active = false;
    this.tfjsBackend = '';
    this.epochs = 3;
    this.batchSize = 32;
    this.validationPercent = 10;
    this.backend = 'wasm';
    this.phase = 'idle';
    this.frame = 0;
    this.runningOn = '';
    this.failure = '';
    this.inWorker = true;
    this.inPageReason = '';
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        padding: 12px 14px 24px;
      }
      .grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px 10px;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 3px;
        font-size: 11.5px;
        font-weight: 600;
        color: var(--lw-muted);
      }
      label.wide,
      lw-user-data {
        grid-column: 1 / -1;
      }
      input,
      select {
        width: 100%;
      }
      .desc {
        font-size: 11.5px;
        color: var(--lw-faint);
        margin: 4px 0 0;
      }
      .note,
      .check {
        margin: 10px 0 0;
        padding: 7px 10px;
        border-radius: 8px;
        font-size: 12px;
      }
      .note {
        background: var(--lw-warning-soft);
        border: 1px solid color-mix(in srgb, var(--lw-warning) 45%, transparent);
      }
      .check.ok {
        color: var(--lw-ok);
        padding: 0;
        display: flex;
        gap: 6px;
        align-items: center;
      }
      .check.error {
        background: var(--lw-error-soft);
        border: 1px solid color-mix(in srgb, var(--lw-error) 35%, transparent);
        color: var(--lw-text);
      }
      .check.error + .check.error {
        margin-top: 6px;
      }
      .check button {
        margin-top: 6px;
        height: 26px;
        font-size: 12px;
      }
      .actions {
        display: flex;
        gap: 8px;
        margin: 14px 0 10px;
        align-items: center;
      }
      .running {
        margin-left: auto;
        font-size: 11.5px;
        color: var(--lw-faint);
      }
      .track {
        height: 8px;
        border-radius: 999px;
        background: var(--lw-panel-2);
        border: 1px solid var(--lw-border);
        overflow: hidden;
      }
      .fill {
        height: 100%;
        background: var(--lw-accent);
        transition: width 0.15s;
      }
      .figures {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        margin: 6px 0 0;
        font-size: 12px;
        color: var(--lw-muted);
        font-variant-numeric: tabular-nums;
      }
      .status {
        margin: 8px 0 0;
        font-size: 12.5px;
      }
      .status.failed {
        color: var(--lw-error);
      }
      .charts {
        display: grid;
        gap: 14px;
        margin-top: 16px;
      }
      .empty {
        margin-top: 16px;
        color: var(--lw-faint);
        font-size: 12px;
      }
    `,
  ];

  private readonly onUserData = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    userData.addEventListener('change', this.onUserData);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    userData.removeEventListener('change', this.onUserData);
  }

  /** The backend tfjs runs on: the one this panel's training switched to, else the app's. */
  private get activeBackend(): string {
    return this.runningOn || (this.tfjsBackend && this.tfjsBackend !== '…' && this.tfjsBackend !== 'unavailable' ? this.tfjsBackend : '');
  }

  private get training(): boolean {
    return this.phase === 'preparing' || this.phase === 'training';
  }

  /** The person's own data while chosen (undefined until a file is read), else the built-in one. */
  private get chosenDataset(): Dataset | undefined {
    return userData.active ? userData.dataset : this.builtInDataset;
  }

  /** The document's dataset, else the first built-in one that fits the model, else the first of the list (which then says why it does not fit). */
  private get builtInDataset(): Dataset {
    return trainingDataset(this.document, this.check) ?? DATASETS.values().next().value!;
  }

  private sampleCount(dataset: Dataset): number {
    const configured = this.document?.training?.dataset;
    return this.samples ?? (configured?.name === dataset.name ? configured.samples : undefined) ?? dataset.defaultSamples;
  }

  private fit(dataset: Dataset): DatasetCheck | undefined {
    return this.check?.ok ? checkDataset(this.check, dataset) : undefined;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('check') && this.check?.ok) this.lastChecked = this.check;
    if ((changed.has('check') || changed.has('active')) && this.active) this.followCarry();
  }

  protected override updated(): void {
    // The first time the tab shows, start the worker the first run trains in: loading it takes a while.
    if (this.active && this.inWorker && !this.trainingPrepared) {
      this.trainingPrepared = true;
      void import('../runtime/train-session').then((m) => m.prepareTraining());
    }
  }

  /**
   * After an edit of the trained graph: which layers keep their trained weights. Nothing
   * to say for the trained graph itself; a graph with errors keeps the answer for the
   * latest graph that checked. The answer depends on those two graphs alone, so a tab
   * hidden through many edits works it out once when it shows, and says the same.
   */
  private followCarry() {
    const check = this.check;
    if (this.trainedFingerprint === undefined || !check) return;
    const graph = check.ok || graphFingerprint(check.document) === this.trainedFingerprint ? check : this.lastChecked;
    if (!graph || graph === this.carriedFor) return;
    this.carriedFor = graph;
    this.carry = graphFingerprint(graph.document) === this.trainedFingerprint ? undefined : carryPlanFor(graph);
  }

  private chooseDataset(name: string) {
    this.samples = undefined;
    userData.set({ active: name === USER_DATA });
    if (name === USER_DATA) return;
    this.editor?.editModel((d) => setTraining(d, { ...(d.training ?? defaultTraining()), dataset: { name } }));
  }

  /** Redraws the bar and charts on the next frame, once however many batches report before it. */
  private repaint() {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      this.frame++;
    });
  }

  private emit(name: string, detail: unknown) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private async train() {
    const check = this.check;
    const dataset = this.chosenDataset;
    const fit = dataset && this.fit(dataset);
    if (!check || !dataset || !fit?.ok || this.training) return;
    const stopper = (this.stopper = new AbortController());
    this.curves = new TrainingCurves();
    this.progress = undefined;
    this.failure = '';
    this.inPageReason = '';
    this.carry = undefined;
    this.change = undefined;
    this.phase = 'preparing';
    const fingerprint = graphFingerprint(check.document);
    try {
      const { trainInPage } = await import('../runtime/train-session');
      const result = await trainInPage({
        check,
        dataset,
        binding: fit.binding,
        samples: Math.max(2, this.sampleCount(dataset)),
        epochs: this.epochs,
        batchSize: this.batchSize,
        validationSplit: this.validationPercent / 100,
        backend: this.backend,
        signal: stopper.signal,
        inWorker: this.inWorker,
        onBackend: (backend, change, inWorker) => {
          this.runningOn = backend;
          this.change = change;
          if (!inWorker) this.emit('backend-change', backend); // the page's own tfjs switched
        },
        onInPage: (reason) => (this.inPageReason = reason),
        onStart: (weights) => {
          this.phase = 'training';
          this.emit('training-start', { weights });
        },
        onBatch: (progress) => {
          this.progress = progress;
          this.curves.addBatch(progress.logs);
          this.repaint();
        },
        onEpoch: (progress) => {
          this.curves.addEpoch(progress.logs);
          this.repaint();
        },
      });
      this.seconds = result.seconds;
      this.phase = result.stopped ? 'stopped' : 'done';
      this.emit('training-end', { model: result.model, weights: result.weights });
      this.trainedFingerprint = fingerprint;
      this.carriedFor = undefined; // other weights now: the graph may also have changed while it trained
      this.followCarry();
    } catch (error) {
      this.failure = (error as Error).message;
      this.phase = 'failed';
    } finally {
      this.stopper = undefined;
      this.frame++;
    }
  }

  private number(label: string, value: number, min: number, max: number, set: (v: number) => void, testid: string) {
    return html`<label
      >${label}
      <input
        type="number"
        min=${min}
        max=${max}
        step="1"
        .value=${String(value)}
        ?disabled=${this.training}
        data-testid=${testid}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          const v = Math.round(Number(input.value));
          if (Number.isFinite(v) && v >= min && v <= max) set(v);
          else input.value = String(value);
        }}
    /></label>`;
  }

  private settings(dataset: Dataset | undefined) {
    const own = userData.dataset;
    return html`<div class="grid">
        <label class="wide"
          >${t('train.dataset')}
          <select data-testid="train-dataset" ?disabled=${this.training} @change=${(e: Event) => this.chooseDataset((e.target as HTMLSelectElement).value)}>
            ${[...DATASETS.values()].map((d) => html`<option value=${d.name} ?selected=${!userData.active && d.name === dataset?.name}>${d.name}</option>`)}
            <option value=${USER_DATA} ?selected=${userData.active}>${own ? t('userData.optionNamed', { name: own.name }) : t('userData.option')}</option>
          </select>
        </label>
        ${userData.active ? html`<lw-user-data class="wide" .inputShape=${this.firstInputShape} ?disabled=${this.training}></lw-user-data>` : nothing}
        ${dataset ? this.number(t('train.samples'), this.sampleCount(dataset), 2, 100_000, (v) => (this.samples = v), 'train-samples') : html`<label></label>`}
        ${this.number(t('train.epochs'), this.epochs, 1, 1000, (v) => (this.epochs = v), 'train-epochs')}
        ${this.number(t('train.batchSize'), this.batchSize, 1, 4096, (v) => (this.batchSize = v), 'train-batch-size')}
        ${this.number(t('train.validation'), this.validationPercent, 0, 50, (v) => (this.validationPercent = v), 'train-validation')}
        <label class="wide"
          >${t('train.backend')}
          <select data-testid="train-backend" ?disabled=${this.training} @change=${(e: Event) => (this.backend = (e.target as HTMLSelectElement).value as BackendName)}>
            ${BACKENDS.map((b) => html`<option value=${b} ?selected=${b === this.backend}>${b}</option>`)}
          </select>
        </label>
      </div>
      ${dataset ? html`<p class="desc">${getLocale() === 'zh-CN' ? dataset.descriptionZh : dataset.description}</p>` : nothing}
      ${this.backendNote()}`;
  }

  /** Why training runs, or will run, on another backend: said before training where it is known (convolutions on wasm). */
  private backendNote() {
    const expected = this.check?.ok ? trainingBackends(this.check, this.backend).conv : undefined;
    const change: BackendChange | undefined = this.change ?? (expected ? { reason: 'conv', wanted: this.backend, ...expected } : undefined);
    if (!change) return nothing;
    const backend = this.change ? this.runningOn : 'webgl';
    const text = change.reason === 'conv' ? t('train.fallback.conv', { type: change.type, layer: change.layer, backend }) : t('train.fallback.unavailable', { wanted: change.wanted, backend });
    return html`<div class="note" role="status" data-testid="backend-note">${text}</div>`;
  }

  /** The per-sample shape of the model's first Input: the person's images are resized to it. */
  private get firstInputShape() {
    const check = this.check;
    const input = check?.ok ? check.graph.inputs[0] : undefined;
    return input === undefined ? undefined : check!.byId.get(input)?.outputs[0]?.shape?.slice(1);
  }

  /** LW208 before training: the dataset must fit the model, else why not and the fix. */
  private datasetCheck(dataset: Dataset | undefined, fit: DatasetCheck | undefined) {
    if (!dataset) return html`<div class="check error" data-testid="dataset-check">${t('userData.choose')}</div>`;
    if (!fit) return html`<div class="check error" data-testid="dataset-check">${t('train.graphErrors')}</div>`;
    if (fit.ok) return html`<div class="check ok" data-testid="dataset-check">${icon('ok')}${t('train.fits')}</div>`;
    return fit.diagnostics.map((d) => {
      const text = diagnosticText(d);
      return html`<div class="check error" data-testid="dataset-check" data-code=${d.code}>
        <div>${text.message}</div>
        ${d.fix ? html`<button class="bordered" data-testid="dataset-fix" @click=${() => this.emit('apply-fix', d.fix as Fix)}>${icon('wrench')}${text.fixTitle ?? d.fix.title}</button>` : nothing}
      </div>`;
    });
  }

  private progressView() {
    const p = this.progress;
    if (this.phase === 'idle' || (!p && this.phase !== 'preparing')) return nothing;
    const done = this.phase === 'done' ? 1 : p ? ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches) : 0;
    const percent = Math.round(done * 100);
    return html`<div class="track" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent} data-testid="train-progress">
        <div class="fill" style="width: ${percent}%"></div>
      </div>
      <div class="figures" data-testid="train-figures">
        ${p
          ? html`<span>${t('train.progress', { epoch: p.epoch, epochs: p.epochs, batch: p.batch, batches: p.batches })}</span>
              <span>${t('train.rate', { rate: rate(p.samplesPerSecond) })}</span>
              ${this.training ? html`<span>${t('train.left', { time: seconds(p.secondsLeft) })}</span>` : nothing}
              ${p.logs.loss !== undefined ? html`<span>loss ${p.logs.loss.toFixed(4)}</span>` : nothing}`
          : html`<span>${t('train.preparing', { dataset: this.chosenDataset?.name ?? '' })}</span>`}
      </div>`;
  }

  private statusLine() {
    const p = this.progress;
    let text = '';
    if (this.phase === 'done') text = t('train.done', { time: seconds(this.seconds), backend: this.runningOn });
    else if (this.phase === 'stopped') text = t('train.stopped', { epoch: p?.epoch ?? 0, batch: p?.batch ?? 0 });
    else if (this.phase === 'failed') text = t('train.failed', { message: this.failure });
    const carried = this.carry ? html`<div class="note" data-testid="weights-carried">${carryNotice(this.carry)}</div>` : nothing;
    const inPage = this.inPageReason ? html`<div class="note" data-testid="train-in-page">${t('train.inPage', { reason: this.inPageReason })}</div>` : nothing;
    return html`${text ? html`<div class="status ${this.phase}" role="status" data-testid="train-status" data-phase=${this.phase}>${text}</div>` : nothing}${inPage}${carried}`;
  }

  override render() {
    // Hidden: nothing is checked or drawn; a run's progress and curves still collect (in train) and show when the tab does.
    if (!this.active) return noChange;
    void this.frame;
    const dataset = this.chosenDataset;
    const fit = dataset && this.fit(dataset);
    const curves = this.curves.curves;
    return html`${this.settings(dataset)} ${this.datasetCheck(dataset, fit)}
      <div class="actions">
        <button class="primary" data-testid="train" ?disabled=${this.training || !fit?.ok} @click=${() => void this.train()}>${icon('chevron')}${t('train.train')}</button>
        <button class="bordered" data-testid="stop" ?disabled=${!this.training} @click=${() => this.stopper?.abort()}>${icon('close')}${t('train.stop')}</button>
        ${this.activeBackend ? html`<span class="running" data-testid="train-backend-active">${t('train.active', { backend: this.activeBackend })}</span>` : nothing}
      </div>
      ${this.progressView()} ${this.statusLine()}
      ${curves.length
        ? html`<div class="charts">${curves.map((curve) => html`<lw-train-chart .curve=${curve} version=${this.frame} theme=${this.theme} data-curve=${curve.name}></lw-train-chart>`)}</div>`
        : html`<p class="empty">${t('train.empty')}</p>`}`;
  }
}

customElements.define('lw-train-panel', TrainPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'lw-train-panel': TrainPanelElement;
  }
}

import { css, html, LitElement, noChange, nothing } from 'lit';
import type { CheckResult, NodeReport } from '../../compiler/check';
import { MEGABYTE, weightBytes } from '../../compiler/cost';
import { formatShape } from '../../compiler/shapes';
import { formatBytes } from '../../compiler/summary';
import { DEFAULT_BUDGET, type Budget } from '../../schemas/budget';
import { setBudgetLimit } from '../document/budget';
import type { LayerwireEditor } from '../editor/layerwire-editor';
import type { CostOverlay } from '../editor/view-model';
import { formatCompact, formatCount, LocaleController, t } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages';
import type { ModelProfile, NodeProfile } from '../runtime/profile';
import { graphFingerprint } from '../runtime/trained-weights';
import { controlStyles } from './shared-styles';

/** What the canvas can be tinted by: two costs the checker knows, two the profile measures. */
type CostView = 'off' | 'time' | 'memory' | 'flops' | 'weights';
const COST_VIEWS: CostView[] = ['off', 'time', 'memory', 'flops', 'weights'];
const MEASURED: ReadonlySet<CostView> = new Set(['time', 'memory']);
/** What the table can be sorted by; `order` is execution order, as Keras prints it. */
type SortKey = 'order' | 'params' | 'flops' | 'time';
const BATCH_SIZES = [1, 8, 32];

/** The overlay's event: the app hands its detail to the editor. */
export type CostOverlayEvent = CustomEvent<CostOverlay | undefined>;

const formatMs = (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;

/**
 * Like Keras's model.summary(): one row per layer in execution order, then the totals;
 * with each layer's weight memory and FLOPs and its share of them, the budget the
 * checker holds the model to, and a profile measured on this device.
 */
export class SummaryPanelElement extends LitElement {
  static override properties = {
    check: { attribute: false },
    editor: { attribute: false },
    active: { type: Boolean },
    profile: { state: true },
    profiling: { state: true },
    profileError: { state: true },
    batch: { state: true },
    costView: { state: true },
    sortBy: { state: true },
  };
  declare check: CheckResult | undefined;
  declare editor: LayerwireEditor | undefined;
  /** Whether the tab shows: a hidden table is not rebuilt on every edit (a row per layer), only when it shows again. */
  declare active: boolean;
  declare profile: ModelProfile | undefined;
  declare profiling: boolean;
  declare profileError: string | undefined;
  declare batch: number;
  declare costView: CostView;
  declare sortBy: SortKey;
  /** The graph (without positions) the profile measured: any other graph makes it stale. */
  private profiledGraph: string | undefined;
  private sentOverlay = 'null';

  constructor() {
    super();
    new LocaleController(this);
    this.active = false;
    this.profiling = false;
    this.batch = 1;
    this.costView = 'off';
    this.sortBy = 'order';
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        padding: 10px 0 20px;
      }
      section {
        margin: 0 14px 12px;
        display: grid;
        gap: 6px;
      }
      h3 {
        margin: 4px 0 0;
        font-size: 11px;
        font-weight: 650;
        color: var(--lw-muted);
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
      .fields {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 8px;
      }
      .fields input {
        width: 100%;
      }
      label {
        display: grid;
        gap: 3px;
        font-size: 11.5px;
        color: var(--lw-muted);
      }
      .row {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
      }
      .note {
        font-size: 11.5px;
        color: var(--lw-faint);
      }
      .note.error {
        color: var(--lw-error);
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 12px;
      }
      th {
        position: sticky;
        top: 0;
        background: var(--lw-panel);
        text-align: left;
        font-size: 11px;
        font-weight: 600;
        color: var(--lw-muted);
        padding: 6px 4px;
        border-bottom: 1px solid var(--lw-border);
        white-space: nowrap;
      }
      th button {
        height: auto;
        padding: 0;
        font: inherit;
        color: inherit;
        border: none;
      }
      th button:hover:not(:disabled) {
        background: none;
        border: none;
        color: var(--lw-text);
      }
      th button[aria-pressed='true'] {
        color: var(--lw-accent);
      }
      td {
        padding: 6px 4px;
        border-bottom: 1px solid var(--lw-border);
        vertical-align: top;
      }
      th:first-child,
      td:first-child {
        padding-left: 14px;
      }
      th:last-child,
      td:last-child {
        padding-right: 14px;
      }
      .num {
        text-align: right;
        font-family: var(--lw-mono);
        font-size: 11px;
        white-space: nowrap;
      }
      .num .sub {
        color: var(--lw-muted);
        font-size: 10.5px;
      }
      .name {
        font-weight: 600;
        word-break: break-all;
      }
      .type {
        color: var(--lw-muted);
        font-size: 11px;
      }
      .shape {
        font-family: var(--lw-mono);
        font-size: 10.5px;
      }
      .bar {
        margin-top: 4px;
        height: 4px;
        border-radius: 2px;
        background: var(--lw-panel-2);
        overflow: hidden;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--lw-heat);
      }
      tr.clickable {
        cursor: pointer;
      }
      tr.clickable:hover td {
        background: var(--lw-panel-2);
      }
      .totals {
        margin: 14px 14px 0;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 4px 12px;
        font-size: 12.5px;
      }
      .totals .num {
        font-weight: 650;
      }
      .over {
        color: var(--lw-warning);
      }
    `,
  ];

  protected override willUpdate(changed: Map<string, unknown>): void {
    // A measured profile belongs to the graph it ran: an edit of layers or wires drops it, and its overlay with it.
    if (changed.has('check') && this.profile && (!this.check || graphFingerprint(this.check.document) !== this.profiledGraph)) {
      this.profile = undefined;
      this.profileError = undefined;
      if (MEASURED.has(this.costView)) this.costView = 'off';
      if (this.sortBy === 'time') this.sortBy = 'order';
    }
  }

  protected override updated(): void {
    const overlay = this.overlay();
    const key = overlay ? JSON.stringify([...overlay]) : 'null';
    if (key === this.sentOverlay) return;
    this.sentOverlay = key;
    this.dispatchEvent(new CustomEvent('cost-overlay', { detail: overlay, bubbles: true, composed: true }) satisfies CostOverlayEvent);
  }

  /** Each top-level node's cost as the canvas shows it, or undefined when the overlay is off or has nothing to show. */
  private overlay(): CostOverlay | undefined {
    if (!this.check || this.costView === 'off') return undefined;
    const measured = new Map(this.profile?.nodes.map((n) => [n.id, n]));
    const costs = new Map<string, number>();
    for (const report of this.topLevel()) {
      if (report.type === 'Input') continue; // data, not a layer: nothing to tint
      const cost = this.costOf(report, measured.get(report.id), this.costView);
      if (cost !== undefined) costs.set(report.id, cost);
    }
    const total = [...costs.values()].reduce((a, b) => a + b, 0);
    const max = Math.max(0, ...costs.values());
    if (total <= 0) return undefined;
    const format = this.costView === 'time' ? formatMs : this.costView === 'flops' ? (n: number) => `${formatCompact(n)} FLOPs` : formatBytes;
    return new Map([...costs].map(([id, cost]) => [id, { heat: cost / max, label: `${format(cost)} · ${Math.round((cost / total) * 100)}%` }]));
  }

  private costOf(report: NodeReport, measured: NodeProfile | undefined, view: CostView): number | undefined {
    switch (view) {
      case 'time':
        return measured?.ms;
      case 'memory':
        return measured?.outputBytes;
      case 'flops':
        return report.flops ?? undefined;
      case 'weights':
        return report.params === null ? undefined : weightBytes(report.params);
      case 'off':
        return undefined;
    }
  }

  private topLevel(): NodeReport[] {
    return this.check?.nodes.filter((r) => r.parent === undefined) ?? [];
  }

  /** Runs the profile on the active tfjs backend (started here if nothing started it yet). */
  private async runProfile() {
    const check = this.check;
    if (!check || this.profiling) return;
    this.profiling = true;
    this.profileError = undefined;
    try {
      const [{ initTfjs }, { profileModel }] = await Promise.all([import('../runtime/tfjs'), import('../runtime/profile')]);
      await initTfjs();
      const result = await profileModel(check, { batch: this.batch });
      // The graph may have changed while it ran: then what it measured is already stale.
      if (check !== this.check && graphFingerprint(check.document) !== graphFingerprint(this.check!.document)) return;
      if (!result.ok) {
        this.profileError = result.diagnostics.map((d) => d.message).join('; ');
        return;
      }
      this.profile = result.profile;
      this.profiledGraph = graphFingerprint(check.document);
      if (this.costView === 'off') this.costView = 'time';
    } catch (error) {
      this.profileError = error instanceof Error ? error.message : String(error);
    } finally {
      this.profiling = false;
    }
  }

  private setLimit(limit: keyof Budget, input: HTMLInputElement) {
    const text = input.value.trim();
    const value = text === '' ? undefined : Number(text);
    const applied = this.editor?.editModel((d) => setBudgetLimit(d, limit, value));
    // Refused (not a positive number) or unchanged: show what the document has.
    if (!applied) input.value = this.limitText(limit);
  }

  private limitText(limit: keyof Budget): string {
    const value = this.check?.document.budget?.[limit];
    return value === undefined ? '' : String(value);
  }

  private sortHeader(key: SortKey, label: string) {
    return html`<button
      data-sort=${key}
      aria-pressed=${this.sortBy === key}
      title=${t('summary.sortBy', { column: label })}
      @click=${() => (this.sortBy = this.sortBy === key ? 'order' : key)}
    >
      ${label}${this.sortBy === key ? ' ▾' : ''}
    </button>`;
  }

  override render() {
    // Hidden: the table stays as it was (the profile and the canvas overlay still follow each edit, in willUpdate and updated).
    if (!this.active) return noChange;
    const check = this.check;
    if (!check) return nothing;
    const { totals } = check;
    const budget = check.document.budget ?? DEFAULT_BUDGET;
    const profile = this.profile;
    const measured = new Map(profile?.nodes.map((n) => [n.id, n]));
    // The bar shows each row's share of what the table is sorted by; in execution order, of what the canvas shows (else weights).
    const sortedView: Record<SortKey, CostView> = { order: this.costView === 'off' ? 'weights' : this.costView, params: 'weights', flops: 'flops', time: 'time' };
    const barView = sortedView[this.sortBy];
    const rows = this.topLevel().map((report, index) => ({ report, index, measured: measured.get(report.id), bar: this.costOf(report, measured.get(report.id), barView) ?? 0 }));
    const barTotal = rows.reduce((n, r) => n + r.bar, 0);
    if (this.sortBy !== 'order') rows.sort((a, b) => b.bar - a.bar || a.index - b.index);
    const overWeights = totals.weightBytes > budget.weightMB * MEGABYTE;
    const overFlops = budget.megaflops !== undefined && totals.flops > budget.megaflops * 1e6;
    return html`<section data-testid="budget">
        <h3>${t('summary.budget')}</h3>
        <div class="fields">
          <label
            >${t('summary.budgetWeights')}
            <input
              type="number"
              min="0"
              step="any"
              data-testid="budget-weightMB"
              placeholder=${String(DEFAULT_BUDGET.weightMB)}
              .value=${this.limitText('weightMB')}
              @change=${(e: Event) => this.setLimit('weightMB', e.target as HTMLInputElement)}
          /></label>
          <label
            >${t('summary.budgetFlops')}
            <input
              type="number"
              min="0"
              step="any"
              data-testid="budget-megaflops"
              placeholder=${t('summary.noLimit')}
              .value=${this.limitText('megaflops')}
              @change=${(e: Event) => this.setLimit('megaflops', e.target as HTMLInputElement)}
          /></label>
        </div>
        <div class="note">${t('summary.budgetHelp')}</div>
      </section>
      <section data-testid="profile">
        <div class="row">
          <button class="bordered" data-testid="profile-run" title=${t('summary.profileHelp')} ?disabled=${this.profiling || !check.ok} @click=${() => void this.runProfile()}>
            ${this.profiling ? t('summary.profiling') : t('summary.profile')}
          </button>
          <label class="row"
            >${t('summary.batch')}
            <select data-testid="profile-batch" .value=${String(this.batch)} @change=${(e: Event) => (this.batch = Number((e.target as HTMLSelectElement).value))}>
              ${BATCH_SIZES.map((b) => html`<option value=${b} .selected=${b === this.batch}>${b}</option>`)}
            </select></label
          >
        </div>
        <label class="row"
          >${t('summary.overlay')}
          <select data-testid="cost-overlay" @change=${(e: Event) => (this.costView = (e.target as HTMLSelectElement).value as CostView)}>
            ${COST_VIEWS.map((view) => html`<option value=${view} .selected=${view === this.costView} ?disabled=${MEASURED.has(view) && !profile}>${t(`summary.overlay.${view}` as MessageKey)}</option>`)}
          </select></label
        >
        ${profile
          ? html`<div class="note" data-testid="profile-note">
              ${t('summary.profiled', { backend: profile.backend, batch: profile.batch, runs: profile.runs, ms: formatMs(profile.predictMs) })}
            </div>`
          : nothing}
        ${this.profileError ? html`<div class="note error" data-testid="profile-error">${t('summary.profileFailed', { reason: this.profileError })}</div>` : nothing}
      </section>
      <table data-testid="summary">
        <thead>
          <tr>
            <th>${this.sortHeader('order', t('summary.layer'))}</th>
            <th class="num">${this.sortHeader('params', t('summary.params'))}</th>
            <th class="num">${this.sortHeader('flops', 'FLOPs')}</th>
            ${profile ? html`<th class="num">${this.sortHeader('time', t('summary.measured'))}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ({ report: r, measured: m, bar }) => html`<tr
              class="clickable"
              data-node-id=${r.id}
              @click=${() => this.dispatchEvent(new CustomEvent('focus-node', { detail: { id: r.id }, bubbles: true, composed: true }))}
            >
              <td>
                <div class="name">${r.name}</div>
                <div class="type">${r.type}</div>
                <div class="type shape">${r.outputs.map((o) => (o.shape ? formatShape(o.shape) : '?')).join(', ')}</div>
                ${barTotal > 0 ? html`<div class="bar" title=${`${Math.round((bar / barTotal) * 100)}%`}><span style="width: ${(bar / barTotal) * 100}%"></span></div>` : nothing}
              </td>
              <td class="num" data-testid="row-params">
                <div>${formatCount(r.params)}</div>
                <div class="sub">${r.params === null ? '' : formatBytes(weightBytes(r.params))}</div>
              </td>
              <td class="num" data-testid="row-flops">
                <div>${formatCompact(r.flops)}</div>
                ${m && r.flops && m.ms > 0 ? html`<div class="sub" title="GFLOP/s">${((r.flops * profile!.batch) / m.ms / 1e6).toFixed(2)} G/s</div>` : nothing}
              </td>
              ${profile
                ? html`<td class="num" data-testid="row-measured">
                    ${m ? html`<div data-testid="row-ms">${formatMs(m.ms)}</div><div class="sub">${formatBytes(m.outputBytes)}</div>` : nothing}
                  </td>`
                : nothing}
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="totals" data-testid="summary-totals">
        <span>${t('summary.totalParams')}</span><span class="num">${formatCount(totals.params)}</span>
        <span>${t('summary.trainable')}</span><span class="num">${formatCount(totals.trainableParams)}</span>
        <span>${t('summary.nonTrainable')}</span><span class="num">${formatCount(totals.params - totals.trainableParams)}</span>
        <span>${t('summary.flops')}</span><span class="num ${overFlops ? 'over' : ''}">${formatCompact(totals.flops)}</span>
        <span>${t('summary.weights')}</span><span class="num ${overWeights ? 'over' : ''}" data-testid="total-weights">${formatBytes(totals.weightBytes)}</span>
      </div>`;
  }
}

customElements.define('lw-summary-panel', SummaryPanelElement);

import { css, html, LitElement, noChange, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import hljs from 'highlight.js/lib/core';
import typescript from 'highlight.js/lib/languages/typescript';
import type { CheckResult } from '../../compiler/check';
import { QUANTIZATION_DTYPES, type QuantizationDtype, type RefusedWeight } from '../../compiler/emit/quantize';
import { emitTypeScript } from '../../compiler/emit/typescript';
import { formatValidationChange } from '../../runtime/validation-change';
import type { NoValidation, ValidationChange } from '../runtime/export-model';
import { LocaleController, t, tn } from '../i18n/locale';
import { downloadText } from './download';
import { controlStyles } from './shared-styles';
import { icon } from './icons';

hljs.registerLanguage('typescript', typescript);

/**
 * The generated TypeScript, live, highlighted by highlight.js (which escapes
 * the source it is given), with copy and download; and the tfjs artifacts.
 */
export class CodePanelElement extends LitElement {
  static override properties = {
    check: { attribute: false },
    active: { type: Boolean },
    status: { state: true },
    quantize: { state: true },
    exported: { state: true },
  };
  declare check: CheckResult | undefined;
  /** Whether the tab shows: a hidden tab writes no TypeScript on an edit, only when it shows. */
  declare active: boolean;
  declare status: string;
  /** How the download stores weights: as trained (float32) or quantized. */
  declare quantize: QuantizationDtype | 'none';
  /** What the last download wrote, and how the quantized weights fare on validation data. */
  declare exported: ExportReport | undefined;
  private source = '';
  private highlighted = '';
  private stale = false;
  private errors = 0;
  private emittedFor: CheckResult | undefined;

  constructor() {
    super();
    new LocaleController(this);
    this.active = false;
    this.status = '';
    this.quantize = 'none';
    this.exported = undefined;
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        height: 100%;
        /* The code's longest line must not widen the tab: the bar and the report wrap, the code scrolls. */
        contain: inline-size;
      }
      .bar {
        display: flex;
        gap: 6px;
        padding: 10px 12px;
        border-bottom: 1px solid var(--lw-border);
        flex-wrap: wrap;
        align-items: center;
      }
      .status {
        margin-left: auto;
        font-size: 12px;
        color: var(--lw-ok);
      }
      .report {
        margin: 10px 12px 0;
        font-size: 12px;
        display: grid;
        gap: 2px;
      }
      .report .change {
        font-variant-numeric: tabular-nums;
      }
      .notice {
        margin: 10px 12px 0;
        padding: 8px 10px;
        border-radius: 8px;
        background: var(--lw-warning-soft);
        border: 1px solid color-mix(in srgb, var(--lw-warning) 45%, transparent);
        font-size: 12px;
      }
      pre {
        flex: 1;
        margin: 0;
        padding: 12px 14px 24px;
        background: var(--lw-code-bg);
        font: 12px/1.55 var(--lw-mono);
        tab-size: 2;
        user-select: text;
      }
      pre.stale {
        opacity: 0.5;
      }
      code {
        font: inherit;
        white-space: pre;
      }
      .hljs-keyword,
      .hljs-built_in {
        color: light-dark(#a626a4, #c678dd);
      }
      .hljs-string {
        color: light-dark(#50a14f, #98c379);
      }
      .hljs-number,
      .hljs-literal {
        color: light-dark(#986801, #d19a66);
      }
      .hljs-comment {
        color: light-dark(#8a919d, #7f8796);
        font-style: italic;
      }
      .hljs-title,
      .hljs-title.function_ {
        color: light-dark(#4078f2, #61afef);
      }
      .hljs-title.class_,
      .hljs-type {
        color: light-dark(#c18401, #e5c07b);
      }
      .hljs-attr,
      .hljs-property {
        color: light-dark(#e45649, #e06c75);
      }
      .hljs-params,
      .hljs-variable {
        color: inherit;
      }
    `,
  ];

  private emit() {
    const check = this.check;
    if (!check || check === this.emittedFor) return;
    this.emittedFor = check;
    const result = emitTypeScript(check);
    if (result.ok) {
      this.source = result.source;
      this.highlighted = hljs.highlight(result.source, { language: 'typescript' }).value;
      this.stale = false;
      this.errors = 0;
    } else {
      this.stale = this.source !== '';
      this.errors = check.diagnostics.filter((d) => d.severity === 'error').length || result.diagnostics.length;
    }
  }

  private fileName(ext: string) {
    const base = (this.check?.document.name || 'model').replace(/[^\w.-]+/g, '_');
    return `${base}${ext}`;
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.source);
      this.status = t('code.copied');
    } catch {
      this.status = t('code.copyFailed');
    }
    setTimeout(() => (this.status = ''), 2000);
  }

  private async downloadModel() {
    if (!this.check) return;
    this.status = t('code.building');
    this.exported = undefined;
    const dtype = this.quantize === 'none' ? undefined : this.quantize;
    const { downloadTfjsArtifacts } = await import('../runtime/export-model');
    const result = await downloadTfjsArtifacts(this.check, this.check.document.name || 'model', dtype);
    if (!result.ok) {
      this.status = 'refused' in result ? result.refused.map(refusal).join(' ') : result.message;
      return;
    }
    this.status = t('code.saved', { backend: result.backend });
    setTimeout(() => (this.status = ''), 4000);
    const report: ExportReport = { dtype, bytesBefore: result.bytesBefore, bytesAfter: result.bytesAfter, trained: result.trained, validation: result.validation ? 'pending' : undefined };
    this.exported = report;
    if (!result.validation) return;
    let validation: ExportReport['validation'];
    try {
      validation = await result.validation;
    } catch (error) {
      validation = { failed: (error as Error).message };
    }
    // A later download replaces this report; only the latest one is updated.
    if (this.exported === report) this.exported = { ...report, validation };
  }

  private renderReport() {
    const r = this.exported;
    if (!r) return nothing;
    const size = r.dtype
      ? t('code.sizeQuantized', { before: bytes(r.bytesBefore), after: bytes(r.bytesAfter), percent: ((100 * r.bytesAfter) / (r.bytesBefore || 1)).toFixed(1), dtype: r.dtype })
      : t('code.size', { bytes: bytes(r.bytesAfter) });
    const v = r.validation;
    let accuracy: unknown = nothing;
    if (r.dtype && !r.trained) accuracy = t('code.untrained');
    else if (v === 'pending') accuracy = t('code.evaluating');
    else if (v && 'reason' in v) accuracy = v.reason === 'no-dataset' ? t('code.noDataset') : t('code.ownDataUnfit', { dataset: v.dataset });
    else if (v && 'failed' in v) accuracy = t('code.evaluationFailed', { message: v.failed });
    else if (v) accuracy = html`<span class="change">${t(v.own ? 'code.validationOwn' : 'code.validation', { dataset: v.dataset, samples: v.samples })} ${formatValidationChange(v)}</span>`;
    return html`<div class="report" data-testid="export-report">
      <span data-testid="export-size">${size}</span>
      ${accuracy === nothing ? nothing : html`<span data-testid="export-validation">${accuracy}</span>`}
    </div>`;
  }

  override render() {
    // Hidden: the source is not written on each edit, only when the tab shows.
    if (!this.active) return noChange;
    this.emit();
    const broken = this.errors > 0;
    return html`<div class="bar">
        <button class="bordered" ?disabled=${!this.source || broken} @click=${this.copy} data-testid="copy-code">${icon('copy')}${t('code.copy')}</button>
        <button class="bordered" ?disabled=${!this.source || broken} @click=${() => downloadText(this.source, this.fileName('.ts'), 'text/typescript')}>${icon('download')}${t('code.downloadTs')}</button>
        <button class="bordered" ?disabled=${!this.check?.ok} @click=${this.downloadModel} data-testid="download-tfjs">${icon('download')}${t('code.downloadModel')}</button>
        <select aria-label=${t('code.weights')} title=${t('code.weights')} data-testid="quantize" @change=${(e: Event) => (this.quantize = (e.target as HTMLSelectElement).value as QuantizationDtype | 'none')}>
          ${(['none', ...QUANTIZATION_DTYPES] as const).map((d) => html`<option value=${d} ?selected=${this.quantize === d}>${t(`code.weights.${d}`)}</option>`)}
        </select>
        <span class="status" role="status">${this.status}</span>
      </div>
      ${this.renderReport()}
      ${broken ? html`<div class="notice">${tn('code.hasErrors', this.errors)}</div>` : nothing}
      <pre class="scroll ${this.stale || broken ? 'stale' : ''}" data-testid="code"><code class="hljs language-typescript">${unsafeHTML(this.highlighted)}</code></pre>`;
  }
}

interface ExportReport {
  dtype: QuantizationDtype | undefined;
  bytesBefore: number;
  bytesAfter: number;
  trained: boolean;
  validation: ValidationChange | NoValidation | 'pending' | { failed: string } | undefined;
}

const bytes = (n: number) => n.toLocaleString('en-US');

function refusal(r: RefusedWeight): string {
  return t(r.reason === 'not-finite' ? 'code.refused.notFinite' : 'code.refused.float16', { name: r.name, value: String(r.value) });
}

customElements.define('lw-code-panel', CodePanelElement);

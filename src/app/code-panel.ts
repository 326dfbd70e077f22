import { css, html, LitElement, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import hljs from 'highlight.js/lib/core';
import typescript from 'highlight.js/lib/languages/typescript';
import type { CheckResult } from '../../compiler/check';
import { emitTypeScript } from '../../compiler/emit/typescript';
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
  };
  declare check: CheckResult | undefined;
  declare active: boolean;
  declare status: string;
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
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        height: 100%;
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
    const { downloadTfjsArtifacts } = await import('../runtime/export-model');
    const result = await downloadTfjsArtifacts(this.check, this.check.document.name || 'model');
    this.status = result.ok ? t('code.saved', { backend: result.backend }) : result.message;
    setTimeout(() => (this.status = ''), 4000);
  }

  override render() {
    if (this.active) this.emit();
    const broken = this.errors > 0;
    return html`<div class="bar">
        <button class="bordered" ?disabled=${!this.source || broken} @click=${this.copy} data-testid="copy-code">${icon('copy')}${t('code.copy')}</button>
        <button class="bordered" ?disabled=${!this.source || broken} @click=${() => downloadText(this.source, this.fileName('.ts'), 'text/typescript')}>${icon('download')}${t('code.downloadTs')}</button>
        <button class="bordered" ?disabled=${!this.check?.ok} @click=${this.downloadModel} data-testid="download-tfjs">${icon('download')}${t('code.downloadModel')}</button>
        <span class="status" role="status">${this.status}</span>
      </div>
      ${broken ? html`<div class="notice">${tn('code.hasErrors', this.errors)}</div>` : nothing}
      <pre class="scroll ${this.stale || broken ? 'stale' : ''}" data-testid="code"><code class="hljs language-typescript">${unsafeHTML(this.highlighted)}</code></pre>`;
  }
}

customElements.define('lw-code-panel', CodePanelElement);

import { css, html, LitElement, nothing } from 'lit';
import type { GraphDocument } from '../../schemas/graph';
import type { Diagnostic } from '../../compiler/diagnostics';
import { LocaleController, t, tn } from '../i18n/locale';
import { diagnosticText } from '../i18n/diagnostic-text';
import { controlStyles, panelHostStyles } from './shared-styles';
import { icon } from './icons';

const names = new WeakMap<GraphDocument, Map<string, string>>();

/** Each named node's name by id, once per document (a search per diagnostic costs nodes × diagnostics on every edit). */
function namesOf(document: GraphDocument): Map<string, string> {
  let byId = names.get(document);
  if (!byId) {
    byId = new Map(document.nodes.flatMap((n) => (n.name === undefined ? [] : [[n.id, n.name] as const])));
    names.set(document, byId);
  }
  return byId;
}

/** Every diagnostic the checker reported; click one to focus its node, or apply its fix. */
export class DiagnosticsPanelElement extends LitElement {
  static override properties = {
    diagnostics: { attribute: false },
    document: { attribute: false },
    open: { type: Boolean, reflect: true },
  };
  declare diagnostics: Diagnostic[];
  declare document: GraphDocument | undefined;
  declare open: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.diagnostics = [];
    this.open = true;
  }

  static override styles = [
    controlStyles,
    panelHostStyles,
    css`
      :host {
        background: var(--lw-panel);
        border-top: 1px solid var(--lw-border);
      }
      .head {
        display: flex;
        align-items: center;
        gap: 10px;
        height: 36px;
        padding: 0 8px 0 12px;
        flex: none;
      }
      .head button.toggle {
        padding: 0 6px;
        gap: 8px;
        font-weight: 650;
      }
      .toggle .icon {
        transition: transform 120ms ease;
      }
      :host([open]) .toggle .icon {
        transform: rotate(90deg);
      }
      .count {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        font-size: 12px;
      }
      .count.error {
        color: var(--lw-error);
      }
      .count.warning {
        color: var(--lw-warning);
      }
      .count.ok {
        color: var(--lw-ok);
      }
      .count .icon {
        width: 15px;
        height: 15px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 0 6px;
        height: 84px;
      }
      .empty {
        height: 84px;
        display: grid;
        place-items: center;
        color: var(--lw-faint);
        border-top: 1px solid var(--lw-border);
      }
      li {
        display: flex;
        align-items: flex-start;
        gap: 8px;
        padding: 6px 12px;
        cursor: pointer;
        border-top: 1px solid var(--lw-border);
      }
      li:hover {
        background: var(--lw-panel-2);
      }
      li .icon {
        width: 16px;
        height: 16px;
        margin-top: 1px;
      }
      li.error .icon {
        color: var(--lw-error);
      }
      li.warning .icon {
        color: var(--lw-warning);
      }
      .body {
        flex: 1;
        min-width: 0;
      }
      .meta {
        font-size: 11px;
        color: var(--lw-muted);
        font-family: var(--lw-mono);
      }
      .message {
        user-select: text;
      }
      .fix {
        flex: none;
        height: 26px;
        font-size: 12px;
        border-color: var(--lw-border);
        background: var(--lw-panel);
      }
      .fix .icon {
        width: 14px;
        height: 14px;
        color: var(--lw-accent);
      }
    `,
  ];

  private nameOf(id: string | undefined): string {
    if (!id) return '';
    return (this.document && namesOf(this.document).get(id)) ?? id;
  }

  override render() {
    const errors = this.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = this.diagnostics.length - errors;
    return html`<div class="head">
        <button class="toggle" aria-expanded=${this.open} @click=${() => (this.open = !this.open)}>${icon('chevron')}${t('diagnostics.title')}</button>
        ${errors ? html`<span class="count error" data-testid="error-count">${icon('error')}${tn('diagnostics.errors', errors)}</span>` : nothing}
        ${warnings ? html`<span class="count warning">${icon('warning')}${tn('diagnostics.warnings', warnings)}</span>` : nothing}
        ${!errors && !warnings ? html`<span class="count ok">${icon('ok')}${t('diagnostics.none')}</span>` : nothing}
      </div>
      ${this.open && this.diagnostics.length === 0 ? html`<div class="empty" data-testid="diagnostics">${t('diagnostics.emptyHint')}</div>` : nothing}
      ${this.open && this.diagnostics.length > 0
        ? html`<ul class="scroll" data-testid="diagnostics">
            ${this.diagnostics.map((d) => [d, diagnosticText(d)] as const).map(
              ([d, text]) => html`<li
                class=${d.severity}
                data-code=${d.code}
                @click=${() => d.nodeId && this.dispatchEvent(new CustomEvent('focus-node', { detail: { id: d.nodeId }, bubbles: true, composed: true }))}
              >
                ${icon(d.severity === 'error' ? 'error' : 'warning')}
                <div class="body">
                  <div class="message">${text.message}</div>
                  <div class="meta">${d.code}${d.nodeId ? ` · ${this.nameOf(d.nodeId)}` : ''}${d.path ? ` · ${d.path}` : ''}</div>
                </div>
                ${d.fix
                  ? html`<button
                      class="fix"
                      data-testid="apply-fix"
                      title=${text.fixTitle ?? d.fix.title}
                      @click=${(e: Event) => {
                        e.stopPropagation();
                        this.dispatchEvent(new CustomEvent('apply-fix', { detail: d.fix, bubbles: true, composed: true }));
                      }}
                    >${icon('wrench')}${text.fixTitle ?? d.fix.title}</button>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}

customElements.define('lw-diagnostics-panel', DiagnosticsPanelElement);

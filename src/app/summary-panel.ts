import { css, html, LitElement, nothing } from 'lit';
import type { CheckResult } from '../../compiler/check';
import { formatShape } from '../../compiler/shapes';
import { formatCompact, formatCount, LocaleController, t } from '../i18n/locale';
import { controlStyles } from './shared-styles';

/** Like Keras's model.summary(): one row per layer in execution order, then the totals. */
export class SummaryPanelElement extends LitElement {
  static override properties = { check: { attribute: false } };
  declare check: CheckResult | undefined;

  constructor() {
    super();
    new LocaleController(this);
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        padding: 10px 0 20px;
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
        padding: 6px 8px;
        border-bottom: 1px solid var(--lw-border);
      }
      td {
        padding: 6px 8px;
        border-bottom: 1px solid var(--lw-border);
        vertical-align: top;
      }
      th:first-child,
      td:first-child {
        padding-left: 14px;
      }
      .num {
        text-align: right;
        font-family: var(--lw-mono);
        white-space: nowrap;
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
        white-space: nowrap;
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
    `,
  ];

  override render() {
    const check = this.check;
    if (!check) return nothing;
    const rows = check.nodes.filter((r) => r.parent === undefined);
    const { totals } = check;
    return html`<table data-testid="summary">
        <thead>
          <tr>
            <th>${t('summary.layer')}</th>
            <th>${t('summary.outputShape')}</th>
            <th class="num">${t('summary.params')}</th>
            <th class="num">FLOPs</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr class="clickable" @click=${() => this.dispatchEvent(new CustomEvent('focus-node', { detail: { id: r.id }, bubbles: true, composed: true }))}>
              <td><div class="name">${r.name}</div><div class="type">${r.type}</div></td>
              <td class="shape">${r.outputs.map((o) => html`<div>${o.shape ? formatShape(o.shape) : '?'}</div>`)}</td>
              <td class="num">${formatCount(r.params)}</td>
              <td class="num">${formatCompact(r.flops)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="totals" data-testid="summary-totals">
        <span>${t('summary.totalParams')}</span><span class="num">${formatCount(totals.params)}</span>
        <span>${t('summary.trainable')}</span><span class="num">${formatCount(totals.trainableParams)}</span>
        <span>${t('summary.nonTrainable')}</span><span class="num">${formatCount(totals.params - totals.trainableParams)}</span>
        <span>${t('summary.flops')}</span><span class="num">${formatCompact(totals.flops)}</span>
        <span>${t('summary.weights')}</span><span class="num">${formatCompact(totals.weightBytes)}B</span>
      </div>`;
  }
}

customElements.define('lw-summary-panel', SummaryPanelElement);

import { css, html, LitElement, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { DocumentError } from '../../schemas/parse';
import { checkGraph } from '../../compiler/check';
import { findLayer } from '../../compiler/layers/registry';
import { categoryColor } from '../theme/tokens';
import { formatCount, LocaleController, t } from '../i18n/locale';
import { diagnosticMessage } from '../i18n/diagnostic-text';
import { examples, type Example } from './examples';
import { downloadText } from './download';
import { controlStyles } from './shared-styles';
import { icon } from './icons';

const dialogStyles = css`
  dialog {
    padding: 0;
    border: 1px solid var(--lw-border-strong);
    border-radius: 14px;
    background: var(--lw-panel);
    color: var(--lw-text);
    box-shadow: 0 24px 64px rgba(0, 0, 0, 0.35);
    max-width: min(860px, calc(100vw - 48px));
    width: 100%;
  }
  dialog::backdrop {
    background: var(--lw-overlay);
  }
  header {
    display: flex;
    align-items: center;
    padding: 14px 14px 10px 20px;
    gap: 8px;
  }
  h2 {
    margin: 0;
    font-size: 16px;
  }
  header button {
    margin-left: auto;
  }
  .content {
    padding: 0 20px 20px;
    max-height: 70vh;
  }
`;

abstract class DialogElement extends LitElement {
  constructor() {
    super();
    new LocaleController(this);
  }
  static override styles = [controlStyles, dialogStyles];
  show() {
    void this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  }
  close() {
    this.renderRoot.querySelector('dialog')?.close();
  }
  protected header(title: string) {
    return html`<header><h2>${title}</h2><button class="icon-only" aria-label=${t('dialog.close')} title=${t('dialog.close')} @click=${() => this.close()}>${icon('close')}</button></header>`;
  }
}

/** The examples, as cards with their layers' colours; choosing one opens it. */
export class GalleryElement extends DialogElement {
  static override styles = [
    ...DialogElement.styles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
        gap: 12px;
      }
      .card {
        display: flex;
        flex-direction: column;
        align-items: stretch;
        gap: 6px;
        height: auto;
        padding: 14px;
        text-align: left;
        border: 1px solid var(--lw-border);
        border-radius: 12px;
        background: var(--lw-panel-2);
        white-space: normal;
      }
      .card:hover {
        border-color: var(--lw-accent) !important;
      }
      .name {
        font-weight: 700;
        font-size: 14px;
      }
      .desc {
        color: var(--lw-muted);
        font-size: 12px;
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .strip {
        display: flex;
        gap: 3px;
        flex-wrap: wrap;
      }
      .strip span {
        width: 14px;
        height: 6px;
        border-radius: 3px;
      }
      .meta {
        font-size: 11.5px;
        color: var(--lw-faint);
      }
    `,
  ];

  private card(example: Example) {
    const { document } = example;
    const params = checkGraph(document).totals.params;
    return html`<button class="card" data-file=${example.file} @click=${() => {
      this.close();
      this.dispatchEvent(new CustomEvent('open-example', { detail: example, bubbles: true, composed: true }));
    }}>
      <span class="name">${document.name}</span>
      <span class="strip">${document.nodes.map((n) => html`<span style=${styleMap({ background: categoryColor(findLayer(n.type)?.category) })}></span>`)}</span>
      <span class="desc">${document.description ?? ''}</span>
      <span class="meta">${t('gallery.meta', { layers: document.nodes.length, params: formatCount(params) })} · ${example.file}</span>
    </button>`;
  }

  override render() {
    return html`<dialog data-testid="gallery" @close=${() => this.dispatchEvent(new CustomEvent('closed'))}>
      ${this.header(t('gallery.title'))}
      <div class="content scroll"><div class="grid">${examples.map((e) => this.card(e))}</div></div>
    </dialog>`;
  }
}

const isMac = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

/** Every keyboard shortcut, in the current language. */
export class HelpElement extends DialogElement {
  static override styles = [
    ...DialogElement.styles,
    css`
      dialog {
        max-width: 560px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      td {
        padding: 6px 0;
        border-bottom: 1px solid var(--lw-border);
      }
      td:last-child {
        text-align: right;
      }
      kbd {
        display: inline-block;
        min-width: 22px;
        padding: 1px 6px;
        margin-left: 3px;
        border-radius: 5px;
        border: 1px solid var(--lw-border-strong);
        border-bottom-width: 2px;
        background: var(--lw-panel-2);
        font: 11.5px var(--lw-mono);
        text-align: center;
      }
      p {
        color: var(--lw-muted);
        margin: 14px 0 0;
        font-size: 12.5px;
      }
    `,
  ];

  override render() {
    const rows: [string, string[][]][] = [
      [t('help.add'), [['A'], ['/'], [t('help.doubleClick')]]],
      [t('help.undo'), [[mod, 'Z']]],
      [t('help.redo'), [[mod, 'Shift', 'Z'], [mod, 'Y']]],
      [t('help.copy'), [[mod, 'C']]],
      [t('help.cut'), [[mod, 'X']]],
      [t('help.paste'), [[mod, 'V']]],
      [t('help.duplicate'), [[mod, 'D']]],
      [t('help.delete'), [['Delete'], ['Backspace']]],
      [t('help.selectAll'), [[mod, 'A']]],
      [t('help.multiSelect'), [[mod, t('help.click')], ['Shift', t('help.click')]]],
      [t('help.boxSelect'), [['Shift', t('help.drag')], [mod, t('help.drag')]]],
      [t('help.moveSelection'), [[t('help.dragSelected')]]],
      [t('help.fit'), [['F']]],
      [t('help.arrange'), [['Shift', 'L']]],
      [t('help.group'), [[mod, 'G']]],
      [t('help.ungroup'), [[mod, 'Shift', 'G']]],
      [t('help.openBlock'), [[t('help.doubleClick')]]],
      [t('help.leaveBlock'), [['Esc']]],
      [t('help.save'), [[mod, 'S']]],
      [t('help.open'), [[mod, 'O']]],
      [t('help.help'), [['?']]],
    ];
    return html`<dialog data-testid="help">
      ${this.header(t('help.title'))}
      <div class="content">
        <table>
          ${rows.map(([label, combos]) => html`<tr><td>${label}</td><td>${combos.map((keys, i) => html`${i ? html` <span class="muted">/</span> ` : nothing}${keys.map((k) => html`<kbd>${k}</kbd>`)}`)}</td></tr>`)}
        </table>
        <p>${t('help.wiring')}</p>
      </div>
    </dialog>`;
  }
}

/**
 * An autosave the app could not read, and the storage key it was moved to
 * (undefined when there was no room to move it: then autosave is off until the
 * user lets it go, with `resume-autosave`).
 */
export interface UnreadableAutosave {
  text: string;
  kept: string | undefined;
}

/**
 * A file that could not be opened: every reason with its JSON path; the graph
 * on screen is untouched. Also an autosave that could not be read: where it
 * was kept, and the file to download.
 */
export class LoadErrorElement extends DialogElement {
  static override properties = { fileName: { attribute: false }, errors: { attribute: false }, unreadableAutosave: { attribute: false } };
  declare fileName: string;
  declare errors: DocumentError[];
  declare unreadableAutosave: UnreadableAutosave | undefined;

  constructor() {
    super();
    this.fileName = '';
    this.errors = [];
  }

  static override styles = [
    ...DialogElement.styles,
    css`
      dialog {
        max-width: 620px;
      }
      ul {
        margin: 8px 0 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 6px 0;
        border-bottom: 1px solid var(--lw-border);
        font-size: 12.5px;
      }
      code {
        font-family: var(--lw-mono);
        color: var(--lw-error);
        margin-right: 6px;
      }
      .kept {
        margin-top: 12px;
        color: var(--lw-ok);
      }
      .kept code {
        display: block;
        margin-top: 6px;
        color: inherit;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        gap: 8px;
        margin-top: 12px;
      }
    `,
  ];

  private autosaveNote(autosave: UnreadableAutosave) {
    const download = () => downloadText(autosave.text, 'autosave-unreadable.layerwire.json');
    const resume = () => {
      this.dispatchEvent(new CustomEvent('resume-autosave', { bubbles: true, composed: true }));
      this.close();
    };
    return html`<div class="kept" data-testid="autosave-kept">
        ${autosave.kept ? html`${t('autosave.kept')} <code>${autosave.kept}</code>` : t('autosave.notKept')}
      </div>
      <div class="actions">
        <button class="primary" data-testid="autosave-download" @click=${download}>${icon('save')}${t('autosave.download')}</button>
        ${autosave.kept ? nothing : html`<button data-testid="autosave-resume" @click=${resume}>${t('autosave.resume')}</button>`}
      </div>`;
  }

  override render() {
    return html`<dialog data-testid="load-error">
      ${this.header(t('load.failed', { file: this.fileName }))}
      <div class="content scroll">
        <ul>
          ${this.errors.slice(0, 50).map((e) => html`<li><code>${e.path}</code>${diagnosticMessage(e)}</li>`)}
        </ul>
        ${this.errors.length > 50 ? html`<p class="muted">${t('load.more', { count: this.errors.length - 50 })}</p>` : nothing}
        ${this.unreadableAutosave ? this.autosaveNote(this.unreadableAutosave) : html`<div class="kept">${t('load.kept')}</div>`}
      </div>
    </dialog>`;
  }
}

customElements.define('lw-gallery', GalleryElement);
customElements.define('lw-help', HelpElement);
customElements.define('lw-load-error', LoadErrorElement);

import { css, html, LitElement, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { findLayer } from '../../compiler/layers/registry';
import { categoryColor } from '../theme/tokens';
import { LocaleController, t } from '../i18n/locale';
import { categoryLabel } from '../i18n/categories';
import { helpMentions, layerHelp } from '../i18n/layer-text';

export interface SearchRequest {
  /** Where the list opens, in the editor's own pixel coordinates. */
  left: number;
  top: number;
  title: string;
  kinds: string[];
  pick: (kind: string) => void;
}

/** Matches a query against a kind, its category and its help, most relevant first. */
export function rankKinds(kinds: string[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return kinds;
  const scored: { kind: string; score: number }[] = [];
  for (const kind of kinds) {
    const definition = findLayer(kind);
    const name = kind.toLowerCase();
    let score = -1;
    if (name === q) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (name.includes(q)) score = 2;
    else if (definition && (definition.category.toLowerCase().includes(q) || categoryLabel(definition.category).toLowerCase().includes(q))) score = 3;
    else if (definition && helpMentions(kind, q)) score = 4;
    if (score >= 0) scored.push({ kind, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.kind);
}

/** Type-to-find list of layers: add at the cursor, or after a wire dropped on empty canvas. */
export class LayerSearchElement extends LitElement {
  static override properties = {
    request: { attribute: false },
    query: { state: true },
    active: { state: true },
  };
  declare request: SearchRequest | null;
  declare query: string;
  declare active: number;

  constructor() {
    super();
    new LocaleController(this);
    this.request = null;
    this.query = '';
    this.active = 0;
  }

  static override styles = css`
    .panel {
      position: absolute;
      z-index: 20;
      width: 280px;
      max-height: 360px;
      display: flex;
      flex-direction: column;
      background: var(--lw-panel);
      color: var(--lw-text);
      border: 1px solid var(--lw-border-strong);
      border-radius: 12px;
      box-shadow: 0 12px 36px rgba(0, 0, 0, 0.25);
      font: 13px var(--lw-font);
      overflow: hidden;
    }
    .title {
      padding: 8px 12px 4px;
      font-size: 11px;
      color: var(--lw-muted);
      font-family: var(--lw-font);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    input {
      margin: 4px 8px 6px;
      padding: 7px 10px;
      border-radius: 8px;
      border: 1px solid var(--lw-border);
      background: var(--lw-panel-2);
      color: var(--lw-text);
      font: inherit;
      outline: none;
    }
    input:focus {
      border-color: var(--lw-accent);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0 4px 6px;
      overflow: auto;
    }
    li {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 6px 8px;
      border-radius: 7px;
      cursor: pointer;
    }
    li.active {
      background: var(--lw-accent-soft);
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      flex: none;
    }
    .kind {
      font-weight: 600;
    }
    .cat {
      margin-left: auto;
      color: var(--lw-muted);
      font-size: 11px;
    }
    .empty {
      padding: 10px 12px 14px;
      color: var(--lw-muted);
    }
  `;

  private get results(): string[] {
    return this.request ? rankKinds(this.request.kinds, this.query) : [];
  }

  protected override updated(changed: Map<string, unknown>) {
    if (changed.has('request') && this.request) {
      this.query = '';
      this.active = 0;
      void this.updateComplete.then(() => this.renderRoot.querySelector('input')?.focus());
    }
    if (changed.has('active')) this.renderRoot.querySelector('li.active')?.scrollIntoView({ block: 'nearest' });
  }

  private close() {
    this.dispatchEvent(new CustomEvent('close'));
  }

  private choose(kind: string | undefined) {
    if (!kind || !this.request) return;
    const { pick } = this.request;
    this.close();
    pick(kind);
  }

  private onKey(event: KeyboardEvent) {
    event.stopPropagation();
    const results = this.results;
    if (event.key === 'ArrowDown') {
      this.active = Math.min(this.active + 1, results.length - 1);
      event.preventDefault();
    } else if (event.key === 'ArrowUp') {
      this.active = Math.max(this.active - 1, 0);
      event.preventDefault();
    } else if (event.key === 'Enter') {
      this.choose(results[this.active]);
      event.preventDefault();
    } else if (event.key === 'Escape') {
      this.close();
      event.preventDefault();
    }
  }

  override render() {
    const request = this.request;
    if (!request) return nothing;
    const results = this.results;
    return html`<div
      class="panel"
      role="dialog"
      aria-label=${request.title}
      data-testid="layer-search"
      style=${styleMap({ left: `${request.left}px`, top: `${request.top}px` })}
      @pointerdown=${(e: Event) => e.stopPropagation()}
      @wheel=${(e: Event) => e.stopPropagation()}
    >
      <div class="title">${request.title}</div>
      <input
        type="search"
        placeholder=${t('search.placeholder')}
        aria-label=${t('search.placeholder')}
        .value=${this.query}
        @input=${(e: Event) => {
          this.query = (e.target as HTMLInputElement).value;
          this.active = 0;
        }}
        @keydown=${this.onKey}
        @blur=${() => setTimeout(() => this.isConnected && !this.matches(':focus-within') && this.close(), 150)}
      />
      ${results.length === 0
        ? html`<div class="empty">${t('search.none')}</div>`
        : html`<ul role="listbox">
            ${results.map((kind, i) => {
              const definition = findLayer(kind);
              return html`<li
                role="option"
                class=${i === this.active ? 'active' : ''}
                aria-selected=${i === this.active}
                data-kind=${kind}
                title=${layerHelp(kind)}
                @pointerenter=${() => (this.active = i)}
                @click=${() => this.choose(kind)}
              >
                <span class="dot" style=${styleMap({ background: categoryColor(definition?.category) })}></span>
                <span class="kind">${kind}</span>
                <span class="cat">${definition ? categoryLabel(definition.category) : ''}</span>
              </li>`;
            })}
          </ul>`}
    </div>`;
  }
}

customElements.define('lw-layer-search', LayerSearchElement);

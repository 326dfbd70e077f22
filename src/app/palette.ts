import { css, html, LitElement, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { CATEGORIES } from '../../compiler/layers/definition';
import { layerDefinitions, layersInCategory } from '../../compiler/layers/registry';
import { categoryColor } from '../theme/tokens';
import { LocaleController, t } from '../i18n/locale';
import { categoryLabel } from '../i18n/categories';
import { layerHelp } from '../i18n/layer-text';
import { rankKinds } from '../editor/layer-search';
import { LAYER_DRAG_TYPE } from '../editor/layerwire-editor';
import { controlStyles, panelHostStyles } from './shared-styles';
import { icon } from './icons';

/** Every layer kind in the registry, grouped by category; click to add, or drag onto the canvas. */
export class PaletteElement extends LitElement {
  static override properties = {
    query: { state: true },
    collapsed: { state: true },
  };
  declare query: string;
  declare collapsed: Set<string>;

  constructor() {
    super();
    new LocaleController(this);
    this.query = '';
    this.collapsed = new Set();
  }

  static override styles = [
    controlStyles,
    panelHostStyles,
    css`
      :host {
        height: 100%;
      }
      .search {
        position: relative;
        margin: 12px 12px 8px;
      }
      .search .icon {
        position: absolute;
        left: 9px;
        top: 7px;
        color: var(--lw-faint);
      }
      .search input {
        width: 100%;
        padding-left: 32px;
        height: 32px;
      }
      .list {
        flex: 1;
        padding: 0 8px 16px;
      }
      .group {
        margin-top: 6px;
      }
      .group-head {
        width: 100%;
        height: 28px;
        padding: 0 6px;
        justify-content: flex-start;
        gap: 8px;
        border: none;
        font-size: 11px;
        font-weight: 700;
        letter-spacing: 0.05em;
        text-transform: uppercase;
        color: var(--lw-muted);
      }
      .group-head .icon {
        width: 14px;
        height: 14px;
        transition: transform 120ms ease;
        transform: rotate(90deg);
      }
      .group.collapsed .group-head .icon {
        transform: rotate(0deg);
      }
      .swatch {
        width: 8px;
        height: 8px;
        border-radius: 2px;
      }
      .count {
        margin-left: auto;
        font-weight: 500;
        color: var(--lw-faint);
      }
      .item {
        display: flex;
        align-items: center;
        gap: 8px;
        width: 100%;
        height: 30px;
        padding: 0 8px 0 10px;
        border-radius: 7px;
        border: 1px solid transparent;
        cursor: grab;
        text-align: left;
        justify-content: flex-start;
      }
      .item:hover {
        background: var(--lw-panel-2);
        border-color: var(--lw-border);
      }
      .item .bar {
        width: 3px;
        height: 16px;
        border-radius: 2px;
        flex: none;
      }
      .item .kind {
        font-weight: 550;
      }
      .empty {
        padding: 16px;
        color: var(--lw-muted);
        text-align: center;
      }
    `,
  ];

  private add(kind: string) {
    this.dispatchEvent(new CustomEvent('add-layer', { detail: { kind }, bubbles: true, composed: true }));
  }

  private toggle(category: string) {
    const next = new Set(this.collapsed);
    if (next.has(category)) next.delete(category);
    else next.add(category);
    this.collapsed = next;
  }

  private item(kind: string, category: string, help: string) {
    return html`<button
      class="item"
      draggable="true"
      title=${help}
      data-kind=${kind}
      @click=${() => this.add(kind)}
      @dragstart=${(e: DragEvent) => {
        e.dataTransfer?.setData(LAYER_DRAG_TYPE, kind);
        e.dataTransfer?.setData('text/plain', kind);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <span class="bar" style=${styleMap({ background: categoryColor(category) })}></span>
      <span class="kind">${kind}</span>
    </button>`;
  }

  override render() {
    const searching = this.query.trim() !== '';
    const matches = searching ? new Set(rankKinds(layerDefinitions.map((d) => d.kind), this.query)) : undefined;
    const groups = CATEGORIES.map((category) => ({ category, layers: layersInCategory(category).filter((d) => !matches || matches.has(d.kind)) })).filter((g) => g.layers.length > 0);
    return html`<div class="search">
        ${icon('search')}
        <input type="search" placeholder=${t('palette.search')} aria-label=${t('palette.search')} .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      </div>
      <div class="list scroll" data-testid="palette">
        ${groups.length === 0 ? html`<div class="empty">${t('search.none')}</div>` : nothing}
        ${groups.map(({ category, layers }) => {
          const collapsed = !searching && this.collapsed.has(category);
          return html`<section class="group ${collapsed ? 'collapsed' : ''}" data-category=${category}>
            <button class="group-head" aria-expanded=${!collapsed} @click=${() => this.toggle(category)}>
              ${icon('chevron')}<span class="swatch" style=${styleMap({ background: categoryColor(category) })}></span>${categoryLabel(category)}
              <span class="count">${layers.length}</span>
            </button>
            ${collapsed ? nothing : layers.map((d) => this.item(d.kind, d.category, layerHelp(d.kind)))}
          </section>`;
        })}
      </div>`;
  }
}

customElements.define('lw-palette', PaletteElement);

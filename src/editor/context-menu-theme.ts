import { css, type CSSResult } from 'lit';

/**
 * The official context-menu preset of @retejs/lit-plugin draws its own fixed
 * colours; these sheets, added to its elements' styles, make it read our
 * theme tokens instead. And it opens at the pointer even near the window's
 * edge, so it is moved back inside once it has a size.
 */
const themeOverrides: Record<string, CSSResult> = {
  'rete-context-menu': css`
    .menu {
      width: auto !important;
      min-width: 180px;
      padding: 4px !important;
      margin: 0 !important;
      background: var(--lw-panel);
      border: 1px solid var(--lw-border);
      border-radius: 10px;
      box-shadow: 0 8px 28px rgba(0, 0, 0, 0.22);
      font: 13px var(--lw-font);
    }
  `,
  'rete-context-menu-item': css`
    :host {
      color: var(--lw-text) !important;
      background: transparent !important;
      border: none !important;
      border-radius: 6px !important;
      padding: 0 !important;
    }
    :host(:hover) {
      background: var(--lw-accent-soft) !important;
    }
    .content {
      padding: 6px 10px !important;
      white-space: nowrap;
    }
    .subitems {
      background: var(--lw-panel);
      border: 1px solid var(--lw-border);
      border-radius: 10px;
      padding: 4px;
      width: auto !important;
      min-width: 180px;
      box-shadow: 0 8px 28px rgba(0, 0, 0, 0.22);
      max-height: 60vh;
      overflow: auto;
    }
  `,
  'rete-context-menu-block': css`
    :host {
      background: transparent !important;
      border: none !important;
      padding: 2px !important;
    }
  `,
  'rete-context-menu-search': css`
    .search {
      width: 100%;
      box-sizing: border-box;
      background: var(--lw-panel-2) !important;
      color: var(--lw-text) !important;
      border: 1px solid var(--lw-border) !important;
      border-radius: 6px !important;
      padding: 6px 8px !important;
      font: 13px var(--lw-font);
    }
  `,
};

let themed = false;
/** Gives the official context-menu preset our colours: their shadow styles gain a sheet that reads our tokens. */
export function themeContextMenu() {
  if (themed) return;
  themed = true;
  for (const [tag, sheet] of Object.entries(themeOverrides)) {
    const element = customElements.get(tag) as unknown as { elementStyles?: unknown[] } | undefined;
    element?.elementStyles?.push(sheet);
  }
}

/** The context menu opens at the pointer; near the window's edge, move it back inside once it has a size. */
export function keepInViewport(element: HTMLElement) {
  requestAnimationFrame(() => {
    const box = (element.firstElementChild?.firstElementChild ?? element).getBoundingClientRect();
    const left = parseFloat(element.style.left);
    const top = parseFloat(element.style.top);
    if (box.bottom > innerHeight - 8) element.style.top = `${Math.max(8, top - (box.bottom - innerHeight + 8))}px`;
    if (box.right > innerWidth - 8) element.style.left = `${Math.max(8, left - (box.right - innerWidth + 8))}px`;
  });
}

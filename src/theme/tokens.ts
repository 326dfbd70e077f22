import { css, unsafeCSS } from 'lit';
import { CATEGORIES, type Category } from '../../compiler/layers/definition';

/**
 * Colour tokens for both themes. A host follows prefers-color-scheme unless
 * its `theme` attribute says `light` or `dark`; custom properties then flow
 * into every shadow root below it.
 */
const light = css`
  --lw-bg: #f4f5f8;
  --lw-panel: #ffffff;
  --lw-panel-2: #f8f9fb;
  --lw-border: #e2e5eb;
  --lw-border-strong: #c9ced8;
  --lw-text: #1b2130;
  --lw-muted: #5f6b7e;
  --lw-faint: #737d90;
  --lw-accent: #4460e6;
  --lw-accent-soft: #e7ebff;
  --lw-accent-text: #ffffff;
  --lw-error: #d42a1c;
  --lw-error-soft: #fdecea;
  --lw-warning: #b85b00;
  --lw-warning-soft: #fff3e0;
  /* The cost overlay's heat and the text on it. */
  --lw-heat: #c2410c;
  --lw-heat-text: #ffffff;
  --lw-ok: #0f8a55;
  --lw-canvas: #eef0f4;
  --lw-grid: #d6dae2;
  --lw-node: #ffffff;
  --lw-node-shadow: 0 1px 2px rgba(16, 24, 40, 0.08), 0 2px 8px rgba(16, 24, 40, 0.06);
  --lw-wire: #8a94a8;
  --lw-wire-label: #ffffff;
  --lw-code-bg: #fafbfc;
  --lw-selection: #4460e6;
  --lw-overlay: rgba(20, 24, 33, 0.35);
  --lw-tint: 12%;
  color-scheme: light;
`;

const dark = css`
  --lw-bg: #14161b;
  --lw-panel: #1c1f26;
  --lw-panel-2: #20242c;
  --lw-border: #2c313b;
  --lw-border-strong: #3b4250;
  --lw-text: #e5e8ef;
  --lw-muted: #a0a9b8;
  --lw-faint: #858e9e;
  --lw-accent: #7d93ff;
  --lw-accent-soft: #262d4d;
  --lw-accent-text: #0e1222;
  --lw-error: #ff6b5e;
  --lw-error-soft: #3a1f1d;
  --lw-warning: #f5a524;
  --lw-warning-soft: #3a2c15;
  --lw-heat: #fb923c;
  --lw-heat-text: #1a0d05;
  --lw-ok: #3ccf8e;
  --lw-canvas: #111318;
  --lw-grid: #252a33;
  --lw-node: #222631;
  --lw-node-shadow: 0 1px 2px rgba(0, 0, 0, 0.4), 0 4px 14px rgba(0, 0, 0, 0.3);
  --lw-wire: #7d879b;
  --lw-wire-label: #1c1f26;
  --lw-code-bg: #171a20;
  --lw-selection: #8da0ff;
  --lw-overlay: rgba(0, 0, 0, 0.5);
  --lw-tint: 22%;
  color-scheme: dark;
`;

/** One hue per palette category; the registry's category list is the key. */
const CATEGORY_COLORS: Record<Category, string> = {
  Input: '#0d9488',
  Core: '#2563eb',
  Convolution: '#7c3aed',
  Pooling: '#4f46e5',
  Recurrent: '#ea580c',
  Attention: '#db2777',
  Merge: '#ca8a04',
  Normalization: '#0891b2',
  Regularization: '#64748b',
  Activation: '#16a34a',
  Reshape: '#e11d48',
  Blocks: '#a16207',
};

export function categoryColor(category: string | undefined): string {
  return (category && CATEGORY_COLORS[category as Category]) || '#6b7280';
}

const categoryVars = unsafeCSS(CATEGORIES.map((c) => `--lw-cat-${c}: ${CATEGORY_COLORS[c]};`).join('\n'));

export const themeTokens = css`
  :host {
    ${light}
    ${categoryVars}
    --lw-font: ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif;
    --lw-mono: ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, 'Liberation Mono', monospace;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
`;

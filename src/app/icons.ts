import { svg, html, type TemplateResult } from 'lit';

/** Line icons, 20×20, drawn with currentColor. */
const paths: Record<string, TemplateResult> = {
  new: svg`<path d="M6 2.75h5.5L15.25 6.5v10.75H6z"/><path d="M11.25 2.75V6.75h4"/><path d="M10.5 10v5M8 12.5h5"/>`,
  open: svg`<path d="M2.75 5.25v10h12l2.5-6.5H6.5l-2 5"/><path d="M2.75 5.25V3.75h5l1.5 1.5h5.5v3"/>`,
  save: svg`<path d="M10 3v9M6.5 8.75 10 12.25l3.5-3.5"/><path d="M3.75 13.5v3h12.5v-3"/>`,
  gallery: svg`<rect x="3" y="3" width="6" height="6" rx="1.2"/><rect x="11" y="3" width="6" height="6" rx="1.2"/><rect x="3" y="11" width="6" height="6" rx="1.2"/><rect x="11" y="11" width="6" height="6" rx="1.2"/>`,
  share: svg`<path d="M8.5 11.5l3-3"/><path d="M7 9.5 5.25 11.25a2.5 2.5 0 0 0 3.5 3.5L10.5 13"/><path d="M13 10.5l1.75-1.75a2.5 2.5 0 0 0-3.5-3.5L9.5 7"/>`,
  undo: svg`<path d="M7.5 5.5 4 9l3.5 3.5"/><path d="M4.5 9h7.25a4.25 4.25 0 0 1 0 8.5H9"/>`,
  redo: svg`<path d="M12.5 5.5 16 9l-3.5 3.5"/><path d="M15.5 9H8.25a4.25 4.25 0 0 0 0 8.5H11"/>`,
  arrange: svg`<rect x="2.75" y="4" width="4.5" height="4" rx="1"/><rect x="12.75" y="2.75" width="4.5" height="4" rx="1"/><rect x="12.75" y="13.25" width="4.5" height="4" rx="1"/><path d="M7.25 6h2.5v9.25h3M9.75 4.75h3"/>`,
  fit: svg`<path d="M3 7.5V3h4.5M12.5 3H17v4.5M17 12.5V17h-4.5M7.5 17H3v-4.5"/><rect x="7" y="7" width="6" height="6" rx="1"/>`,
  lock: svg`<rect x="4.5" y="9" width="11" height="8" rx="1.5"/><path d="M7 9V6.5a3 3 0 0 1 6 0V9"/>`,
  unlock: svg`<rect x="4.5" y="9" width="11" height="8" rx="1.5"/><path d="M7 9V6.5a3 3 0 0 1 5.8-1"/>`,
  sun: svg`<circle cx="10" cy="10" r="3.25"/><path d="M10 2.5v1.75M10 15.75v1.75M2.5 10h1.75M15.75 10h1.75M4.7 4.7l1.25 1.25M14.05 14.05l1.25 1.25M4.7 15.3l1.25-1.25M14.05 5.95l1.25-1.25"/>`,
  moon: svg`<path d="M15.5 12.25A6.25 6.25 0 0 1 7.75 4.5a6.25 6.25 0 1 0 7.75 7.75z"/>`,
  help: svg`<circle cx="10" cy="10" r="7.25"/><path d="M7.9 7.75a2.15 2.15 0 1 1 3 2c-.6.3-.9.7-.9 1.35v.4"/><path d="M10 14.25v.25"/>`,
  copy: svg`<rect x="6.75" y="6.75" width="10" height="10" rx="1.5"/><path d="M13.25 6.75V4.5a1.25 1.25 0 0 0-1.25-1.25H4.5A1.25 1.25 0 0 0 3.25 4.5V12a1.25 1.25 0 0 0 1.25 1.25h2.25"/>`,
  download: svg`<path d="M10 3v9M6.5 8.75 10 12.25l3.5-3.5"/><path d="M3.75 13.5v3h12.5v-3"/>`,
  search: svg`<circle cx="8.75" cy="8.75" r="5"/><path d="m12.5 12.5 4 4"/>`,
  error: svg`<circle cx="10" cy="10" r="7.25"/><path d="M10 6v4.75M10 13.5v.25"/>`,
  warning: svg`<path d="M10 3 17.5 16.25h-15z"/><path d="M10 8v4M10 14.25v.25"/>`,
  ok: svg`<circle cx="10" cy="10" r="7.25"/><path d="m6.75 10.25 2.25 2.25 4.25-4.5"/>`,
  wrench: svg`<path d="M12.5 3.25a3.75 3.75 0 0 0-3.4 5.3L3.5 14.15a1.5 1.5 0 0 0 2.1 2.1l5.6-5.6a3.75 3.75 0 0 0 5.3-3.4l-2.2 2.2-2.1-.55-.55-2.1z"/>`,
  chevron: svg`<path d="m7.5 5 5 5-5 5"/>`,
  close: svg`<path d="m5 5 10 10M15 5 5 15"/>`,
  trash: svg`<path d="M4 6h12M8 6V4h4v2M5.5 6l.75 10.5h7.5L14.5 6"/>`,
  group: svg`<rect x="2.75" y="2.75" width="14.5" height="14.5" rx="2" stroke-dasharray="2.5 2"/><rect x="6" y="6" width="8" height="8" rx="1.2"/>`,
  reset: svg`<path d="M4 10a6 6 0 1 0 1.75-4.25"/><path d="M4 3.5v3.25h3.25"/>`,
};

export type IconName = keyof typeof paths;

export function icon(name: IconName): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${paths[name]}</svg>`;
}

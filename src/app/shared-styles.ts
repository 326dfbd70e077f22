import { css } from 'lit';

/** Buttons, inputs and panel chrome shared by the app's components. */
export const controlStyles = css`
  :host {
    font: 13px/1.45 var(--lw-font);
    color: var(--lw-text);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .icon {
    flex: none;
    display: block;
  }
  button {
    font: inherit;
    color: inherit;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 30px;
    padding: 0 10px;
    border-radius: 8px;
    border: 1px solid transparent;
    background: transparent;
    cursor: pointer;
    white-space: nowrap;
  }
  button:hover:not(:disabled) {
    background: var(--lw-panel-2);
    border-color: var(--lw-border);
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 2px solid var(--lw-accent);
    outline-offset: 1px;
  }
  button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  button.primary {
    background: var(--lw-accent);
    color: var(--lw-accent-text);
    border-color: var(--lw-accent);
  }
  button.primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--lw-accent) 88%, black);
    border-color: var(--lw-accent);
  }
  button.bordered {
    border-color: var(--lw-border);
    background: var(--lw-panel);
  }
  button.icon-only {
    width: 30px;
    padding: 0;
    justify-content: center;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--lw-text);
    background: var(--lw-panel-2);
    border: 1px solid var(--lw-border);
    border-radius: 7px;
    padding: 5px 8px;
    min-width: 0;
  }
  input:focus,
  select:focus,
  textarea:focus {
    border-color: var(--lw-accent);
    outline: none;
  }
  input[type='checkbox'] {
    accent-color: var(--lw-accent);
    width: 16px;
    height: 16px;
    padding: 0;
  }
  .muted {
    color: var(--lw-muted);
  }
  .mono {
    font-family: var(--lw-mono);
  }
  .panel-title {
    font-size: 11px;
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--lw-muted);
  }
  .scroll {
    overflow: auto;
    scrollbar-width: thin;
    scrollbar-color: var(--lw-border-strong) transparent;
  }
`;

/** A side panel fills its column as a vertical stack; min-height: 0 lets its list scroll instead of stretching the column. */
export const panelHostStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
`;

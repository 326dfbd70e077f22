import { css } from 'lit';

/** The `model › block` trail shown over the canvas while a block is being edited. */
export const breadcrumbStyles = css`
  .breadcrumb {
    position: absolute;
    top: 12px;
    left: 50%;
    transform: translateX(-50%);
    z-index: 6;
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 4px 12px;
    border-radius: 999px;
    background: var(--lw-panel);
    border: 1px solid var(--lw-border-strong);
    box-shadow: 0 4px 14px rgba(0, 0, 0, 0.12);
    font-size: 13px;
  }
  .breadcrumb button {
    border: none;
    background: none;
    padding: 2px 4px;
    color: var(--lw-accent);
    font: inherit;
    cursor: pointer;
    text-decoration: underline;
  }
  .breadcrumb .sep {
    color: var(--lw-muted);
  }
  .breadcrumb .here {
    font-weight: 650;
  }
`;

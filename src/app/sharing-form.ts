import { css, html, nothing, type TemplateResult } from 'lit';
import type { GraphDocument, GraphNode } from '../../schemas/graph';
import { shareCandidates } from '../document/sharing';
import { t } from '../i18n/locale';

/**
 * "Shares weights with": which node's layer this node calls again, or none.
 * While it shares, the inspector shows the owner's params read-only with a
 * link to the owner, where they are edited.
 */
export interface SharingBinding {
  document: GraphDocument;
  node: GraphNode;
  /** Sets or clears `sharesWeightsWith` (one undoable edit). */
  commit(owner: string | undefined): void;
}

const label = (node: GraphNode) => (node.name && node.name !== node.id ? `${node.name} (${node.id})` : node.id);

export function sharingField({ document, node, commit }: SharingBinding): TemplateResult {
  const candidates = shareCandidates(document, node.id);
  const current = node.sharesWeightsWith;
  const listed = current !== undefined && !candidates.some((c) => c.id === current);
  return html`<div class="field sharing" data-field="$sharesWeightsWith">
    <div class="field-head"><label for="field-shares">${t('sharing.label')}</label></div>
    <div class="control">
      <select id="field-shares" data-testid="shares-weights" ?disabled=${candidates.length === 0 && current === undefined} @change=${(e: Event) => commit((e.target as HTMLSelectElement).value || undefined)}>
        <option value="" ?selected=${current === undefined}>${t('sharing.none')}</option>
        ${listed ? html`<option value=${current} selected>${current}</option>` : nothing}
        ${candidates.map((c) => html`<option value=${c.id} ?selected=${c.id === current}>${label(c)}</option>`)}
      </select>
    </div>
    <div class="desc">${candidates.length === 0 && current === undefined ? t('sharing.noCandidates', { kind: node.type }) : t('sharing.help')}</div>
  </div>`;
}

/** The note above a sharing node's read-only params, with a link that selects the owner. */
export function sharedParamsNote(owner: GraphNode, select: (id: string) => void): TemplateResult {
  const name = owner.name ?? owner.id;
  return html`<div class="shared-note" data-testid="shared-note">
    ${t('sharing.readonly', { owner: name })}
    <button class="link" data-testid="select-owner" @click=${() => select(owner.id)}>${t('sharing.selectOwner', { owner: name })}</button>
  </div>`;
}

export const sharingStyles = css`
  .shared-note {
    margin: 10px 0 2px;
    padding: 8px 10px;
    border-radius: 9px;
    background: var(--lw-accent-soft);
    font-size: 12px;
  }
  .shared-note .link {
    display: inline;
    border: none;
    background: none;
    padding: 0 0 0 4px;
    color: var(--lw-accent);
    text-decoration: underline;
    cursor: pointer;
    font: inherit;
  }
  fieldset.shared-params {
    border: none;
    margin: 0;
    padding: 0;
    min-width: 0;
    opacity: 0.75;
  }
`;

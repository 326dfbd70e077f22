import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { GraphDocument, GraphNode } from '../../schemas/graph';
import type { CheckResult } from '../../compiler/check';
import { findLayer } from '../../compiler/layers/registry';
import { formatShape } from '../../compiler/shapes';
import { describeFields, type FieldSpec } from '../schema-form/introspect';
import { setModelName, setName, setParam } from '../document/edits';
import type { LayerwireEditor } from '../editor/layerwire-editor';
import { categoryColor } from '../theme/tokens';
import { formatCompact, formatCount, LocaleController, t } from '../i18n/locale';
import { diagnosticMessage } from '../i18n/diagnostic-text';
import { categoryLabel } from '../i18n/categories';
import { layerHelp } from '../i18n/layer-text';
import { controlStyles } from './shared-styles';
import { icon } from './icons';
import { fieldStyles, schemaField, type Draft } from './schema-field';
import { wrappedLayerField, wrapperStyles } from './wrapper-form';
import { sharedParamsNote, sharingField, sharingStyles } from './sharing-form';
import { holdsLayer } from '../document/wrapped-layer';
import { setSharesWeightsWith, shareCandidates } from '../document/sharing';
import { blockKeyOf } from '../document/ports';
import { BLOCK_TYPE } from '../../compiler/resolve';
import type { AnyLayerDefinition } from '../../compiler/layers/definition';
import './training-form';

/**
 * The selected layer's parameters as a form generated from its zod schema:
 * numbers, tuples (`3` or `3, 3`), enums, booleans, optional values and
 * shapes with named dimensions, each with its description as help.
 */
export class InspectorElement extends LitElement {
  static override properties = {
    editor: { attribute: false },
    document: { attribute: false },
    check: { attribute: false },
    selection: { attribute: false },
    drafts: { state: true },
  };
  declare editor: LayerwireEditor | undefined;
  declare document: GraphDocument | undefined;
  declare check: CheckResult | undefined;
  declare selection: string[];
  declare drafts: Map<string, Draft>;
  private draftNode = '';

  constructor() {
    super();
    new LocaleController(this);
    this.selection = [];
    this.drafts = new Map();
  }

  static override styles = [
    controlStyles,
    fieldStyles,
    wrapperStyles,
    sharingStyles,
    css`
      :host {
        display: block;
        padding: 14px 16px 24px;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 8px;
        margin-bottom: 4px;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 2px 8px;
        border-radius: 999px;
        font-size: 11px;
        font-weight: 600;
        background: color-mix(in srgb, var(--cat) 14%, transparent);
        color: color-mix(in srgb, var(--cat) 75%, var(--lw-text));
      }
      .kind {
        font-size: 16px;
        font-weight: 700;
      }
      .help {
        color: var(--lw-muted);
        margin: 4px 0 12px;
      }
      .stats {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 8px;
        margin: 10px 0 16px;
      }
      .stat {
        padding: 8px 10px;
        border-radius: 9px;
        background: var(--lw-panel-2);
        border: 1px solid var(--lw-border);
        min-width: 0;
      }
      .stat .label {
        font-size: 11px;
        color: var(--lw-muted);
      }
      .stat .value {
        font-weight: 650;
        font-family: var(--lw-mono);
        font-size: 12px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .empty {
        color: var(--lw-muted);
        padding: 8px 0;
      }
      h3 {
        margin: 18px 0 6px;
      }
      .problems {
        margin: 0 0 12px;
        padding: 8px 10px;
        border-radius: 9px;
        background: var(--lw-error-soft);
        border: 1px solid color-mix(in srgb, var(--lw-error) 40%, transparent);
        font-size: 12px;
      }
      .block-actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        padding: 9px 0;
        border-top: 1px solid var(--lw-border);
      }
      .block-actions .desc {
        flex-basis: 100%;
      }
      .problems div + div {
        margin-top: 4px;
      }
    `,
  ];

  private get node(): GraphNode | undefined {
    if (this.selection.length !== 1) return undefined;
    return this.document?.nodes.find((n) => n.id === this.selection[0]);
  }

  protected override willUpdate(): void {
    const id = this.node?.id ?? '';
    if (id !== this.draftNode) {
      this.draftNode = id;
      this.drafts = new Map();
    }
  }

  private setDraft(key: string, draft: Draft | undefined) {
    const next = new Map(this.drafts);
    if (draft) next.set(key, draft);
    else next.delete(key);
    this.drafts = next;
  }

  private field(node: GraphNode, index: number, field: FieldSpec) {
    const set = Object.prototype.hasOwnProperty.call(node.params, field.key);
    const path = `nodes[${index}].params.${field.key}`;
    if (holdsLayer(field.schema)) {
      return wrappedLayerField({
        field,
        value: set ? node.params[field.key] : field.defaultValue,
        path,
        checks: (this.check?.diagnostics ?? []).filter((d) => d.nodeId === node.id && (d.path === path || d.path?.startsWith(`${path}.`))),
        draft: (key) => this.drafts.get(key),
        setDraft: (key, draft) => this.setDraft(key, draft),
        commit: (value) => this.editor?.edit((d) => setParam(d, node.id, field.key, value)),
      });
    }
    return schemaField({
      field,
      id: `field-${field.key}`,
      value: set ? node.params[field.key] : field.defaultValue,
      set,
      draft: this.drafts.get(field.key),
      setDraft: (draft) => this.setDraft(field.key, draft),
      commit: (value) => this.editor?.edit((d) => setParam(d, node.id, field.key, value)),
      checks: (this.check?.diagnostics ?? []).filter((d) => d.nodeId === node.id && (d.path === path || d.path?.startsWith(`${path}[`) || d.path?.startsWith(`${path}.`))),
    });
  }

  private renderNode(node: GraphNode) {
    const definition = findLayer(node.type);
    const index = this.document!.nodes.indexOf(node);
    const report = this.check?.byId.get(node.id);
    const problems = (this.check?.diagnostics ?? []).filter((d) => d.nodeId === node.id && d.severity === 'error' && !d.path?.includes('.params.'));
    const nameDraft = this.drafts.get('$name');
    const shapes = report?.outputs.map((o) => (o.shape ? formatShape(o.shape) : '?')).join(' · ') || '–';
    const category = definition?.category ?? (node.type === BLOCK_TYPE ? 'Blocks' : undefined);
    return html`<div class="head">
        <span class="chip" style=${styleMap({ '--cat': categoryColor(category) })}>${category ? categoryLabel(category) : t('inspector.unknownKind')}</span>
      </div>
      <div class="kind" data-testid="inspector-kind">${node.type}</div>
      <div class="help" data-testid="inspector-help">${definition ? layerHelp(definition.kind) : node.type === BLOCK_TYPE ? t('block.kindHelp') : t('inspector.unknownHelp')}</div>
      ${problems.length ? html`<div class="problems">${problems.map((d) => html`<div>${diagnosticMessage(d)}</div>`)}</div>` : nothing}
      <div class="stats">
        <div class="stat"><div class="label">${t('summary.outputShape')}</div><div class="value" title=${shapes}>${shapes}</div></div>
        <div class="stat"><div class="label">${t('summary.params')}</div><div class="value">${formatCount(report?.params)}</div></div>
        <div class="stat"><div class="label">FLOPs</div><div class="value">${formatCompact(report?.flops)}</div></div>
      </div>
      <div class="field ${nameDraft?.error ? 'invalid' : ''}" data-field="$name">
        <div class="field-head"><label for="field-name">${t('inspector.name')}</label><span class="default-tag">id: ${node.id}</span></div>
        <div class="control">
          <input
            id="field-name"
            type="text"
            spellcheck="false"
            maxlength="200"
            .value=${live(nameDraft ? nameDraft.text : (node.name ?? ''))}
            placeholder=${node.id}
            @change=${(e: Event) => {
              const value = (e.target as HTMLInputElement).value;
              this.setDraft('$name', undefined);
              this.editor?.edit((d) => setName(d, node.id, value.trim() === '' ? undefined : value));
            }}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.target as HTMLInputElement).dispatchEvent(new Event('change'))}
          />
        </div>
        <div class="desc">${t('inspector.nameHelp')}</div>
      </div>
      ${node.type === 'Input' || (node.sharesWeightsWith === undefined && shareCandidates(this.document!, node.id).length === 0) ? nothing : sharingField({ document: this.document!, node, commit: (owner) => this.editor?.edit((d) => setSharesWeightsWith(d, node.id, owner)) })}
      ${node.type === BLOCK_TYPE ? this.renderBlockActions(node) : nothing}
      ${node.type === 'Input' ? nothing : html`<div class="block-actions">
            <button class="bordered" data-testid="duplicate-shared" title=${t('sharing.help')} @click=${() => this.editor?.duplicateAsShared(node.id)}>${t('menu.duplicateShared')}</button>
          </div>`}
      ${this.renderParams(node, definition, index)}`;
  }

  /** The params form; for a node that calls another's layer, the owner's params, read-only, with a way to the owner. */
  private renderParams(node: GraphNode, definition: AnyLayerDefinition | undefined, index: number) {
    if (!definition) return node.type === BLOCK_TYPE ? nothing : html`<div class="empty">${t('inspector.noParams')}</div>`;
    const owner = node.sharesWeightsWith !== undefined ? this.document!.nodes.find((n) => n.id === node.sharesWeightsWith) : undefined;
    if (!owner) return describeFields(definition.params).map((field) => this.field(node, index, field));
    const ownerIndex = this.document!.nodes.indexOf(owner);
    return html`${sharedParamsNote(owner, (id) => void this.editor?.selectNodes([id]))}
      <fieldset class="shared-params" disabled data-testid="shared-params">${describeFields(definition.params).map((field) => this.field(owner, ownerIndex, field))}</fieldset>`;
  }

  private renderBlockActions(node: GraphNode) {
    const key = blockKeyOf(node, this.document!);
    return html`<div class="block-actions">
      ${key !== undefined ? html`<div class="desc">${t('block.uses')} <code>${key}</code></div>` : nothing}
      <button class="bordered" data-testid="edit-block" ?disabled=${key === undefined} @click=${() => key !== undefined && void this.editor?.openBlock(key)}>${t('block.edit')}</button>
      <button class="bordered" data-testid="ungroup" @click=${() => this.editor?.ungroup(node.id)}>${t('block.ungroup')}</button>
    </div>`;
  }

  private renderModel(document: GraphDocument) {
    const totals = this.check?.totals;
    return html`<div class="kind">${t('inspector.model')}</div>
      <div class="help">${document.description ?? t('inspector.modelHelp')}</div>
      <div class="stats">
        <div class="stat"><div class="label">${t('summary.layers')}</div><div class="value">${document.nodes.length}</div></div>
        <div class="stat"><div class="label">${t('summary.params')}</div><div class="value">${formatCount(totals?.params)}</div></div>
        <div class="stat"><div class="label">FLOPs</div><div class="value">${formatCompact(totals?.flops)}</div></div>
      </div>
      <div class="field">
        <div class="field-head"><label for="model-name">${t('inspector.modelName')}</label></div>
        <div class="control">
          <input
            id="model-name"
            type="text"
            .value=${live(document.name)}
            @change=${(e: Event) => this.editor?.edit((d) => setModelName(d, (e.target as HTMLInputElement).value || 'model'))}
          />
        </div>
      </div>
      <lw-training-form .editor=${this.editor} .document=${document} .check=${this.check}></lw-training-form>
      <p class="muted">${t('inspector.selectHint')}</p>`;
  }

  override render() {
    const document = this.document;
    if (!document) return nothing;
    if (this.selection.length > 1) {
      return html`<div class="kind">${t('inspector.multi', { count: this.selection.length })}</div>
        <p class="muted">${t('inspector.multiHelp')}</p>
        <button class="bordered" @click=${() => this.editor?.deleteSelection()}>${icon('trash')}${t('menu.delete')}</button>`;
    }
    const node = this.node;
    if (!node && this.editor?.scopePath.length) return this.renderBlock(document);
    return node ? this.renderNode(node) : this.renderModel(document);
  }

  /** Inside a block, with nothing selected: the block itself. */
  private renderBlock(view: GraphDocument) {
    return html`<div class="kind" data-testid="inspector-block">${t('block.title', { name: view.name })}</div>
      <div class="help">${t('block.help')}</div>
      <div class="stats">
        <div class="stat"><div class="label">${t('summary.layers')}</div><div class="value">${view.nodes.length}</div></div>
        <div class="stat"><div class="label">${t('summary.params')}</div><div class="value">${formatCount(this.check?.totals.params)}</div></div>
        <div class="stat"><div class="label">FLOPs</div><div class="value">${formatCompact(this.check?.totals.flops)}</div></div>
      </div>
      <div class="field">
        <div class="field-head"><label for="block-name">${t('inspector.name')}</label></div>
        <div class="control">
          <input id="block-name" type="text" .value=${live(view.name)} @change=${(e: Event) => this.editor?.edit((d) => setModelName(d, (e.target as HTMLInputElement).value || view.name))} />
        </div>
      </div>
      <button class="bordered" data-testid="leave-block" @click=${() => void this.editor?.leaveBlock(0)}>${t('block.leave')}</button>`;
  }
}

customElements.define('lw-inspector', InspectorElement);

import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { GraphDocument, GraphNode } from '../../schemas/graph';
import { z } from 'zod';
import { describeIssues, formatJsonPath } from '../../schemas/parse';
import type { CheckResult } from '../../compiler/check';
import { findLayer } from '../../compiler/layers/registry';
import { formatShape } from '../../compiler/shapes';
import { describeFields, type FieldSpec } from '../schema-form/introspect';
import { formatValue, parseValueText } from '../schema-form/value-text';
import { setModelName, setName, setParam } from '../document/edits';
import type { LayerwireEditor } from '../editor/layerwire-editor';
import { categoryColor } from '../theme/tokens';
import { formatCompact, formatCount, getLocale, LocaleController, t } from '../i18n/locale';
import { categoryLabel } from '../i18n/categories';
import { controlStyles } from './shared-styles';
import { icon } from './icons';

interface Draft {
  text: string;
  error: string;
}

type Validation = { ok: true; value: unknown } | { ok: false; error: string };

const zodChinese = z.locales.zhCN();

/**
 * Checks one field's value against its own schema: an invalid value is shown,
 * never applied. English uses the schema layer's own wording; Chinese uses
 * zod's Chinese messages.
 */
export function validateField(field: FieldSpec, value: unknown): Validation {
  if (value === undefined && !field.optional && !field.hasDefault) return { ok: false, error: t('inspector.required') };
  if (value === undefined) return { ok: true, value };
  const chinese = getLocale() === 'zh-CN';
  const result = field.schema.safeParse(value, chinese ? { error: zodChinese.localeError } : undefined);
  if (result.success) return { ok: true, value };
  const problem = chinese
    ? { path: formatJsonPath(result.error.issues[0]!.path), message: result.error.issues[0]!.message }
    : describeIssues(result.error.issues, value)[0]!;
  return { ok: false, error: problem.path === '(document)' ? problem.message : `${problem.path}: ${problem.message}` };
}

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
      .field {
        padding: 9px 0;
        border-top: 1px solid var(--lw-border);
      }
      .field-head {
        display: flex;
        align-items: center;
        gap: 6px;
        min-height: 24px;
      }
      label {
        font-weight: 600;
        font-family: var(--lw-mono);
        font-size: 12px;
      }
      .default-tag {
        font-size: 10.5px;
        color: var(--lw-faint);
      }
      .reset {
        margin-left: auto;
        height: 22px;
        padding: 0 6px;
        font-size: 11px;
        color: var(--lw-muted);
      }
      .reset .icon {
        width: 14px;
        height: 14px;
      }
      .control {
        margin-top: 5px;
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .control input:not([type='checkbox']),
      .control select,
      .control textarea {
        width: 100%;
      }
      textarea {
        font-family: var(--lw-mono);
        font-size: 12px;
        min-height: 64px;
        resize: vertical;
      }
      .desc {
        margin-top: 4px;
        font-size: 11.5px;
        color: var(--lw-muted);
      }
      .invalid input,
      .invalid select,
      .invalid textarea {
        border-color: var(--lw-error);
        background: var(--lw-error-soft);
      }
      .error-text {
        margin-top: 4px;
        font-size: 11.5px;
        color: var(--lw-error);
      }
      .check-text {
        margin-top: 4px;
        font-size: 11.5px;
        color: var(--lw-warning);
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
      dl.training {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 6px 12px;
        margin: 0 0 14px;
        font-size: 12px;
      }
      dl.training dt {
        font-family: var(--lw-mono);
        color: var(--lw-muted);
      }
      dl.training dd {
        margin: 0;
        font-family: var(--lw-mono);
        word-break: break-word;
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

  private apply(node: GraphNode, field: FieldSpec, value: unknown, text: string) {
    const result = validateField(field, value);
    if (!result.ok) {
      this.setDraft(field.key, { text, error: result.error });
      return;
    }
    this.setDraft(field.key, undefined);
    this.editor?.edit((d) => setParam(d, node.id, field.key, result.value));
  }

  private fromText(node: GraphNode, field: FieldSpec, text: string, commit: boolean) {
    let value: unknown;
    if (field.control.kind === 'number') {
      value = text.trim() === '' ? undefined : Number(text);
      if (value !== undefined && !Number.isFinite(value)) {
        this.setDraft(field.key, { text, error: t('inspector.notNumber') });
        return;
      }
    } else if (field.control.kind === 'string') {
      value = text === '' ? undefined : text;
    } else if (field.control.kind === 'json') {
      if (text.trim() === '') value = undefined;
      else {
        try {
          value = JSON.parse(text);
        } catch {
          this.setDraft(field.key, { text, error: t('inspector.notJson') });
          return;
        }
      }
    } else {
      const parsed = parseValueText(text);
      if (!parsed.ok) {
        this.setDraft(field.key, { text, error: parsed.problem === 'json' ? t('inspector.notJson') : t('inspector.badToken', { token: parsed.token }) });
        return;
      }
      value = parsed.value;
    }
    if (commit) this.apply(node, field, value, text);
    else {
      const result = validateField(field, value);
      this.setDraft(field.key, { text, error: result.ok ? '' : result.error });
    }
  }

  private control(node: GraphNode, field: FieldSpec) {
    const set = Object.prototype.hasOwnProperty.call(node.params, field.key);
    const current = set ? node.params[field.key] : field.defaultValue;
    const draft = this.drafts.get(field.key);
    const id = `field-${field.key}`;
    const c = field.control;
    const onText = (commit: boolean) => (e: Event) => this.fromText(node, field, (e.target as HTMLInputElement).value, commit);
    switch (c.kind) {
      case 'boolean':
        return html`<input id=${id} type="checkbox" .checked=${live(Boolean(current))} @change=${(e: Event) => this.apply(node, field, (e.target as HTMLInputElement).checked, '')} />`;
      case 'enum':
        return html`<select id=${id} @change=${(e: Event) => {
          const index = Number((e.target as HTMLSelectElement).value);
          this.apply(node, field, index < 0 ? undefined : c.options[index], '');
        }}>
          ${!set && !field.hasDefault ? html`<option value="-1" selected>${t('inspector.choose')}</option>` : nothing}
          ${field.optional && set ? html`<option value="-1">${t('inspector.unset')}</option>` : nothing}
          ${c.options.map((option, i) => html`<option value=${i} ?selected=${option === current}>${option === null ? t('inspector.none') : String(option)}${!set && field.hasDefault && option === current ? ` (${t('inspector.default')})` : ''}</option>`)}
        </select>`;
      case 'number':
        return html`<input
          id=${id}
          type="number"
          step=${c.int ? '1' : 'any'}
          .value=${live(draft ? draft.text : set && current !== undefined ? String(current) : '')}
          placeholder=${field.hasDefault ? String(field.defaultValue) : field.optional ? t('inspector.optional') : ''}
          @input=${onText(false)}
          @change=${onText(true)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && onText(true)(e)}
        />`;
      case 'json':
        return html`<textarea id=${id} spellcheck="false" .value=${live(draft ? draft.text : current === undefined ? '' : JSON.stringify(current, null, 2))} @input=${onText(false)} @change=${onText(true)}></textarea>`;
      default:
        return html`<input
          id=${id}
          type="text"
          spellcheck="false"
          .value=${live(draft ? draft.text : set ? formatValue(current) : '')}
          placeholder=${field.hasDefault ? formatValue(field.defaultValue) : field.optional ? t('inspector.optional') : c.kind === 'value' ? t('inspector.valueHint') : ''}
          @input=${onText(false)}
          @change=${onText(true)}
          @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && onText(true)(e)}
        />`;
    }
  }

  private field(node: GraphNode, index: number, field: FieldSpec) {
    const set = Object.prototype.hasOwnProperty.call(node.params, field.key);
    const draft = this.drafts.get(field.key);
    const path = `nodes[${index}].params.${field.key}`;
    const checks = (this.check?.diagnostics ?? []).filter((d) => d.nodeId === node.id && (d.path === path || d.path?.startsWith(`${path}[`) || d.path?.startsWith(`${path}.`)));
    return html`<div class="field ${draft?.error ? 'invalid' : ''}" data-field=${field.key}>
      <div class="field-head">
        <label for=${`field-${field.key}`}>${field.key}</label>
        ${!set && field.hasDefault ? html`<span class="default-tag">${t('inspector.default')}</span>` : nothing}
        ${!set && field.optional ? html`<span class="default-tag">${t('inspector.optional')}</span>` : nothing}
        ${set && (field.hasDefault || field.optional)
          ? html`<button class="reset" title=${t('inspector.reset')} @click=${() => {
              this.setDraft(field.key, undefined);
              this.editor?.edit((d) => setParam(d, node.id, field.key, undefined));
            }}>${icon('reset')}${t('inspector.reset')}</button>`
          : nothing}
      </div>
      <div class="control">${this.control(node, field)}</div>
      ${draft?.error ? html`<div class="error-text" role="alert" data-testid="field-error">${draft.error}</div>` : nothing}
      ${checks.map((d) => html`<div class="${d.severity === 'error' ? 'error-text' : 'check-text'}">${d.message}</div>`)}
      ${field.description ? html`<div class="desc">${field.description}</div>` : nothing}
    </div>`;
  }

  private renderNode(node: GraphNode) {
    const definition = findLayer(node.type);
    const index = this.document!.nodes.indexOf(node);
    const report = this.check?.byId.get(node.id);
    const problems = (this.check?.diagnostics ?? []).filter((d) => d.nodeId === node.id && d.severity === 'error' && !d.path?.includes('.params.'));
    const nameDraft = this.drafts.get('$name');
    const shapes = report?.outputs.map((o) => (o.shape ? formatShape(o.shape) : '?')).join(' · ') || '–';
    return html`<div class="head">
        <span class="chip" style=${styleMap({ '--cat': categoryColor(definition?.category) })}>${definition ? categoryLabel(definition.category) : t('inspector.unknownKind')}</span>
      </div>
      <div class="kind" data-testid="inspector-kind">${node.type}</div>
      <div class="help">${definition?.help ?? t('inspector.unknownHelp')}</div>
      ${problems.length ? html`<div class="problems">${problems.map((d) => html`<div>${d.message}</div>`)}</div>` : nothing}
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
      ${definition ? describeFields(definition.params).map((field) => this.field(node, index, field)) : html`<div class="empty">${t('inspector.noParams')}</div>`}`;
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
      <h3 class="panel-title">${t('inspector.training')}</h3>
      ${document.training ? this.renderTraining(document.training) : html`<p class="muted">${t('inspector.noTraining')}</p>`}
      <p class="muted">${t('inspector.selectHint')}</p>`;
  }

  /** The document's compile settings, read-only: optimizer with its settings, loss (one or per output), metrics. */
  private renderTraining(training: NonNullable<GraphDocument['training']>) {
    const { type, ...settings } = training.optimizer;
    const loss = typeof training.loss === 'string' ? training.loss : Object.entries(training.loss).map(([output, l]) => `${output}: ${l}`).join(', ');
    const rows: [string, string][] = [
      [t('inspector.optimizer'), `${type}(${Object.entries(settings).map(([k, v]) => `${k} ${v}`).join(', ')})`],
      [t('inspector.loss'), loss],
      [t('inspector.metrics'), training.metrics.join(', ') || '–'],
    ];
    return html`<dl class="training">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
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
    return node ? this.renderNode(node) : this.renderModel(document);
  }
}

customElements.define('lw-inspector', InspectorElement);

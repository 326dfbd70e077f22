import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { z } from 'zod';
import { describeIssues, formatJsonPath } from '../../schemas/parse';
import type { Diagnostic } from '../../compiler/diagnostics';
import type { FieldSpec } from '../schema-form/introspect';
import { formatValue, parseValueText } from '../schema-form/value-text';
import { getLocale, t } from '../i18n/locale';
import { fieldDescription } from '../i18n/layer-text';
import { diagnosticMessage } from '../i18n/diagnostic-text';
import { icon } from './icons';

/**
 * One field of a form generated from a zod schema: a layer parameter, an
 * optimizer setting, a loss weight. Text the person typed that the schema
 * refuses stays in the field as a draft with the reason beside it, and never
 * reaches the document.
 */

export interface Draft {
  text: string;
  error: string;
}

type Validation = { ok: true; value: unknown } | { ok: false; error: string };

const zodChinese = z.locales.zhCN();

/**
 * Checks one field's value against its own schema. English uses the schema
 * layer's own wording; Chinese uses zod's Chinese messages.
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

/** Where a field's value lives and how a valid one is applied: the form calls these, the caller makes the document edit. */
export interface FieldBinding {
  field: FieldSpec;
  /** The control's element id (its label points at it). */
  id: string;
  /** What the label says; the field's key when not given. */
  label?: string;
  /** The value in the document, or the default when the document leaves it out. */
  value: unknown;
  /** Whether the document sets the value itself (the default shows as a placeholder otherwise). */
  set: boolean;
  draft: Draft | undefined;
  setDraft(draft: Draft | undefined): void;
  /** Applies a value the schema accepted; `undefined` goes back to the default (or to not set). */
  commit(value: unknown): void;
  /** What the checker said about this field. */
  checks?: readonly Diagnostic[];
  /** Choices shown instead of the raw values of an enum (a loss's output name, say). */
  optionLabel?(option: string | number | null): string;
}

function apply(binding: FieldBinding, value: unknown, text: string) {
  const result = validateField(binding.field, value);
  if (!result.ok) {
    binding.setDraft({ text, error: result.error });
    return;
  }
  binding.setDraft(undefined);
  binding.commit(result.value);
}

function fromText(binding: FieldBinding, text: string, commit: boolean) {
  const { field } = binding;
  let value: unknown;
  if (field.control.kind === 'number') {
    value = text.trim() === '' ? undefined : Number(text);
    if (value !== undefined && !Number.isFinite(value)) {
      binding.setDraft({ text, error: t('inspector.notNumber') });
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
        binding.setDraft({ text, error: t('inspector.notJson') });
        return;
      }
    }
  } else {
    const parsed = parseValueText(text);
    if (!parsed.ok) {
      binding.setDraft({ text, error: parsed.problem === 'json' ? t('inspector.notJson') : t('inspector.badToken', { token: parsed.token }) });
      return;
    }
    value = parsed.value;
  }
  if (commit) apply(binding, value, text);
  else {
    const result = validateField(field, value);
    binding.setDraft({ text, error: result.ok ? '' : result.error });
  }
}

/** The input for one field: checkbox, select, number, text or JSON, as its schema says. */
export function fieldControl(binding: FieldBinding): TemplateResult {
  const { field, id, value: current, set, draft } = binding;
  const c = field.control;
  const onText = (commit: boolean) => (e: Event) => fromText(binding, (e.target as HTMLInputElement).value, commit);
  const placeholder = field.hasDefault ? formatValue(field.defaultValue) : field.optional ? t('inspector.optional') : c.kind === 'value' ? t('inspector.valueHint') : '';
  switch (c.kind) {
    case 'boolean':
      return html`<input id=${id} type="checkbox" .checked=${live(Boolean(current))} @change=${(e: Event) => apply(binding, (e.target as HTMLInputElement).checked, '')} />`;
    case 'enum':
      return html`<select
        id=${id}
        @change=${(e: Event) => {
          const index = Number((e.target as HTMLSelectElement).value);
          apply(binding, index < 0 ? undefined : c.options[index], '');
        }}
      >
        ${!set && !field.hasDefault ? html`<option value="-1" selected>${t('inspector.choose')}</option>` : nothing}
        ${field.optional && set ? html`<option value="-1">${t('inspector.unset')}</option>` : nothing}
        ${c.options.map(
          (option, i) =>
            html`<option value=${i} ?selected=${option === current}>
              ${binding.optionLabel ? binding.optionLabel(option) : option === null ? t('inspector.none') : String(option)}${!set && field.hasDefault && option === current ? ` (${t('inspector.default')})` : ''}
            </option>`,
        )}
      </select>`;
    case 'number':
      return html`<input
        id=${id}
        type="number"
        step=${c.int ? '1' : 'any'}
        .value=${live(draft ? draft.text : set && current !== undefined ? String(current) : '')}
        placeholder=${placeholder}
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
        placeholder=${placeholder}
        @input=${onText(false)}
        @change=${onText(true)}
        @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && onText(true)(e)}
      />`;
  }
}

/** A field with its label, default/optional tag, reset button, inline error, the checker's findings and the schema's description. */
export function schemaField(binding: FieldBinding): TemplateResult {
  const { field, set, draft, id } = binding;
  const description = fieldDescription(field);
  return html`<div class="field ${draft?.error ? 'invalid' : ''}" data-field=${field.key}>
    <div class="field-head">
      <label for=${id}>${binding.label ?? field.key}</label>
      ${!set && field.hasDefault ? html`<span class="default-tag">${t('inspector.default')}</span>` : nothing}
      ${!set && field.optional && !field.hasDefault ? html`<span class="default-tag">${t('inspector.optional')}</span>` : nothing}
      ${set && (field.hasDefault || field.optional)
        ? html`<button
            class="reset"
            title=${t('inspector.reset')}
            @click=${() => {
              binding.setDraft(undefined);
              binding.commit(undefined);
            }}
          >
            ${icon('reset')}${t('inspector.reset')}
          </button>`
        : nothing}
    </div>
    <div class="control">${fieldControl(binding)}</div>
    ${draft?.error ? html`<div class="error-text" role="alert" data-testid="field-error">${draft.error}</div>` : nothing}
    ${(binding.checks ?? []).map((d) => html`<div class="${d.severity === 'error' ? 'error-text' : 'check-text'}">${diagnosticMessage(d)}</div>`)}
    ${description ? html`<div class="desc">${description}</div>` : nothing}
  </div>`;
}

/** Styles of a schema form's fields, shared by the layer and training forms. */
export const fieldStyles = css`
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
    min-width: 0;
    overflow-wrap: anywhere;
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
`;

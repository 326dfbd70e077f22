import { css, html, type TemplateResult } from 'lit';
import type { Diagnostic } from '../../compiler/diagnostics';
import { findLayer } from '../../compiler/layers/registry';
import { describeFields, type FieldSpec } from '../schema-form/introspect';
import { starterWrappedLayer, wrappableKinds, type WrappedLayerValue } from '../document/wrapped-layer';
import { t } from '../i18n/locale';
import { diagnosticMessage } from '../i18n/diagnostic-text';
import { schemaField, type Draft } from './schema-field';

/**
 * The `layer` parameter of a wrapper (Bidirectional, TimeDistributed) as a
 * nested form: a select of the kinds the wrapper accepts and that kind's own
 * parameter form, the same fields the inspector shows for a layer node. Every
 * change commits the whole `{type, params}` value; a value the inner schema
 * refuses stays a draft in its field.
 */
export interface WrappedLayerBinding {
  field: FieldSpec;
  value: unknown;
  /** JSON path of the field in the document (`nodes[3].params.layer`): the checker's findings under it show on the inner fields. */
  path: string;
  checks: readonly Diagnostic[];
  draft(key: string): Draft | undefined;
  setDraft(key: string, draft: Draft | undefined): void;
  commit(value: WrappedLayerValue): void;
}

const asLayer = (value: unknown): WrappedLayerValue | undefined => {
  const v = value as Partial<WrappedLayerValue> | undefined;
  return v && typeof v.type === 'string' ? { type: v.type, params: v.params && typeof v.params === 'object' ? v.params : {} } : undefined;
};

/** Another kind, keeping the params both kinds have when the new kind accepts them (LSTM → GRU keeps `units`). */
function switchKind(current: WrappedLayerValue | undefined, kind: string): WrappedLayerValue {
  const starter = starterWrappedLayer(kind);
  const definition = findLayer(kind);
  if (!current || !definition) return starter;
  const keys = new Set(Object.keys(definition.params.shape));
  const kept = Object.fromEntries(Object.entries(current.params).filter(([k]) => keys.has(k)));
  const params = { ...starter.params, ...kept };
  return definition.params.safeParse(params).success ? { type: kind, params } : starter;
}

export function wrappedLayerField(binding: WrappedLayerBinding): TemplateResult {
  const { field } = binding;
  const current = asLayer(binding.value);
  const kinds = wrappableKinds(field.schema);
  const definition = current && findLayer(current.type);
  const inner = `${binding.path}.params`;
  const innerFields = definition ? describeFields(definition.params) : [];
  const claimed = (d: Diagnostic, key: string) => d.path === `${inner}.${key}` || d.path?.startsWith(`${inner}.${key}.`) || d.path?.startsWith(`${inner}.${key}[`);
  const own = binding.checks.filter((d) => !innerFields.some((f) => claimed(d, f.key)));
  return html`<div class="field wrapped" data-field=${field.key} data-testid="wrapped-layer">
    <div class="field-head"><label for="field-${field.key}-type">${field.key} · ${t('wrapper.kind')}</label></div>
    <div class="control">
      <select id="field-${field.key}-type" data-testid="wrapped-kind" @change=${(e: Event) => binding.commit(switchKind(current, (e.target as HTMLSelectElement).value))}>
        ${current && !kinds.includes(current.type) ? html`<option value=${current.type} selected>${current.type || t('inspector.choose')}</option>` : ''}
        ${kinds.map((kind) => html`<option value=${kind} ?selected=${kind === current?.type}>${kind}</option>`)}
      </select>
    </div>
    ${own.map((d) => html`<div class="${d.severity === 'error' ? 'error-text' : 'check-text'}">${diagnosticMessage(d)}</div>`)}
    <div class="desc">${t('wrapper.help')}</div>
    <div class="nested">
      ${current && definition
        ? innerFields.map((f) => {
            const set = Object.prototype.hasOwnProperty.call(current.params, f.key);
            const draftKey = `${field.key}.params.${f.key}`;
            return schemaField({
              field: f,
              id: `field-${field.key}-${f.key}`,
              value: set ? current.params[f.key] : f.defaultValue,
              set,
              draft: binding.draft(draftKey),
              setDraft: (draft) => binding.setDraft(draftKey, draft),
              commit: (value) => {
                const params = { ...current.params };
                if (value === undefined) delete params[f.key];
                else params[f.key] = value;
                binding.commit({ type: current.type, params });
              },
              checks: binding.checks.filter((d) => claimed(d, f.key)),
            });
          })
        : ''}
    </div>
  </div>`;
}

export const wrapperStyles = css`
  .field.wrapped .nested {
    margin: 8px 0 0 4px;
    padding-left: 12px;
    border-left: 2px solid var(--lw-border);
  }
  .field.wrapped .nested .field:first-child {
    border-top: none;
  }
`;

import { css, html, LitElement, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { GraphDocument } from '../../schemas/graph';
import { TrainingConfig } from '../../schemas/training';
import type { CheckResult } from '../../compiler/check';
import type { Diagnostic } from '../../compiler/diagnostics';
import { describeField, describeVariants, enumChoices, recordValues, unionMembers, type FieldSpec } from '../schema-form/introspect';
import {
  defaultTraining,
  setTraining,
  withLossPerOutput,
  withLoss,
  withLossWeight,
  withMetric,
  withOptimizerSetting,
  withOptimizerType,
  withOutputLoss,
} from '../document/training';
import type { LayerwireEditor } from '../editor/layerwire-editor';
import { LocaleController, t } from '../i18n/locale';
import { trainingFieldDescription } from '../i18n/training-text';
import { diagnosticMessage } from '../i18n/diagnostic-text';
import { controlStyles } from './shared-styles';
import { fieldControl, fieldStyles, schemaField, type Draft } from './schema-field';

type Training = TrainingConfig;

/** The form's pieces, read once from the training schema: no optimizer, loss or metric name is written here. */
const shape = TrainingConfig.shape;
const OPTIMIZERS = describeVariants(shape.optimizer);
const [SHARED_LOSS, PER_OUTPUT_LOSS] = (() => {
  const members = unionMembers(shape.loss);
  const shared = members.find((m) => recordValues(m) === undefined)!;
  const perOutput = recordValues(members.find((m) => recordValues(m) !== undefined)!)!;
  return [describeField('loss', shared), perOutput] as const;
})();
const LOSS_WEIGHT = recordValues(shape.lossWeights)!;
const METRICS = enumChoices(shape.metrics);

/**
 * `<lw-training-form>`: the document's training settings (what
 * `model.compile` gets) as a form generated from the training schema: the
 * optimizer and its settings, one loss for all outputs or one per output,
 * loss weights and metrics. Each change is one document edit, undoable; a
 * value the schema refuses is shown inline and never applied.
 */
export class TrainingFormElement extends LitElement {
  static override properties = {
    editor: { attribute: false },
    document: { attribute: false },
    check: { attribute: false },
    drafts: { state: true },
  };
  declare editor: LayerwireEditor | undefined;
  declare document: GraphDocument | undefined;
  declare check: CheckResult | undefined;
  declare drafts: Map<string, Draft>;

  constructor() {
    super();
    new LocaleController(this);
    this.drafts = new Map();
  }

  static override styles = [
    controlStyles,
    fieldStyles,
    css`
      :host {
        display: block;
      }
      .section-head {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 20px 0 4px;
      }
      .section-head .panel-title {
        margin: 0;
      }
      .section-head button {
        margin-left: auto;
        height: 24px;
        font-size: 12px;
        color: var(--lw-muted);
      }
      .settings {
        margin: 0 0 4px 4px;
        padding-left: 12px;
        border-left: 2px solid var(--lw-border);
      }
      .settings .field:first-child {
        border-top: none;
      }
      .mode {
        display: inline-flex;
        margin-left: auto;
        border: 1px solid var(--lw-border);
        border-radius: 7px;
        overflow: hidden;
      }
      .mode button {
        height: 24px;
        border: none;
        border-radius: 0;
        font-size: 11.5px;
        color: var(--lw-muted);
        padding: 0 8px;
      }
      .mode button[aria-pressed='true'] {
        background: color-mix(in srgb, var(--lw-accent) 14%, transparent);
        color: var(--lw-accent);
        font-weight: 650;
      }
      .metrics {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 6px;
      }
      .metrics label {
        display: inline-flex;
        align-items: center;
        gap: 5px;
        height: 26px;
        padding: 0 9px 0 6px;
        border: 1px solid var(--lw-border);
        border-radius: 999px;
        font-weight: 500;
        font-size: 11.5px;
        cursor: pointer;
        white-space: nowrap;
        color: var(--lw-muted);
      }
      .metrics label:has(input:checked) {
        border-color: color-mix(in srgb, var(--lw-accent) 55%, var(--lw-border));
        background: color-mix(in srgb, var(--lw-accent) 10%, transparent);
        color: var(--lw-text);
      }
      .metrics input {
        flex: none;
        width: 14px;
        height: 14px;
        margin: 0;
      }
      .empty {
        margin: 6px 0 0;
      }
    `,
  ];

  private setDraft(key: string, draft: Draft | undefined) {
    const next = new Map(this.drafts);
    if (draft) next.set(key, draft);
    else next.delete(key);
    this.drafts = next;
  }

  /** Applies settings the schema accepted as one document edit. */
  private change(next: Training | undefined) {
    if (next) this.editor?.editModel((d) => setTraining(d, next));
  }

  /** The model's outputs (node ids), in output order, each once. */
  private outputs(): string[] {
    return [...new Set(this.check?.graph.outputs.map((o) => o.node) ?? [])];
  }

  private nameOf(id: string): string {
    return this.document?.nodes.find((n) => n.id === id)?.name ?? id;
  }

  /** What the checker said about a path under `training`. */
  private checks(match: (path: string) => boolean): Diagnostic[] {
    return (this.check?.diagnostics ?? []).filter((d) => d.path !== undefined && match(d.path));
  }

  private checkLines(diagnostics: Diagnostic[]) {
    return diagnostics.map((d) => html`<div class="${d.severity === 'error' ? 'error-text' : 'check-text'}">${diagnosticMessage(d)}</div>`);
  }

  private optimizer(training: Training) {
    const variant = OPTIMIZERS.variants.find((v) => v.tag === training.optimizer.type);
    const values = training.optimizer as Record<string, unknown>;
    return html`<div class="field" data-field="optimizer">
      <div class="field-head"><label for="training-optimizer">optimizer</label></div>
      <div class="control">
        <select id="training-optimizer" @change=${(e: Event) => this.change(withOptimizerType(training, (e.target as HTMLSelectElement).value as Training['optimizer']['type']))}>
          ${OPTIMIZERS.variants.map((v) => html`<option value=${v.tag} ?selected=${v.tag === training.optimizer.type}>${v.tag}</option>`)}
        </select>
      </div>
      <div class="desc">${t('training.optimizerHelp')}</div>
      <div class="settings">${(variant?.fields ?? []).map((field) => this.optimizerSetting(training, values, field))}</div>
    </div>`;
  }

  private optimizerSetting(training: Training, values: Record<string, unknown>, field: FieldSpec) {
    const key = `optimizer.${field.key}`;
    const present = Object.prototype.hasOwnProperty.call(values, field.key);
    return schemaField({
      field: { ...field, description: trainingFieldDescription(key, field.description) },
      id: `field-optimizer-${field.key}`,
      value: present ? values[field.key] : field.defaultValue,
      // A setting equal to its default reads as the default, as a layer parameter left out does.
      set: present && !(field.hasDefault && values[field.key] === field.defaultValue),
      draft: this.drafts.get(key),
      setDraft: (draft) => this.setDraft(key, draft),
      commit: (value) => this.change(withOptimizerSetting(training, field.key, value)),
      checks: this.checks((p) => p === `training.${key}`),
    });
  }

  private loss(training: Training, outputs: string[]) {
    const perOutput = typeof training.loss !== 'string';
    const mode = (each: boolean, label: string) =>
      html`<button aria-pressed=${perOutput === each} data-testid=${each ? 'loss-per-output' : 'loss-shared'} @click=${() => this.change(withLossPerOutput(training, each, outputs))}>${label}</button>`;
    const shapeProblems = (this.check?.diagnostics ?? []).filter((d) => d.code === 'LW205');
    let body;
    if (typeof training.loss === 'string') {
      body = html`<div class="control">
          ${fieldControl({
            field: SHARED_LOSS,
            id: 'training-loss',
            value: training.loss,
            set: true,
            draft: undefined,
            setDraft: () => undefined,
            commit: (value) => this.change(withLoss(training, value as Training['loss'])),
          })}
        </div>
        ${this.checkLines(this.checks((p) => p === 'training.loss'))}
        <div class="desc">${t('training.lossHelp')}</div>`;
    } else {
      const losses = training.loss;
      const keys = [...outputs, ...Object.keys(losses).filter((k) => !outputs.includes(k))];
      body = html`${this.checkLines(this.checks((p) => p === 'training.loss'))}
        <div class="desc">${t('training.lossHelp')}</div>
        <div class="settings">
          ${keys.map((output) =>
            schemaField({
              field: describeField(output, PER_OUTPUT_LOSS),
              id: `training-loss-${output}`,
              label: this.nameOf(output),
              value: losses[output],
              set: losses[output] !== undefined,
              draft: undefined,
              setDraft: () => undefined,
              commit: (value) => value !== undefined && this.change(withOutputLoss(training, output, value as string)),
              checks: this.checks((p) => p === `training.loss.${output}`),
            }),
          )}
        </div>`;
    }
    return html`<div class="field" data-field="loss">
      <div class="field-head">
        <label for=${perOutput ? nothing : 'training-loss'}>loss</label>
        ${perOutput || outputs.length > 1 ? html`<span class="mode" role="group" aria-label=${t('training.lossFor')}>${mode(false, t('training.lossShared'))}${mode(true, t('training.lossPerOutput'))}</span>` : nothing}
      </div>
      ${body} ${this.checkLines(shapeProblems)}
    </div>`;
  }

  private lossWeights(training: Training, outputs: string[]) {
    const weights = training.lossWeights ?? {};
    const keys = [...outputs, ...Object.keys(weights).filter((k) => !outputs.includes(k))];
    if (keys.length < 2 && Object.keys(weights).length === 0) return nothing;
    return html`<div class="field" data-field="lossWeights">
      <div class="field-head"><label>lossWeights</label><span class="default-tag">${t('inspector.optional')}</span></div>
      <div class="desc">${t('training.lossWeightsHelp')}</div>
      <div class="settings">
        ${keys.map((output) => {
          const key = `lossWeights.${output}`;
          const present = weights[output] !== undefined;
          return schemaField({
            field: { ...describeField(output, LOSS_WEIGHT.optional()), hasDefault: true, defaultValue: 1 },
            id: `field-lossWeight-${output}`,
            label: this.nameOf(output),
            value: present ? weights[output] : 1,
            set: present,
            draft: this.drafts.get(key),
            setDraft: (draft) => this.setDraft(key, draft),
            commit: (value) => this.change(withLossWeight(training, output, value as number | undefined)),
            checks: this.checks((p) => p === `training.${key}`),
          });
        })}
      </div>
    </div>`;
  }

  private metrics(training: Training) {
    return html`<div class="field" data-field="metrics">
      <div class="field-head"><label>metrics</label></div>
      <div class="metrics" role="group" aria-label="metrics" data-testid="metrics">
        ${METRICS.map(
          (metric) => html`<label title=${metric}>
            <input type="checkbox" data-metric=${metric} .checked=${live(training.metrics.includes(metric as never))} @change=${(e: Event) => this.change(withMetric(training, metric, (e.target as HTMLInputElement).checked))} />${metric}
          </label>`,
        )}
      </div>
    </div>`;
  }

  override render() {
    const document = this.document;
    if (!document) return nothing;
    const training = document.training;
    const head = html`<div class="section-head">
      <h3 class="panel-title">${t('inspector.training')}</h3>
      ${training
        ? html`<button data-testid="remove-training" @click=${() => this.editor?.editModel((d) => setTraining(d, undefined))}>${t('training.remove')}</button>`
        : html`<button class="bordered" data-testid="add-training" @click=${() => this.editor?.editModel((d) => setTraining(d, defaultTraining()))}>${t('training.add')}</button>`}
    </div>`;
    if (!training) return html`${head}<p class="muted empty">${t('inspector.noTraining')}</p>`;
    const outputs = this.outputs();
    return html`${head}${this.optimizer(training)}${this.loss(training, outputs)}${this.lossWeights(training, outputs)}${this.metrics(training)}`;
  }
}

customElements.define('lw-training-form', TrainingFormElement);

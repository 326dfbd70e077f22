import { css, html, LitElement, nothing } from 'lit';
import type { Shape } from '../../schemas/shape';
import type { DataProblem, DataResult } from '../../runtime/datasets/data-problem';
import type { Dataset, LabelEncoding } from '../../runtime/datasets';
import type { DataFile } from '../../runtime/datasets/image-folder';
import { getLocale, LocaleController, t } from '../i18n/locale';
import { controlStyles } from './shared-styles';
import { summarize, type ClassSummary } from './user-data-summary';
import { userData } from './user-data-store';

const readers = () => import('./user-data-readers');

/** A CSV file as the column chooser shows it: its header, first rows, and the person's choice of columns. */
interface CsvChoice {
  fileName: string;
  text: string;
  header: string[];
  preview: string[][];
  features: string[];
  label: string;
  encoding: LabelEncoding;
}

/** Images as read: kept so that a change of the model Input's shape reads them again at the new size. */
interface ImageChoice {
  name: string;
  files: DataFile[];
}

/** How many rows of a CSV the preview shows. */
const PREVIEW_ROWS = 5;

/**
 * `<lw-user-data>`: the Train tab's "Your data…": a CSV file (feature
 * columns, label column, one-hot or sparse labels, a preview and the class
 * counts) or images in one sub-folder per class, from a folder or a zip
 * (classes with counts and thumbnails, resized to the model Input's shape).
 * A file read without problems becomes the page's user dataset
 * (user-data-store.ts); one with problems lists them, each with its line and
 * column, and changes nothing.
 */
export class UserDataElement extends LitElement {
  static override properties = {
    inputShape: { attribute: false },
    disabled: { type: Boolean },
    reading: { state: true },
    problems: { state: true },
    csv: { state: true },
    images: { state: true },
    summary: { state: true },
  };
  /** The per-sample shape of the model's first Input: images are resized to it. */
  declare inputShape: Shape | undefined;
  declare disabled: boolean;
  /** The name of the file being read, '' when none is. */
  declare reading: string;
  declare problems: DataProblem[];
  declare csv: CsvChoice | undefined;
  declare images: ImageChoice | undefined;
  declare summary: ClassSummary[] | undefined;
  /** Counts each read, so a slow read that a newer one overtook is dropped. */
  private reads = 0;

  constructor() {
    super();
    new LocaleController(this);
    this.disabled = false;
    this.reading = '';
    this.problems = [];
  }

  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        margin-top: 8px;
        font-size: 12px;
      }
      .saved {
        margin: 0 0 8px;
        color: var(--lw-faint);
        font-size: 11.5px;
      }
      .pickers {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
      }
      .pickers label {
        position: relative;
        display: inline-flex;
        align-items: center;
        height: 28px;
        padding: 0 10px;
        border-radius: 8px;
        border: 1px solid var(--lw-border);
        background: var(--lw-panel);
        cursor: pointer;
        font-weight: 600;
      }
      .pickers label:hover {
        background: var(--lw-panel-2);
      }
      .pickers input {
        position: absolute;
        inset: 0;
        opacity: 0;
        cursor: pointer;
        width: 100%;
      }
      .problems {
        margin: 8px 0 0;
        padding: 7px 10px 7px 26px;
        border-radius: 8px;
        background: var(--lw-error-soft);
        border: 1px solid color-mix(in srgb, var(--lw-error) 35%, transparent);
      }
      .problems p {
        margin: 4px 0 0 -16px;
        font-weight: 600;
      }
      h4 {
        margin: 12px 0 4px;
        font-size: 11.5px;
        color: var(--lw-muted);
      }
      .columns {
        display: flex;
        flex-wrap: wrap;
        gap: 2px 12px;
      }
      .columns label,
      .row label {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 14px;
        align-items: center;
        margin-top: 8px;
      }
      .row label {
        font-weight: 600;
        color: var(--lw-muted);
      }
      .table {
        overflow-x: auto;
        border: 1px solid var(--lw-border);
        border-radius: 8px;
      }
      table {
        border-collapse: collapse;
        font-variant-numeric: tabular-nums;
        width: 100%;
      }
      th,
      td {
        padding: 3px 8px;
        text-align: left;
        white-space: nowrap;
        border-bottom: 1px solid var(--lw-border);
      }
      tr:last-child td {
        border-bottom: none;
      }
      th {
        background: var(--lw-panel-2);
      }
      th.label,
      td.label {
        color: var(--lw-accent);
      }
      td.skipped,
      th.skipped {
        color: var(--lw-faint);
      }
      .classes {
        display: grid;
        grid-template-columns: auto auto 1fr;
        gap: 4px 10px;
        align-items: center;
      }
      .count {
        font-variant-numeric: tabular-nums;
        color: var(--lw-muted);
      }
      .thumbs {
        display: flex;
        gap: 4px;
      }
      .thumbs img {
        width: 28px;
        height: 28px;
        image-rendering: pixelated;
        border: 1px solid var(--lw-border);
        border-radius: 4px;
      }
      .hint {
        margin: 6px 0 0;
        color: var(--lw-faint);
      }
    `,
  ];

  protected override willUpdate(changed: Map<string, unknown>): void {
    // Images are sized for the model: read them again when its Input's shape changes (a LW208 fix, an edit).
    const before = changed.get('inputShape') as Shape | undefined;
    if (changed.has('inputShape') && this.images && JSON.stringify(before) !== JSON.stringify(this.inputShape)) void this.readImages(this.images);
  }

  // ——— reading ———

  /** Shows the problems and keeps the dataset in use, or makes the new one the page's user dataset. */
  private async take(read: DataResult<Dataset>, ticket: number) {
    if (ticket !== this.reads) return;
    if (!read.ok) {
      this.problems = read.problems;
      this.reading = '';
      return;
    }
    const summary = await summarize(read.dataset);
    if (ticket !== this.reads) return;
    this.problems = [];
    this.summary = summary;
    this.reading = '';
    userData.set({ dataset: read.dataset, active: true });
  }

  private async pickCsv(file: File) {
    const ticket = ++this.reads;
    this.reading = file.name;
    const text = await file.text();
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    const [header = [], ...preview] = (await readers()).previewRows(body, PREVIEW_ROWS + 1);
    const names = header.map((name) => name.trim());
    // Guess the usual layout: the label last, every other column a feature.
    const label = names.at(-1) ?? '';
    this.images = undefined;
    this.csv = { fileName: file.name, text, header: names, preview, features: names.filter((n) => n !== label && n !== ''), label, encoding: 'one-hot' };
    await this.readCsv(this.csv, ticket);
  }

  private async readCsv(csv: CsvChoice, ticket = ++this.reads) {
    const { parseCsvDataset } = await readers();
    await this.take(parseCsvDataset(csv.text, { fileName: csv.fileName, labels: csv.label ? [csv.label] : [], features: csv.features, labelEncoding: csv.encoding }), ticket);
  }

  private changeCsv(change: Partial<CsvChoice>) {
    if (!this.csv) return;
    const csv = { ...this.csv, ...change };
    if (change.label !== undefined) csv.features = csv.features.filter((f) => f !== change.label);
    this.csv = csv;
    void this.readCsv(csv);
  }

  private async pickImages(files: File[]) {
    const ticket = ++this.reads;
    // A folder's files carry their path below the chosen folder; the folder's own name starts it.
    const name = files[0]?.webkitRelativePath.split('/')[0] || 'images';
    this.reading = name;
    const dataFiles = await Promise.all(files.map(async (file) => ({ path: file.webkitRelativePath || file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
    await this.readImages({ name, files: dataFiles }, ticket);
  }

  private async pickZip(file: File) {
    const ticket = ++this.reads;
    this.reading = file.name;
    const { unzipFiles } = await readers();
    const unzipped = unzipFiles(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!unzipped.ok) return this.take(unzipped, ticket);
    await this.readImages({ name: file.name, files: unzipped.files }, ticket);
  }

  private async readImages(images: ImageChoice, ticket = ++this.reads) {
    this.reading = images.name;
    const { imageSizeForInput, readImageFolder } = await readers();
    const read = await readImageFolder(images.files, { name: images.name, size: imageSizeForInput(this.inputShape ?? []) });
    if (read.ok && ticket === this.reads) {
      this.csv = undefined;
      this.images = images;
    }
    await this.take(read, ticket);
  }

  private onFiles(e: Event, use: (files: File[]) => unknown) {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // choosing the same file again after fixing it reads it again
    if (files.length) void use(files);
  }

  // ——— views ———

  private problemsView() {
    if (!this.problems.length) return nothing;
    const zh = getLocale() === 'zh-CN';
    const kept = userData.dataset ? t('userData.kept', { name: userData.dataset.name }) : t('userData.keptNone');
    return html`<ul class="problems" role="alert" data-testid="user-data-problems">
      ${this.problems.map((p) => html`<li data-line=${p.line ?? ''} data-column=${p.column ?? ''}>${zh ? p.text.zh : p.text.en}</li>`)}
      <p data-testid="user-data-kept">${kept}</p>
    </ul>`;
  }

  private csvView(csv: CsvChoice) {
    const role = (name: string) => (name === csv.label ? 'label' : csv.features.includes(name) ? '' : 'skipped');
    return html`<h4>${t('userData.features')}</h4>
      <div class="columns" data-testid="user-csv-features">
        ${csv.header.map(
          (name) =>
            html`<label
              ><input
                type="checkbox"
                value=${name}
                .checked=${csv.features.includes(name)}
                ?disabled=${this.disabled || name === csv.label || name === ''}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  // Keep the file's column order, whatever order they are ticked in.
                  this.changeCsv({ features: csv.header.filter((n) => (n === name ? on : csv.features.includes(n))) });
                }}
              />${name}</label
            >`,
        )}
      </div>
      <div class="row">
        <label
          >${t('userData.label')}
          <select data-testid="user-csv-label" ?disabled=${this.disabled} @change=${(e: Event) => this.changeCsv({ label: (e.target as HTMLSelectElement).value })}>
            ${csv.header.map((name) => html`<option value=${name} ?selected=${name === csv.label}>${name}</option>`)}
          </select></label
        >
        <label
          >${t('userData.encoding')}
          <select data-testid="user-csv-encoding" ?disabled=${this.disabled} @change=${(e: Event) => this.changeCsv({ encoding: (e.target as HTMLSelectElement).value as LabelEncoding })}>
            <option value="one-hot" ?selected=${csv.encoding === 'one-hot'}>${t('userData.oneHot')}</option>
            <option value="sparse" ?selected=${csv.encoding === 'sparse'}>${t('userData.sparse')}</option>
          </select></label
        >
      </div>
      <h4>${t('userData.preview', { name: csv.fileName })}</h4>
      <div class="table">
        <table data-testid="user-csv-preview">
          <tr>
            ${csv.header.map((name) => html`<th class=${role(name)}>${name}</th>`)}
          </tr>
          ${csv.preview.map((row) => html`<tr>${csv.header.map((name, i) => html`<td class=${role(name)}>${row[i] ?? ''}</td>`)}</tr>`)}
        </table>
      </div>`;
  }

  private classesView() {
    const dataset = userData.dataset;
    if (!this.summary || !dataset || this.problems.length) return nothing;
    const total = dataset.defaultSamples;
    const image = dataset.inputs[0]?.shape.length === 3 ? dataset.inputs[0].shape : undefined;
    return html`${this.summary.map(
        (s) => html`<h4>${image ? t('userData.imageClasses') : t('userData.classes', { label: s.label })} · ${t('userData.samples', { count: total })}</h4>
          <div class="classes" data-testid="user-data-classes">
            ${s.classes.map(
              (c) => html`<span data-class=${c.name}>${c.name}</span><span class="count">${c.count}</span>
                <span class="thumbs">${c.thumbnails.map((src) => html`<img src=${src} alt=${c.name} />`)}</span>`,
            )}
          </div>`,
      )}
      ${image ? html`<p class="hint" data-testid="user-data-size">${t('userData.imageSize', { shape: `${image.join(' × ')}` })}</p>` : nothing}`;
  }

  override render() {
    return html`<p class="saved" data-testid="user-data-not-saved">${t('userData.notSaved')}</p>
      <div class="pickers">
        <label
          >${t('userData.csv')}<input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="user-csv" ?disabled=${this.disabled} @change=${(e: Event) => this.onFiles(e, ([file]) => this.pickCsv(file!))}
        /></label>
        <label
          >${t('userData.folder')}<input type="file" webkitdirectory multiple data-testid="user-folder" ?disabled=${this.disabled} @change=${(e: Event) => this.onFiles(e, (files) => this.pickImages(files))}
        /></label>
        <label
          >${t('userData.zip')}<input type="file" accept=".zip,application/zip" data-testid="user-zip" ?disabled=${this.disabled} @change=${(e: Event) => this.onFiles(e, ([file]) => this.pickZip(file!))}
        /></label>
      </div>
      ${this.reading ? html`<p class="hint" data-testid="user-data-reading">${t('userData.reading', { name: this.reading })}</p>` : nothing}
      ${!this.csv && !this.images && !userData.dataset && !this.problems.length ? html`<p class="hint">${t('userData.choose')}</p>` : nothing}
      ${this.problemsView()} ${this.csv ? this.csvView(this.csv) : nothing} ${this.classesView()}`;
  }
}

customElements.define('lw-user-data', UserDataElement);

declare global {
  interface HTMLElementTagNameMap {
    'lw-user-data': UserDataElement;
  }
}

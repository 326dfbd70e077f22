import { css, html, LitElement, nothing } from 'lit';
import type { GraphDocument } from '../../schemas/graph';
import { documentError, parseGraphDocument, type DocumentError } from '../../schemas/parse';
import type { CheckResult } from '../../compiler/check';
import type { Diagnostic, Fix } from '../../compiler/diagnostics';
import { LayerwireEditor } from '../editor/layerwire-editor';
import { foldLocally, keepUnreadable, loadLocal, saveLocally } from '../document/autosave';
import { openingDocument, showingDocument } from '../runtime/trained-weights';
import { decodeShareFragment, encodeShareFragment, SHARE_PREFIX } from '../document/share-link';
import { readGraphText } from '../document/open-file';
import { themeTokens } from '../theme/tokens';
import { getLocale, LOCALES, LocaleController, setLocale, t, tn, type Locale } from '../i18n/locale';
import { diagnosticMessage } from '../i18n/diagnostic-text';
import { seedDocument, type Example } from './examples';
import { downloadText } from './download';
import { controlStyles } from './shared-styles';
import { icon } from './icons';
import type { GalleryElement, HelpElement, LoadErrorElement } from './dialogs';
import './palette';
import './inspector';
import './code-panel';
import './summary-panel';
import type { CostOverlayEvent } from './summary-panel';
import './train-panel';
import './inspect-panel';
import './diagnostics-panel';
import './dialogs';

type Theme = 'light' | 'dark';
type Tab = 'inspector' | 'code' | 'summary' | 'train' | 'inspect';
const THEME_KEY = 'layerwire:theme';

function preferredTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* no storage */
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const emptyGraph = (): GraphDocument => ({ format: 'layerwire.graph', version: 1, name: 'model', nodes: [], edges: [], blocks: {} });

/**
 * `<layerwire-app>`: the editor with its palette, inspector, code view,
 * summary, diagnostics and toolbar. The document lives in the editor; the
 * panels render what the editor's events say.
 */
export class LayerwireApp extends LitElement {
  static override properties = {
    theme: { type: String, reflect: true },
    document: { state: true },
    check: { state: true },
    diagnostics: { state: true },
    selection: { state: true },
    tab: { state: true },
    readonly: { state: true },
    notice: { state: true },
    backend: { state: true },
    historyVersion: { state: true },
  };
  declare theme: Theme;
  declare document: GraphDocument | undefined;
  declare check: CheckResult | undefined;
  declare diagnostics: Diagnostic[];
  declare selection: string[];
  declare tab: Tab;
  declare readonly: boolean;
  declare notice: { text: string; link?: string } | null;
  declare backend: string;
  declare historyVersion: number;
  private noticeTimer?: ReturnType<typeof setTimeout>;
  private themeFromUser = false;
  /** Autosave starts once the first document is in: the editor's empty start must not overwrite the saved graph. */
  private started = false;
  /** Off while an autosave this version cannot read could not be kept aside: saving would overwrite it. */
  private autosaveOff = false;

  constructor() {
    super();
    new LocaleController(this);
    this.theme = preferredTheme();
    this.diagnostics = [];
    this.selection = [];
    this.tab = 'inspector';
    this.readonly = false;
    this.notice = null;
    this.backend = '';
    this.historyVersion = 0;
    try {
      this.themeFromUser = localStorage.getItem(THEME_KEY) !== null;
    } catch {
      /* no storage */
    }
  }

  static override styles = [
    themeTokens,
    controlStyles,
    css`
      :host {
        display: grid;
        grid-template-rows: 52px minmax(0, 1fr);
        grid-template-columns: 232px minmax(0, 1fr) 360px;
        grid-template-areas: 'top top top' 'left center right';
        height: 100%;
        background: var(--lw-bg);
        color: var(--lw-text);
        overflow: hidden;
      }
      header {
        grid-area: top;
        display: flex;
        align-items: center;
        gap: 4px;
        padding: 0 10px 0 14px;
        background: var(--lw-panel);
        border-bottom: 1px solid var(--lw-border);
        min-width: 0;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 9px;
        font-weight: 750;
        font-size: 15px;
        letter-spacing: -0.01em;
        margin-right: 10px;
      }
      .logo {
        width: 26px;
        height: 26px;
        border-radius: 7px;
        background: linear-gradient(135deg, #4f6bed, #8b5cf6);
        display: grid;
        place-items: center;
        color: white;
      }
      .sep {
        width: 1px;
        height: 22px;
        background: var(--lw-border);
        margin: 0 6px;
        flex: none;
      }
      .model-name {
        font-weight: 600;
        color: var(--lw-muted);
        max-width: 180px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        margin-right: 6px;
      }
      .spacer {
        flex: 1;
      }
      .status {
        min-width: 104px;
        justify-content: center;
        display: inline-flex;
        align-items: center;
        gap: 6px;
        height: 28px;
        padding: 0 10px;
        border-radius: 999px;
        font-size: 12px;
        font-weight: 600;
        white-space: nowrap;
        border: 1px solid var(--lw-border);
      }
      .status.ok {
        color: var(--lw-ok);
      }
      .status.error {
        color: var(--lw-error);
        background: var(--lw-error-soft);
        border-color: color-mix(in srgb, var(--lw-error) 35%, transparent);
      }
      .status .icon {
        width: 15px;
        height: 15px;
      }
      .backend {
        font-size: 11px;
        color: var(--lw-faint);
        margin: 0 6px;
        white-space: nowrap;
      }
      select.lang {
        height: 30px;
        margin: 0 4px;
      }
      button.toggled {
        background: var(--lw-warning-soft);
        border-color: var(--lw-warning);
      }
      aside.left {
        grid-area: left;
        background: var(--lw-panel);
        border-right: 1px solid var(--lw-border);
        min-height: 0;
      }
      main {
        grid-area: center;
        display: grid;
        grid-template-rows: minmax(0, 1fr) auto;
        min-height: 0;
        min-width: 0;
      }
      layerwire-editor {
        min-height: 0;
      }

      aside.right {
        grid-area: right;
        display: grid;
        grid-template-rows: 42px minmax(0, 1fr);
        background: var(--lw-panel);
        border-left: 1px solid var(--lw-border);
        min-height: 0;
      }
      .tabs {
        display: flex;
        gap: 2px;
        padding: 6px 8px 0;
        border-bottom: 1px solid var(--lw-border);
      }
      .tabs button {
        height: 35px;
        /* Five tabs share 360px. */
        padding: 0 6px;
        border-radius: 8px 8px 0 0;
        border: none;
        border-bottom: 2px solid transparent;
        color: var(--lw-muted);
        font-weight: 600;
      }
      .tabs button:hover {
        background: transparent;
        color: var(--lw-text);
      }
      .tabs button[aria-selected='true'] {
        color: var(--lw-accent);
        border-bottom-color: var(--lw-accent);
      }
      .tab-body {
        min-height: 0;
      }
      .tab-body > * {
        height: 100%;
      }
      .tab-body > [hidden] {
        display: none;
      }
      .notice {
        position: fixed;
        left: 50%;
        bottom: 28px;
        transform: translateX(-50%);
        z-index: 50;
        display: flex;
        align-items: center;
        gap: 10px;
        max-width: min(720px, calc(100vw - 32px));
        padding: 10px 12px 10px 16px;
        border-radius: 12px;
        background: var(--lw-text);
        color: var(--lw-bg);
        box-shadow: 0 12px 32px rgba(0, 0, 0, 0.3);
        font-size: 13px;
      }
      .notice input {
        width: 320px;
        background: transparent;
        color: inherit;
        border-color: color-mix(in srgb, var(--lw-bg) 40%, transparent);
        font-family: var(--lw-mono);
        font-size: 11.5px;
      }
      .notice button {
        color: inherit;
      }
      .drop-hint {
        position: fixed;
        inset: 0;
        z-index: 60;
        display: grid;
        place-items: center;
        background: var(--lw-overlay);
        color: white;
        font-size: 18px;
        font-weight: 700;
        pointer-events: none;
      }
      @media (max-width: 1100px) {
        :host {
          grid-template-columns: 200px minmax(0, 1fr) 300px;
        }
        .label-text {
          display: none;
        }
        .tabs button {
          padding: 0 7px;
        }
      }
    `,
  ];

  private get editor(): LayerwireEditor | null {
    return this.renderRoot.querySelector('layerwire-editor');
  }

  // ——— startup ———

  protected override async firstUpdated(): Promise<void> {
    const editor = this.editor!;
    await editor.updateComplete;
    await editor.load(this.savedOrSeed(), { record: false });
    this.started = true;
    // A shared link opens on top, as an undoable step: undo brings back the graph this browser had.
    const shared = await this.sharedDocument();
    if (shared) await this.openDocument(shared);
    this.autosave(editor.graph);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => {
      if (!this.themeFromUser) this.theme = e.matches ? 'dark' : 'light';
    });
    // A hidden tab may never come back: leave the whole graph in the base key, where an older Layerwire looks.
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && foldLocally());
    addEventListener('keydown', (e) => this.onKey(e));
    addEventListener('dragover', (e) => this.onDragOver(e));
    addEventListener('dragleave', (e) => e.relatedTarget === null && this.showDropHint(false));
    addEventListener('drop', (e) => void this.onDrop(e));
  }

  /** tfjs is large: it starts the first time the code view (which builds and saves models), the Train tab or the Inspect tab is opened, not at page load. */
  private startTfjs() {
    if (this.backend) return;
    this.backend = '…';
    void import('../runtime/tfjs')
      .then((m) => m.initTfjs())
      .then(
        (backend) => (this.backend = backend),
        () => (this.backend = 'unavailable'),
      );
  }

  /**
   * The graph autosaved in this browser, else the seed CNN. An autosave that
   * cannot be read (written by a newer Layerwire, or damaged) is the user's
   * work all the same: it is moved aside, never overwritten, and the user is
   * told where it is and given it as a file.
   */
  private savedOrSeed(): GraphDocument {
    const saved = loadLocal();
    if (saved === undefined) return seedDocument() ?? emptyGraph();
    const parsed = saved.json === undefined ? undefined : parseGraphDocument(saved.json);
    if (parsed?.ok) return parsed.document;
    const kept = keepUnreadable(saved);
    this.autosaveOff = !kept;
    const errors = parsed?.errors ?? [documentError('(autosave)', 'the saved text is not a JSON document Layerwire can read', '保存的文本不是 Layerwire 能读取的 JSON 文档')];
    this.showLoadError(t('autosave.name'), errors, { text: saved.base, kept: kept?.base });
    return seedDocument() ?? emptyGraph();
  }

  /** Stores the graph in this browser (autosave.ts), unless an unreadable autosave is still in the way. */
  private autosave(document: GraphDocument) {
    if (!this.autosaveOff) saveLocally(document);
  }

  /** Autosaves over an autosave that could not be kept aside: the user has downloaded it, or chosen to let it go. */
  private resumeAutosave() {
    this.autosaveOff = false;
    const graph = this.editor?.graph;
    if (graph) this.autosave(graph);
  }

  /**
   * Shows another document (a file, an example, a link, a new graph), as an undoable step.
   * Weights trained on the graph before belong to that graph, even where another
   * graph's ids and shapes happen to match: they are put away (an edit keeps them),
   * and undoing the open brings them back (trained-weights.ts).
   */
  private openDocument(document: GraphDocument): Promise<void> {
    // A copy: the opened graph must be an object never shown before, even when the same example opens twice.
    const opened = { ...document };
    openingDocument(opened);
    return this.editor?.load(opened) ?? Promise.resolve();
  }

  /** The graph a share link in the address carries (the link is then cleared, so a reload shows the autosave). */
  private async sharedDocument(): Promise<GraphDocument | undefined> {
    if (!location.hash.startsWith(SHARE_PREFIX)) return undefined;
    const decoded = await decodeShareFragment(location.hash);
    history.replaceState(null, '', location.pathname + location.search);
    if (!decoded.ok) {
      this.showLoadError(t('share.linkName'), [documentError('(link)', decoded.message, decoded.messageZh)]);
      return undefined;
    }
    const parsed = parseGraphDocument(decoded.json);
    if (parsed.ok) return parsed.document;
    this.showLoadError(t('share.linkName'), parsed.errors);
    return undefined;
  }

  // ——— editor events ———

  private onGraphChange(e: CustomEvent<GraphDocument>) {
    showingDocument(e.detail); // first: undo or redo across an open swaps the trained weights the panels read
    this.document = e.detail;
    this.check = this.editor?.checkResult;
    if (this.started) this.autosave(e.detail);
  }

  private onDiagnostics(e: CustomEvent<Diagnostic[]>) {
    this.diagnostics = e.detail;
    this.check = this.editor?.checkResult;
  }

  private onSelection(e: CustomEvent<{ nodes: string[] }>) {
    this.selection = e.detail.nodes;
    if (this.selection.length > 0 && this.tab !== 'inspector' && this.tab !== 'code' && this.tab !== 'inspect') this.tab = 'inspector';
  }

  // ——— files ———

  private newGraph() {
    void this.openDocument(emptyGraph());
    this.say(t('file.newDone'));
  }

  private save() {
    const document = this.editor?.graph;
    if (!document) return;
    downloadText(JSON.stringify(document, null, 2), `${(document.name || 'model').replace(/[^\w.-]+/g, '_')}.layerwire.json`);
  }

  private pickFile() {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=file]');
    input?.click();
  }

  /** Opens a file's text: a GraphDocument or a Keras/tfjs model, or a refusal that keeps the current graph. */
  openText(text: string, fileName: string, weightFiles?: ReadonlyMap<string, Uint8Array>): boolean {
    const result = readGraphText(text, fileName, weightFiles);
    if (!result.ok) {
      this.showLoadError(fileName, result.errors);
      return false;
    }
    void this.openDocument(result.document);
    const notes = result.notes.length;
    this.say(notes ? tn('file.openedNotes', notes, { file: fileName, first: diagnosticMessage(result.notes[0]!) }) : t('file.opened', { file: fileName }));
    return true;
  }

  /** The first JSON file is the graph or model; the others are its weight shards. */
  private async openFiles(files: File[]) {
    const main = files.find((f) => /\.json$/i.test(f.name)) ?? files[0];
    if (!main) return;
    const weights = new Map<string, Uint8Array>();
    for (const file of files) if (file !== main) weights.set(file.name, new Uint8Array(await file.arrayBuffer()));
    this.openText(await main.text(), main.name, weights);
  }

  /** The load-error dialog; for an autosave that could not be read, also where it was kept and a download of it. */
  private showLoadError(fileName: string, errors: DocumentError[], unreadableAutosave?: LoadErrorElement['unreadableAutosave']) {
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector<LoadErrorElement>('lw-load-error')!;
      dialog.fileName = fileName;
      dialog.errors = errors;
      dialog.unreadableAutosave = unreadableAutosave;
      dialog.show();
    });
  }

  private onDragOver(e: DragEvent) {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.showDropHint(true);
  }

  private dropHint = false;
  private showDropHint(on: boolean) {
    if (this.dropHint === on) return;
    this.dropHint = on;
    this.requestUpdate();
  }

  private async onDrop(e: DragEvent) {
    this.showDropHint(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    await this.openFiles(files);
  }

  private async share() {
    const document = this.editor?.graph;
    if (!document) return;
    const link = `${location.origin}${location.pathname}${await encodeShareFragment(document)}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch {
      /* shown below for copying by hand */
    }
    this.say(copied ? t('share.copied') : t('share.copyHint'), link);
  }

  private openExample(e: CustomEvent<Example>) {
    void this.openDocument(e.detail.document);
  }

  // ——— chrome ———

  private say(text: string, link?: string) {
    this.notice = { text, ...(link ? { link } : {}) };
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = null), link ? 12000 : 3500);
  }

  private toggleTheme() {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
    this.themeFromUser = true;
    try {
      localStorage.setItem(THEME_KEY, this.theme);
    } catch {
      /* no storage */
    }
  }

  private applyFix(e: CustomEvent<Fix>) {
    this.editor?.applyFix(e.detail);
  }

  private onKey(e: KeyboardEvent) {
    const target = e.composedPath()[0] as HTMLElement;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target?.isContentEditable;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 's') {
      e.preventDefault();
      this.save();
    } else if (mod && e.key.toLowerCase() === 'o') {
      e.preventDefault();
      this.pickFile();
    } else if (!typing && e.key === '?') {
      e.preventDefault();
      this.renderRoot.querySelector<HelpElement>('lw-help')?.show();
    }
  }

  protected override updated(changed: Map<string, unknown>) {
    if (changed.has('theme')) document.documentElement.style.colorScheme = this.theme;
    if (changed.has('tab') && (this.tab === 'code' || this.tab === 'train' || this.tab === 'inspect')) this.startTfjs();
  }

  private toolButton(name: Parameters<typeof icon>[0], label: string, action: () => void, options: { disabled?: boolean; showLabel?: boolean; testid?: string; toggled?: boolean } = {}) {
    return html`<button
      class="${options.showLabel ? '' : 'icon-only'} ${options.toggled ? 'toggled' : ''}"
      title=${label}
      aria-label=${label}
      aria-pressed=${options.toggled === undefined ? nothing : String(options.toggled)}
      data-testid=${options.testid ?? nothing}
      ?disabled=${options.disabled}
      @click=${action}
    >
      ${icon(name)}${options.showLabel ? html`<span class="label-text">${label}</span>` : nothing}
    </button>`;
  }

  override render() {
    const errors = this.diagnostics.filter((d) => d.severity === 'error').length;
    const editor = this.editor;
    void this.historyVersion;
    return html`<header>
        <div class="brand"><span class="logo">${icon('arrange')}</span>Layerwire</div>
        ${this.toolButton('new', t('toolbar.new'), () => this.newGraph(), { showLabel: true, testid: 'new' })}
        ${this.toolButton('open', t('toolbar.open'), () => this.pickFile(), { showLabel: true, testid: 'open' })}
        ${this.toolButton('save', t('toolbar.save'), () => this.save(), { showLabel: true, testid: 'save' })}
        ${this.toolButton('gallery', t('toolbar.examples'), () => this.renderRoot.querySelector<GalleryElement>('lw-gallery')?.show(), { showLabel: true, testid: 'examples' })}
        ${this.toolButton('share', t('toolbar.share'), () => void this.share(), { showLabel: true, testid: 'share' })}
        <span class="sep"></span>
        ${this.toolButton('undo', t('toolbar.undo'), () => void editor?.undo(), { disabled: !editor?.canUndo || this.readonly, testid: 'undo' })}
        ${this.toolButton('redo', t('toolbar.redo'), () => void editor?.redo(), { disabled: !editor?.canRedo || this.readonly, testid: 'redo' })}
        <span class="sep"></span>
        ${this.toolButton('arrange', t('toolbar.arrange'), () => void editor?.arrange(), { disabled: this.readonly, testid: 'arrange' })}
        ${this.toolButton('fit', t('toolbar.fit'), () => void editor?.zoomToFit(), { testid: 'fit' })}
        ${this.toolButton('group', t('block.group'), () => void editor?.groupSelection(), { disabled: this.readonly || this.selection.length === 0, testid: 'group' })}
        ${this.toolButton(this.readonly ? 'lock' : 'unlock', t('toolbar.readonly'), () => (this.readonly = !this.readonly), { toggled: this.readonly, testid: 'readonly' })}
        <span class="spacer"></span>
        <span class="model-name" title=${this.document?.name ?? ''}>${this.document?.name ?? ''}</span>
        <span class="status ${errors ? 'error' : 'ok'}" data-testid="status">${errors ? html`${icon('error')}${tn('diagnostics.errors', errors)}` : html`${icon('ok')}${t('status.ok')}`}</span>
        ${this.backend ? html`<span class="backend" title=${t('status.backend')} data-testid="backend">tfjs · ${this.backend}</span>` : nothing}
        <select class="lang" aria-label=${t('toolbar.language')} data-testid="language" @change=${(e: Event) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
          ${LOCALES.map((l) => html`<option value=${l.id} ?selected=${l.id === getLocale()}>${l.label}</option>`)}
        </select>
        ${this.toolButton(this.theme === 'dark' ? 'sun' : 'moon', t(this.theme === 'dark' ? 'toolbar.light' : 'toolbar.dark'), () => this.toggleTheme(), { testid: 'theme' })}
        ${this.toolButton('help', t('toolbar.help'), () => this.renderRoot.querySelector<HelpElement>('lw-help')?.show(), { testid: 'help-button' })}
      </header>
      <aside class="left"><lw-palette @add-layer=${(e: CustomEvent<{ kind: string }>) => editor?.addLayer(e.detail.kind)}></lw-palette></aside>
      <main>
        <layerwire-editor
          theme=${this.theme}
          ?readonly=${this.readonly}
          @graph-change=${this.onGraphChange}
          @diagnostics=${this.onDiagnostics}
          @selection-change=${this.onSelection}
          @history-change=${() => this.historyVersion++}
        ></layerwire-editor>
        <lw-diagnostics-panel
          .diagnostics=${this.diagnostics}
          .document=${this.document}
          @focus-node=${(e: CustomEvent<{ id: string }>) => void editor?.focusNode(e.detail.id)}
          @apply-fix=${this.applyFix}
        ></lw-diagnostics-panel>
      </main>
      <aside class="right">
        <div class="tabs" role="tablist">
          ${(['inspector', 'code', 'summary', 'train', 'inspect'] as Tab[]).map(
            (tab) => html`<button role="tab" data-tab=${tab} aria-selected=${this.tab === tab} @click=${() => (this.tab = tab)}>${t(`tab.${tab}`)}</button>`,
          )}
        </div>
        <div class="tab-body" @focus-node=${(e: CustomEvent<{ id: string }>) => void editor?.focusNode(e.detail.id)}>
          <lw-inspector
            class="scroll"
            ?hidden=${this.tab !== 'inspector'}
            .editor=${editor ?? undefined}
            .document=${editor?.scopeDocument ?? this.document}
            .check=${editor?.scopeCheck ?? this.check}
            .selection=${this.selection}
          ></lw-inspector>
          <lw-code-panel ?hidden=${this.tab !== 'code'} .check=${this.check} ?active=${this.tab === 'code'}></lw-code-panel>
          <lw-summary-panel
            class="scroll"
            ?hidden=${this.tab !== 'summary'}
            ?active=${this.tab === 'summary'}
            .check=${this.check}
            .editor=${editor ?? undefined}
            @cost-overlay=${(e: CostOverlayEvent) => editor && (editor.costOverlay = e.detail)}
          ></lw-summary-panel>
          <lw-train-panel
            class="scroll"
            ?hidden=${this.tab !== 'train'}
            ?active=${this.tab === 'train'}
            .editor=${editor ?? undefined}
            .document=${this.document}
            .check=${this.check}
            theme=${this.theme}
            tfjs-backend=${this.backend}
            @apply-fix=${this.applyFix}
            @backend-change=${(e: CustomEvent<string>) => (this.backend = e.detail)}
          ></lw-train-panel>
          <lw-inspect-panel class="scroll" ?hidden=${this.tab !== 'inspect'} .check=${this.check} ?active=${this.tab === 'inspect'}></lw-inspect-panel>
        </div>
      </aside>
      <input type="file" accept=".json,.bin,application/json" multiple hidden data-testid="file-input" @change=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        const files = [...(input.files ?? [])];
        if (files.length) void this.openFiles(files);
        input.value = '';
      }} />
      <lw-gallery @open-example=${this.openExample}></lw-gallery>
      <lw-help></lw-help>
      <lw-load-error @resume-autosave=${() => this.resumeAutosave()}></lw-load-error>
      ${this.notice
        ? html`<div class="notice" role="status" data-testid="notice">
            <span>${this.notice.text}</span>
            ${this.notice.link ? html`<input readonly .value=${this.notice.link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} data-testid="share-link" />` : nothing}
            <button class="icon-only" aria-label=${t('dialog.close')} @click=${() => (this.notice = null)}>${icon('close')}</button>
          </div>`
        : nothing}
      ${this.dropHint ? html`<div class="drop-hint">${t('file.dropHint')}</div>` : nothing}`;
  }
}

customElements.define('layerwire-app', LayerwireApp);

declare global {
  interface HTMLElementTagNameMap {
    'layerwire-app': LayerwireApp;
  }
}

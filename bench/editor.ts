/**
 * Editor benchmark (not a test): a production build of the editor served by
 * `vite preview`, driven in Debian's Chromium through playwright-core.
 *
 * Measures, each as the median of a few runs and with its ratio to the
 * 100-node graph measured in the same run:
 *  - load + render: `editor.load(document)` until every node is on the
 *    canvas, and every node on screen is drawn in full with every wire into
 *    or out of it (from 150 nodes, a node off the canvas is a plain box until
 *    it comes onto it, and a wire far from it is not drawn at all; see
 *    LayerNodeView.deferred and GraphView.drawWiresNearScreen) — the seed
 *    examples, then generated graphs of 100/500/1000 nodes;
 *  - edit → labels: setting a parameter until the changed shape shows on the
 *    last node of the graph drawn in full (every node's shape changes);
 *  - edit → one node: setting a Dropout's rate until that node's summary shows
 *    it (no shape changes: the cost of an edit that touches one node; the
 *    middle one of the Dropouts drawn in full);
 *    each timed for the first two edits after a load (the page still settling)
 *    and, as "later edits", for four more of each kind after those;
 *  - bundle: gzip kB of the JavaScript the page needs before first paint (the
 *    entry and its static imports, from Vite's manifest) and of all of it.
 *
 * Writes `load_render_ms@N`, `edit_to_labels_ms@N`, `edit_one_node_ms@N`,
 * `edit_to_labels_later_ms@N`, `edit_one_node_later_ms@N`, `bundle_kB@initial` and `bundle_kB@total` into bench/results.json.
 *
 * Run: npx tsx bench/editor.ts [--runs 3]
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium, type Page } from 'playwright-core';
import type { GraphDocument } from '../schemas/graph';
import { recordResults, resultKey, type Measurement } from './results';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const SIZES = [100, 500, 1000];
/** Layers per column of a generated graph: it reads downwards, column after column, as the editor lays out a flow. */
const ROWS = 10;
const COLUMN_PITCH = 400;
const ROW_PITCH = 160;

/**
 * Input → Dense(64) → a long run of shape-preserving layers (Activation,
 * Dropout, LayerNormalization, Add with a skip from two nodes back), laid out
 * in columns that run downwards, so the editor keeps the positions instead of
 * arranging them. Changing the Dense's units changes the shape of every node after it.
 */
export function shapeChain(size: number): GraphDocument {
  const cycle = ['Activation', 'Dropout', 'LayerNormalization', 'Add'];
  const params: Record<string, Record<string, unknown>> = { Activation: { activation: 'relu' }, Dropout: { rate: 0.1 }, LayerNormalization: {}, Add: {} };
  const at = (i: number) => ({ x: Math.floor(i / ROWS) * COLUMN_PITCH, y: (i % ROWS) * ROW_PITCH });
  const nodes: GraphDocument['nodes'] = [
    { id: 'n0', type: 'Input', params: { shape: [16] }, position: at(0) },
    { id: 'n1', type: 'Dense', params: { units: 64 }, position: at(1) },
  ];
  const edges: GraphDocument['edges'] = [{ from: { node: 'n0', port: 'out' }, to: { node: 'n1', port: 'in' } }];
  for (let i = 2; i < size; i++) {
    const type = cycle[(i - 2) % cycle.length]!;
    nodes.push({ id: `n${i}`, type, params: params[type]!, position: at(i) });
    if (type === 'Add') {
      edges.push({ from: { node: `n${i - 1}`, port: 'out' }, to: { node: `n${i}`, port: 'in0' } }, { from: { node: `n${i - 2}`, port: 'out' }, to: { node: `n${i}`, port: 'in1' } });
    } else edges.push({ from: { node: `n${i - 1}`, port: 'out' }, to: { node: `n${i}`, port: 'in' } });
  }
  return { format: 'layerwire.graph', version: 1, name: `chain_${size}`, nodes, edges, blocks: {} };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** In the page: load a document and wait until every node of it is on the canvas, and those on screen are drawn with their wires. */
export async function timeLoad(page: Page, graph: GraphDocument): Promise<number> {
  return page.evaluate(async (doc) => {
    const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as HTMLElement & { load(d: unknown, o: unknown): Promise<void>; whenSettled(): Promise<void> };
    const root = editor.shadowRoot!;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const start = performance.now();
    await editor.load(doc, { record: false, fit: true });
    await editor.whenSettled();
    const edges = (doc as GraphDocument).edges;
    const canvas = root.querySelector('.canvas')!.getBoundingClientRect();
    const onScreen = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.right > canvas.left && r.left < canvas.right && r.bottom > canvas.top && r.top < canvas.bottom;
    };
    // A wire is drawn by an <lw-wire> (in the shadow root of Rete's wrapper), its id the edge's key.
    const drawnWires = () =>
      new Set([...root.querySelectorAll('rete-connection-wrapper')].map((w) => w.shadowRoot?.querySelector('lw-wire')?.shadowRoot?.querySelector('svg')?.getAttribute('data-wire-id')));
    const key = (e: GraphDocument['edges'][number]) => `${e.from.node}\u0000${e.from.port}\u0000${e.to.node}\u0000${e.to.port}`;
    for (;;) {
      const nodes = [...root.querySelectorAll('lw-node')];
      const shown = new Set(nodes.filter(onScreen).map((n) => (n as HTMLElement).dataset.nodeId));
      const drawn = nodes.length >= (doc as GraphDocument).nodes.length && nodes.every((n) => n.querySelector('.node') || !shown.has((n as HTMLElement).dataset.nodeId));
      if (drawn) {
        const wires = drawnWires();
        if (edges.every((e) => wires.has(key(e)) || !(shown.has(e.from.node) || shown.has(e.to.node)))) break;
      }
      await frame();
    }
    await frame();
    return performance.now() - start;
  }, graph);
}

/**
 * A parameter edit, and what shows that the canvas caught up: `text` in the
 * `selector` of a node: of the `nodes` drawn in full, the last (`pick: 'last'`)
 * or the middle one.
 */
interface EditProbe {
  node: string | 'shown';
  params: Record<string, unknown>;
  shows: { nodes: string[]; pick: 'last' | 'middle'; selector: string; text: string };
}

/** In the page: set a node's parameters and wait until the probed node shows the change. */
export async function timeEdit(page: Page, probe: EditProbe): Promise<{ total: number; commit: number }> {
  return page.evaluate(async ({ node, params, shows }) => {
    const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as HTMLElement & {
      edit(f: (d: GraphDocument) => GraphDocument): boolean;
      whenSettled(): Promise<void>;
    };
    const root = editor.shadowRoot!;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const drawn = shows.nodes.filter((id) => root.querySelector(`lw-node[data-node-id="${id}"] .node`));
    const probed = shows.pick === 'last' ? drawn.at(-1)! : drawn[Math.floor(drawn.length / 2)]!;
    const edited = node === 'shown' ? probed : node;
    const start = performance.now();
    editor.edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === edited ? { ...n, params: { ...n.params, ...params } } : n)) }));
    const commit = performance.now() - start;
    await editor.whenSettled();
    for (;;) {
      const text = root.querySelector(`lw-node[data-node-id="${probed}"] ${shows.selector}`)?.textContent ?? '';
      if (text.includes(shows.text)) break;
      await frame();
    }
    return { total: performance.now() - start, commit };
  }, probe);
}

/** Dense units: every shape after the Dense changes, shown last on the graph's last node drawn in full. */
export const unitsEdit = (graph: GraphDocument, units: number): EditProbe => ({
  node: 'n1',
  params: { units },
  shows: { nodes: graph.nodes.map((n) => n.id), pick: 'last', selector: '[data-testid=node-shape]', text: `[?, ${units}]` },
});

/** A Dropout's rate, the middle one of those drawn: no shape changes, only that node's summary. */
export function rateEdit(graph: GraphDocument, rate: number): EditProbe {
  const dropouts = graph.nodes.filter((n) => n.type === 'Dropout').map((n) => n.id);
  return { node: 'shown', params: { rate }, shows: { nodes: dropouts, pick: 'middle', selector: '.summary', text: `rate ${rate}` } };
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** Gzip kB of the entry's JavaScript plus everything it imports statically, and of every JavaScript file of the build. */
function bundleSizes(outDir: string): { initial: number; total: number } {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gzipKb = (file: string) => gzipSync(readFileSync(join(outDir, file))).length / 1024;
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const everyFile = new Set(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js')));
  const sum = (files: Iterable<string>) => [...files].filter((f) => f.endsWith('.js')).reduce((kb, f) => kb + gzipKb(f), 0);
  return { initial: sum(initial), total: sum(everyFile) };
}

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'layerwire-bench-'));
  console.log(`building the editor into ${outDir} …`);
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } });
  const bundle = bundleSizes(outDir);
  const server = await preview({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { port: 5320, strictPort: false, open: false } });
  const url = server.resolvedUrls!.local[0]!;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const open = async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      // tsx keeps function names with an `__name` helper that the page does not have.
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      const start = Date.now();
      await page.goto(url);
      await page.evaluate(() => (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { whenSettled(): Promise<void> }).whenSettled());
      return { page, startup: Date.now() - start };
    };

    const startups: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const { page, startup } = await open();
      startups.push(startup);
      await page.close();
    }

    const examples = readdirSync(join(root, 'examples'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ name: f, document: JSON.parse(readFileSync(join(root, 'examples', f), 'utf8')) as GraphDocument }));
    const loads: { name: string; nodes: number; ms: number }[] = [];
    /** `ms`: the first edits after a load; `warm`: later ones. */
    const edits: { name: string; nodes: number; ms: number; commit: number; warm: number }[] = [];
    const oneNodeEdits: { name: string; nodes: number; ms: number; commit: number; warm: number }[] = [];
    const graphs = [...SIZES.map((n) => ({ name: `generated ${n}`, document: shapeChain(n), edit: true })), ...examples.map((e) => ({ ...e, edit: false }))];
    for (const graph of graphs) {
      const loadSamples: number[] = [];
      const editSamples: number[] = [];
      const commitSamples: number[] = [];
      const oneNodeSamples: number[] = [];
      const oneNodeCommits: number[] = [];
      const warmEditSamples: number[] = [];
      const warmOneNodeSamples: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const { page } = await open();
        loadSamples.push(await timeLoad(page, graph.document));
        if (graph.edit) {
          for (const units of [65, 66]) {
            const { total, commit } = await timeEdit(page, unitsEdit(graph.document, units));
            editSamples.push(total);
            commitSamples.push(commit);
          }
          for (const rate of [0.25, 0.3]) {
            const { total, commit } = await timeEdit(page, rateEdit(graph.document, rate));
            oneNodeSamples.push(total);
            oneNodeCommits.push(commit);
          }
          // The same edits again, now that the page has settled after its load: what someone editing on and on waits for.
          for (const units of [67, 68, 69, 70]) warmEditSamples.push((await timeEdit(page, unitsEdit(graph.document, units))).total);
          for (const rate of [0.35, 0.4, 0.45, 0.5]) warmOneNodeSamples.push((await timeEdit(page, rateEdit(graph.document, rate))).total);
        }
        await page.close();
      }
      loads.push({ name: graph.name, nodes: graph.document.nodes.length, ms: median(loadSamples) });
      if (graph.edit) {
        edits.push({ name: graph.name, nodes: graph.document.nodes.length, ms: median(editSamples), commit: median(commitSamples), warm: median(warmEditSamples) });
        oneNodeEdits.push({ name: graph.name, nodes: graph.document.nodes.length, ms: median(oneNodeSamples), commit: median(oneNodeCommits), warm: median(warmOneNodeSamples) });
      }
    }

    const baseLoad = loads.find((l) => l.name === 'generated 100')!.ms;
    const baseEdit = edits.find((l) => l.name === 'generated 100')!.ms;
    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (n: number) => n.toFixed(1).padStart(9);
    console.log(`\nChromium ${browser.version()}, ${RUNS} runs each, median; ratios against the 100-node graph of this run\n`);
    console.log(`page load to a drawn seed graph: ${median(startups)} ms`);
    console.log(`\n${pad('load + render', 26)}${'nodes'.padStart(6)}${'ms'.padStart(9)}${'× 100'.padStart(8)}${'ms/node'.padStart(9)}`);
    for (const l of loads) console.log(`${pad(l.name, 26)}${String(l.nodes).padStart(6)}${num(l.ms)}${(l.ms / baseLoad).toFixed(2).padStart(8)}${(l.ms / l.nodes).toFixed(2).padStart(9)}`);
    console.log(`\n${pad('edit → shape labels', 26)}${'nodes'.padStart(6)}${'ms'.padStart(9)}${'× 100'.padStart(8)}${'check+commit'.padStart(14)}${'later edits'.padStart(13)}`);
    for (const e of edits) console.log(`${pad(e.name, 26)}${String(e.nodes).padStart(6)}${num(e.ms)}${(e.ms / baseEdit).toFixed(2).padStart(8)}${num(e.commit)}${num(e.warm)}`);
    const baseOneNode = oneNodeEdits.find((l) => l.name === 'generated 100')!.ms;
    console.log(`\n${pad('edit → one node (rate)', 26)}${'nodes'.padStart(6)}${'ms'.padStart(9)}${'× 100'.padStart(8)}${'check+commit'.padStart(14)}${'later edits'.padStart(13)}`);
    for (const e of oneNodeEdits) console.log(`${pad(e.name, 26)}${String(e.nodes).padStart(6)}${num(e.ms)}${(e.ms / baseOneNode).toFixed(2).padStart(8)}${num(e.commit)}${num(e.warm)}`);
    console.log(`\nbundle (gzip): ${bundle.initial.toFixed(0)} kB before first paint, ${bundle.total.toFixed(0)} kB in all`);

    const results: Record<string, Measurement> = {
      [resultKey('bundle_kB', 'initial')]: { value: Math.round(bundle.initial), unit: 'kB' },
      [resultKey('bundle_kB', 'total')]: { value: Math.round(bundle.total), unit: 'kB' },
    };
    const generatedSize = (name: string) => /^generated (\d+)$/.exec(name)?.[1];
    for (const l of loads) if (generatedSize(l.name)) results[resultKey('load_render_ms', generatedSize(l.name)!)] = { value: l.ms, unit: 'ms' };
    for (const e of edits) results[resultKey('edit_to_labels_ms', generatedSize(e.name)!)] = { value: e.ms, unit: 'ms' };
    for (const e of oneNodeEdits) results[resultKey('edit_one_node_ms', generatedSize(e.name)!)] = { value: e.ms, unit: 'ms' };
    for (const e of edits) results[resultKey('edit_to_labels_later_ms', generatedSize(e.name)!)] = { value: e.warm, unit: 'ms' };
    for (const e of oneNodeEdits) results[resultKey('edit_one_node_later_ms', generatedSize(e.name)!)] = { value: e.warm, unit: 'ms' };
    recordResults(results);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

/**
 * Throughput benchmark (`npm run bench`, or `npx tsx bench/throughput.ts`):
 * training and prediction samples/s of every example, in Node on cpu and
 * wasm and in headless Chromium on webgl, wasm and cpu — each time beside the
 * same model written by hand in tfjs (bench/hand-models.ts), with the same
 * weights, timed alternately in the same run. The ratio (compiled time / hand
 * time) is what matters: 1.00 means the compiled model costs nothing extra.
 *
 * Writes `fit_sps@<example>-<node|chromium>-<backend>`, `predict_sps@…`
 * (samples/s of the compiled model), `fit_ratio@…` and `predict_ratio@…` into
 * bench/results.json (or the file after `--results`).
 *
 * Run: npx tsx bench/throughput.ts [throughput | node | chromium] [--backends webgl,wasm,cpu] [--runs 3] [--results file]
 * (no section, or `throughput`: all of it), or through `npm run bench -- node` (bench/run.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { HAND_MODELS } from './hand-models';
import { measureExample, prepareExample, type ExampleThroughput, type ThroughputPlan } from './throughput-measure';
import type { PageCase, PageRun } from './throughput-page';
import { RESULTS_FILE, recordResults, resultKey, type Measurement } from './results';
import { sectionsOf } from './bench-plan';
import { startBackend } from '../cli/tfjs-backend';
import { hideOrthogonalInitializerWarning } from './tfjs-warnings';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? 3);
/** `--backends wasm,cpu` measures only those (in Node and in Chromium). */
const wantedBackend = (backend: string) => (option('--backends')?.split(',') ?? [backend]).includes(backend);

/**
 * Small enough that the whole section takes minutes on two cores. The seed
 * CNN (a 64×64×3 convolution into a 3.7M-weight Dense) trains at about one
 * sample a second on the plain-JavaScript cpu backend, so it gets fewer samples there.
 */
function planFor(example: string, backend: string): ThroughputPlan {
  if (example === 'seed-cnn' && backend === 'cpu') return { samples: 16, fitSamples: 8, batchSize: 8, runs: RUNS };
  return { samples: 64, batchSize: 32, runs: RUNS };
}

const examples = readdirSync(join(root, 'examples'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ example: file.replace(/\.json$/, ''), document: JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as unknown }));

interface Row extends ExampleThroughput {
  example: string;
  /** `node-cpu`, `chromium-webgl`…: where it ran and on which backend. */
  where: string;
}

async function measureInNode(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const backend of (['cpu', 'wasm'] as const).filter(wantedBackend)) {
    // The CLI's way to start a backend: on cpu it keeps tfjs's Node greeting out of the table.
    if (!(await startBackend(backend))) {
      console.log(`node-${backend}: not available here`);
      continue;
    }
    for (const { example, document } of examples) {
      const plan = planFor(example, backend);
      const prepared = await prepareExample(document, Math.max(plan.samples, plan.fitSamples ?? 0));
      const row = { example, where: `node-${backend}`, ...(await measureExample(prepared, HAND_MODELS[example]!, plan)) };
      printRow(row);
      rows.push(row);
    }
  }
  return rows;
}

/** The same measurements in headless Chromium: a Vite dev server serves bench/throughput.html, which the app's build never includes. */
async function measureInChromium(): Promise<Row[]> {
  const server = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    clearScreen: false,
    optimizeDeps: { entries: ['bench/throughput.html'] },
    server: { port: 5330, strictPort: false, hmr: false, watch: null, open: false },
  });
  await server.listen();
  const url = new URL('bench/throughput.html', server.resolvedUrls!.local[0]!).href;
  // Let Vite pre-bundle tfjs and transform the page's modules before the first page waits for them.
  await fetch(url);
  await server.warmupRequest('/bench/throughput-page.ts');
  // No --disable-gpu: WebGL then runs on SwiftShader, Chromium's software GPU, where there is no real one.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const rows: Row[] = [];
  try {
    console.log(`# Chromium ${browser.version()}`);
    for (const backend of (['webgl', 'wasm', 'cpu'] as const).filter(wantedBackend)) {
      // A fresh page per backend, so one backend's leftovers (textures, wasm heap) cannot slow the next.
      const page = await browser.newPage();
      // tsx keeps function names with an `__name` helper that the page does not have.
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      // Minutes, not seconds: on a busy machine Vite's first transform of tfjs and the compiler is slow.
      await page.goto(url, { timeout: 300_000 });
      await page.waitForFunction(() => document.body.dataset.ready, undefined, { timeout: 300_000 });
      for (const { example, document } of examples) {
        const pageCase: PageCase = { example, document, plan: planFor(example, backend) };
        const run: PageRun = await page.evaluate(({ backend, pageCase }) => window.measureThroughput(backend, pageCase), { backend, pageCase });
        if (!run.result) {
          console.log(`chromium-${backend}: not available here (tfjs started ${run.backend})`);
          break;
        }
        if (run.renderer && example === examples[0]!.example) console.log(`# chromium-webgl renderer: ${run.renderer}`);
        const row = { ...run.result, example, where: `chromium-${backend}` };
        printRow(row);
        rows.push(row);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}

const perSecond = (samples: number, ms: number) => (samples * 1000) / ms;
const cell = (text: string, width: number) => text.padStart(width);

function printHeader(): void {
  console.log(`${'example'.padEnd(16)}${'where'.padEnd(16)}${cell('fit/s', 10)}${cell('hand', 10)}${cell('ratio', 7)}${cell('n', 4)}${cell('predict/s', 11)}${cell('hand', 10)}${cell('ratio', 7)}${cell('n', 4)}`);
}

function printRow({ example, where, fit, predict }: Row): void {
  const fitCells =
    'unavailable' in fit
      ? `${cell(`n/a (${fit.unavailable})`, 31)}`
      : `${cell(perSecond(fit.samples, fit.compiledMs).toFixed(1), 10)}${cell(perSecond(fit.samples, fit.handMs).toFixed(1), 10)}${cell(fit.ratio.toFixed(2), 7)}${cell(String(fit.samples), 4)}`;
  const predictCells = `${cell(perSecond(predict.samples, predict.compiledMs).toFixed(1), 11)}${cell(perSecond(predict.samples, predict.handMs).toFixed(1), 10)}${cell(predict.ratio.toFixed(2), 7)}${cell(String(predict.samples), 4)}`;
  console.log(`${example.padEnd(16)}${where.padEnd(16)}${fitCells}${predictCells}`);
}

function toResults(rows: Row[]): Record<string, Measurement> {
  const results: Record<string, Measurement> = {};
  const put = (metric: string, size: string, value: number, unit: Measurement['unit']) => (results[resultKey(metric, size)] = { value: Number(value.toPrecision(4)), unit });
  for (const { example, where, fit, predict } of rows) {
    const size = `${example}-${where}`;
    put('predict_sps', size, perSecond(predict.samples, predict.compiledMs), 'samples/s');
    put('predict_ratio', size, predict.ratio, 'ratio');
    if ('unavailable' in fit) continue;
    put('fit_sps', size, perSecond(fit.samples, fit.compiledMs), 'samples/s');
    put('fit_ratio', size, fit.ratio, 'ratio');
  }
  return results;
}

async function main() {
  hideOrthogonalInitializerWarning();
  const started = performance.now();
  const named = process.argv.slice(2).filter((arg, i, args) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const sections = sectionsOf('throughput', named);
  if (!sections.ok) {
    console.error(sections.message);
    process.exit(2);
  }
  const wanted = (section: string) => sections.sections.includes(section);
  console.log(`# samples/s of one predict pass and one training epoch (median of ${RUNS} rounds after a warm-up; a run repeats a pass until it lasts ~100 ms), compiled model vs the same model by hand, alternating;`);
  console.log('# ratio = compiled time / hand time, median of the per-round ratios (1.00: nothing extra); n = samples per pass; batch 32 (the seed CNN on cpu: batch 8)');
  printHeader();
  const rows = [...(wanted('node') ? await measureInNode() : []), ...(wanted('chromium') ? await measureInChromium() : [])];
  const file = option('--results') ?? RESULTS_FILE;
  recordResults(toResults(rows), file);
  console.log(`\nwrote ${rows.length} rows to ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

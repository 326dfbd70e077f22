/**
 * Compiler benchmark (`npm run bench`): how checking and emitting scale with
 * graph size, and how the models we build compare with the same models
 * written by hand in tfjs — measured in the same run, on the same backend, so
 * every ratio means something on any machine (the goal for predict and fit
 * is 1.00). Prints a table and merges the numbers into bench/results.json.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { parseGraphDocument, type GraphDocument, type GraphDocumentInput } from '../schemas';
import { checkGraph, recheckGraph } from '../compiler/check';
import { setParam } from '../src/document/edits';
import { emitTypeScript } from '../compiler/emit/typescript';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { RESULTS_FILE, recordResults, resultKey, type Measurement, type Unit } from './results';
import { HAND_MODELS } from './hand-models';
import { sectionsOf } from './bench-plan';
import { startBackend, type CliBackend } from '../cli/tfjs-backend';
import { hideOrthogonalInitializerWarning } from './tfjs-warnings';

const results: Record<string, Measurement> = {};

function record(metric: string, size: string | number, value: number, unit: Unit): void {
  const key = resultKey(metric, size);
  results[key] = { value: Number(value.toPrecision(4)), unit };
  console.log(`${key.padEnd(36)} ${value.toFixed(unit === 'ratio' ? 2 : 3).padStart(12)} ${unit}`);
}

function parse(input: unknown): GraphDocument {
  const parsed = parseGraphDocument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.document;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Untimed runs before the timed ones, the same for ours and for tfjs: until they took
 * `WARM_UP_MS` or made `WARM_UP_RUNS` runs (at least one). One run was not enough for the
 * JIT to finish with code that runs once per node: a 1,000-node check timed after a single
 * warm-up ran up to three times slower than after ten.
 */
const WARM_UP_MS = 100;
const WARM_UP_RUNS = 20;
function warmUpRuns(run: () => void): void {
  const start = performance.now();
  for (let i = 0; i < WARM_UP_RUNS && (i === 0 || performance.now() - start < WARM_UP_MS); i++) run();
}

/** Median wall time of `fn` over `runs` runs, after warm-up runs unless the graph is so big that one run is seconds; `after` (untimed) cleans up each run. */
function time<T>(fn: () => T, runs: number, after: (value: T) => void = () => {}, warmUp = true): number {
  if (warmUp) warmUpRuns(() => after(fn()));
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const value = fn();
    samples.push(performance.now() - start);
    after(value);
  }
  return median(samples);
}

/** V8's collector, reached without a command-line flag (the flag applies to contexts made after it is set). */
const collect = (() => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as (options: { type: 'minor' }) => void;
})();

/**
 * Median wall time of `fn` on a fresh input from `prepare` each run, after warm-up runs.
 * The inputs are all made before the first timed run, and then moved out of the young
 * generation (an object is promoted when it survives its second minor collection), as a
 * document open in the editor is: otherwise every collection inside a timed run copies
 * all the inputs still waiting for theirs — five 10,000-node documents, some 20 MB — and
 * times that instead of the check. What the timed run itself allocates is collected
 * inside it, as it would be. Minor collections leave the young generation at the size
 * the process grew it to (a full one would shrink it, making every run collect more often).
 */
function timeEach<I>(prepare: () => I, fn: (input: I) => unknown, runs: number): number {
  warmUpRuns(() => fn(prepare()));
  const inputs = Array.from({ length: runs }, prepare);
  collect({ type: 'minor' });
  collect({ type: 'minor' });
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    fn(input);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/**
 * The same document with fresh objects, as a document loaded from a file is: nothing a check
 * of it finds is left over from checking its original (a recheck takes parsed params over
 * from the check before by node object; a check of a new document has none), and its ids are
 * new strings, not yet hashed by the maps that look nodes up by id.
 */
const freshCopy = (document: GraphDocument): GraphDocument => structuredClone(document);

/**
 * One parameter edit as the editor makes it (a new node object for the edited node, the others
 * kept), then the recheck from the check before it: what the editor waits for after each edit.
 * The edit sets `units` of the node in the middle, alternating so each run is a real change.
 */
function timeRecheck(document: GraphDocument, runs: number): number {
  const previous = checkGraph(document);
  const middle = document.nodes.find((n, i) => i >= document.nodes.length / 2 && n.type === 'Dense')!;
  let edits = 0;
  return timeEach(() => setParam(document, middle.id, 'units', WIDTH + 1 + (edits++ % 2)), (edited) => recheckGraph(previous, edited), runs);
}

/** Alternates `ours` and `theirs` run by run, so drift (GC, thermal) hits both alike; returns both medians. */
async function timePair(ours: () => Promise<unknown>, theirs: () => Promise<unknown>, runs: number): Promise<[number, number]> {
  await ours();
  await theirs();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, samples] of i % 2 ? ([[theirs, b], [ours, a]] as const) : ([[ours, a], [theirs, b]] as const)) {
      const start = performance.now();
      await fn();
      samples.push(performance.now() - start);
    }
  }
  return [median(a), median(b)];
}

// ——— generated graphs: each topology as a GraphDocument and as hand-written tfjs ———

type Nodes = GraphDocumentInput['nodes'];
type Edges = GraphDocumentInput['edges'];
type Topology = 'chain' | 'residual' | 'wide' | 'mixed';

interface Generated {
  document: GraphDocument;
  /** The same model with tf.input + layer.apply, as a person would write it (tf.model is the caller's step). */
  byHand: () => ByHand;
}

interface ByHand {
  input: tf.SymbolicTensor;
  output: tf.SymbolicTensor;
  /** Every layer made, to dispose of their weights (apply builds them). */
  layers: tf.layers.Layer[];
}

/** Collects the layers a hand-written build makes. */
function handBuild(build: (make: <L extends tf.layers.Layer>(layer: L) => L) => { input: tf.SymbolicTensor; output: tf.SymbolicTensor }): ByHand {
  const layers: tf.layers.Layer[] = [];
  return { ...build((layer) => (layers.push(layer), layer)), layers };
}

const WIDTH = 16;
const edge = (from: string, to: string, port = 'in') => ({ from: { node: from, port: 'out' }, to: { node: to, port } });
const graph = (name: string, nodes: Nodes, edges: Edges) => parse({ format: 'layerwire.graph', version: 1, name, nodes, edges });
const dense = (units = WIDTH) => tf.layers.dense({ units, activation: 'relu' });

/** Input → Dense → Dense → … (n nodes). */
function chain(n: number): Generated {
  const nodes: Nodes = [{ id: 'n0', type: 'Input', params: { shape: [WIDTH] } }];
  const edges: Edges = [];
  for (let i = 1; i < n; i++) {
    nodes.push({ id: `n${i}`, type: 'Dense', params: { units: WIDTH, activation: 'relu' } });
    edges.push(edge(`n${i - 1}`, `n${i}`));
  }
  const byHand = () =>
    handBuild((make) => {
      const input = tf.input({ shape: [WIDTH] });
      let x = input;
      for (let i = 1; i < n; i++) x = make(dense()).apply(x) as tf.SymbolicTensor;
      return { input, output: x };
    });
  return { document: graph(`chain_${n}`, nodes, edges), byHand };
}

/** Residual blocks: Dense → Dense → Add(block input, block output), repeated (n nodes). */
function residual(n: number): Generated {
  const nodes: Nodes = [{ id: 'n0', type: 'Input', params: { shape: [WIDTH] } }];
  const edges: Edges = [];
  let skip = 'n0';
  for (let i = 1; i < n; i++) {
    const id = `n${i}`;
    if (i % 3 === 0) {
      nodes.push({ id, type: 'Add', params: {} });
      edges.push(edge(`n${i - 1}`, id, 'in0'), edge(skip, id, 'in1'));
      skip = id;
    } else {
      nodes.push({ id, type: 'Dense', params: { units: WIDTH, activation: 'relu' } });
      edges.push(edge(`n${i - 1}`, id));
    }
  }
  const byHand = () =>
    handBuild((make) => {
      const input = tf.input({ shape: [WIDTH] });
      let x = input;
      let skipTensor = input;
      for (let i = 1; i < n; i++) {
        if (i % 3 === 0) x = skipTensor = make(tf.layers.add()).apply([x, skipTensor]) as tf.SymbolicTensor;
        else x = make(dense()).apply(x) as tf.SymbolicTensor;
      }
      return { input, output: x };
    });
  return { document: graph(`residual_${n}`, nodes, edges), byHand };
}

/** One Input feeding n − 2 Dense branches, all merged by one Concatenate (n nodes). */
function wide(n: number): Generated {
  const branches = Math.max(2, n - 2);
  const nodes: Nodes = [{ id: 'input', type: 'Input', params: { shape: [WIDTH] } }, { id: 'merge', type: 'Concatenate', params: {} }];
  const edges: Edges = [];
  for (let i = 0; i < branches; i++) {
    nodes.push({ id: `b${i}`, type: 'Dense', params: { units: 4, activation: 'relu' } });
    edges.push(edge('input', `b${i}`), edge(`b${i}`, 'merge', `in${i}`));
  }
  const byHand = () =>
    handBuild((make) => {
      const input = tf.input({ shape: [WIDTH] });
      const outputs = Array.from({ length: branches }, () => make(dense(4)).apply(input) as tf.SymbolicTensor);
      return { input, output: make(tf.layers.concatenate()).apply(outputs) as tf.SymbolicTensor };
    });
  return { document: graph(`wide_${n}`, nodes, edges), byHand };
}

/**
 * Input → Dense → Dense → … (n nodes) where no layer equals the one before (units 8…24 and three
 * activations in turn): a check shares what it found between equal layers fed the same shapes, which
 * the other graphs have plenty of; here it finds every layer afresh.
 */
function mixed(n: number): Generated {
  const units = (i: number) => 8 + (i % 17);
  const activations = ['relu', 'tanh', 'sigmoid'] as const;
  const nodes: Nodes = [{ id: 'n0', type: 'Input', params: { shape: [WIDTH] } }];
  const edges: Edges = [];
  for (let i = 1; i < n; i++) {
    nodes.push({ id: `n${i}`, type: 'Dense', params: { units: units(i), activation: activations[i % 3] } });
    edges.push(edge(`n${i - 1}`, `n${i}`));
  }
  const byHand = () =>
    handBuild((make) => {
      const input = tf.input({ shape: [WIDTH] });
      let x = input;
      for (let i = 1; i < n; i++) x = make(tf.layers.dense({ units: units(i), activation: activations[i % 3] })).apply(x) as tf.SymbolicTensor;
      return { input, output: x };
    });
  return { document: graph(`mixed_${n}`, nodes, edges), byHand };
}

const GENERATORS: Record<Topology, (n: number) => Generated> = { chain, residual, wide, mixed };
const runsFor = (n: number) => (n >= 10_000 ? 1 : n >= 1_000 ? 5 : 15);

/** tfjs's tf.model walks the graph recursively: past a few thousand layers deep it overflows the stack. */
function orStackOverflow(measure: () => number): number | 'stack overflow' {
  try {
    return measure();
  } catch (error) {
    if (error instanceof RangeError) return 'stack overflow';
    throw error;
  }
}

function benchGenerated(): void {
  console.log('# check and emit generated graphs (median), cpu. tfjs_apply = the same layers by hand with tf.input + layer.apply (apply builds the weights);');
  console.log('# tfjs_model = that plus tf.model, the baseline for emit_tfjs (buildTfjsModel: layers + tf.model)');
  console.log('# check_ms: resolve + check of a new document (cold; made before the timed run, as a loaded one is); recheck_ms: one param edit in the middle, rechecked from the check before it');
  console.log('# mixed: a Dense chain where no layer equals the one before, so nothing found for one layer is shared with the next');
  for (const [topology, generate] of Object.entries(GENERATORS)) {
    for (const n of [10, 100, 1_000, 10_000]) {
      const { document, byHand } = generate(n);
      const size = `${topology}-${n}`;
      const runs = runsFor(n);
      const warmUp = n < 10_000;
      // Checks are quick: more runs steady their medians on a busy machine.
      const checkRuns = n >= 10_000 ? 5 : 25;
      const checkMs = timeEach(() => freshCopy(document), checkGraph, checkRuns);
      const recheckMs = timeRecheck(document, checkRuns);
      const checked = checkGraph(document);
      if (!checked.ok) throw new Error(`${size}: ${checked.diagnostics[0]?.message}`);
      const applyMs = time(byHand, runs, (built) => built.layers.forEach((layer) => layer.dispose()), warmUp);
      record('check_ms', size, checkMs, 'ms');
      record('tfjs_apply_ms', size, applyMs, 'ms');
      record('check_vs_tfjs', size, checkMs / applyMs, 'ratio');
      record('recheck_ms', size, recheckMs, 'ms');
      record('emit_ts_ms', size, time(() => emitTypeScript(checked), runs), 'ms');
      const modelMs = orStackOverflow(() => time(() => tf.model(((b) => ({ inputs: b.input, outputs: b.output }))(byHand())), runs, (model) => model.dispose(), warmUp));
      const emitTfjsMs = orStackOverflow(() => time(() => buildTfjsModel(checked, { compile: false }), runs, (built) => built.ok && built.model.dispose(), warmUp));
      if (typeof modelMs === 'number') record('tfjs_model_ms', size, modelMs, 'ms');
      if (typeof emitTfjsMs === 'number') record('emit_tfjs_ms', size, emitTfjsMs, 'ms');
      if (typeof modelMs === 'number' && typeof emitTfjsMs === 'number') record('emit_tfjs_vs_tfjs', size, emitTfjsMs / modelMs, 'ratio');
      else console.log(`${`emit_tfjs@${size}`.padEnd(36)} not measured: tf.model ${modelMs === 'stack overflow' ? '(by hand) ' : ''}${emitTfjsMs === 'stack overflow' ? 'and buildTfjsModel ' : ''}overflow the stack`);
    }
  }
}

// ——— the seed models: compiled vs written by hand ———

const example = (name: string) => parse(JSON.parse(fs.readFileSync(new URL(`../examples/${name}.json`, import.meta.url), 'utf8')));

interface SeedModel {
  name: 'cnn' | 'lstm' | 'multitask';
  document: GraphDocument;
  byHand: () => tf.LayersModel;
  /** model.compile as a person writes it from the document's training config. */
  compileByHand: (model: tf.LayersModel) => void;
  batch: () => { x: tf.Tensor; y: tf.Tensor | tf.Tensor[] };
}

const oneHot = (n: number, classes: number) => tf.oneHot(tf.randomUniform([n], 0, classes, 'int32'), classes).toFloat();
/** The example's model as a person writes it in tfjs (bench/hand-models.ts, shared with bench/throughput.ts). */
const handWritten = (example: string) => ({ byHand: HAND_MODELS[example]!.build, compileByHand: HAND_MODELS[example]!.compile });

const SEEDS: SeedModel[] = [
  {
    name: 'cnn',
    document: example('seed-cnn'),
    ...handWritten('seed-cnn'),
    batch: () => ({ x: tf.randomUniform([32, 64, 64, 3]), y: oneHot(32, 10) }),
  },
  {
    name: 'lstm',
    document: example('seed-lstm'),
    ...handWritten('seed-lstm'),
    batch: () => ({ x: tf.randomUniform([32, 20, 16]), y: oneHot(32, 10) }),
  },
  {
    name: 'multitask',
    document: example('seed-multitask'),
    ...handWritten('seed-multitask'),
    batch: () => ({ x: tf.randomUniform([256, 64]), y: [oneHot(256, 10), oneHot(256, 5)] }),
  },
];

/** Our model and the hand-written one, with the same weights, so both compute exactly the same thing. */
function pair(seed: SeedModel, compile: boolean): { ours: tf.LayersModel; theirs: tf.LayersModel } {
  const built = buildTfjsModel(checkGraph(seed.document), { compile });
  if (!built.ok) throw new Error(`${seed.name} did not compile`);
  const theirs = seed.byHand();
  // Both get the same fresh copies, so where each model's weights came from (an initializer, a copy) cannot differ.
  const weights = built.model.getWeights().map((w) => w.clone());
  built.model.setWeights(weights);
  theirs.setWeights(weights);
  tf.dispose(weights);
  if (compile) seed.compileByHand(theirs);
  return { ours: built.model, theirs };
}

async function benchPredict(): Promise<void> {
  console.log('\n# predict one batch (median of 15, alternating): compiled model vs the same model by hand, same weights, same backend');
  for (const [seed, backend] of [...SEEDS.map((s) => [s, 'wasm'] as const), [SEEDS[0]!, 'cpu'] as const]) {
    await useBackend(backend);
    const { ours, theirs } = pair(seed, false);
    const { x, y } = seed.batch();
    const predict = (model: tf.LayersModel) => async () => {
      const outputs = [model.predict(x)].flat();
      await Promise.all(outputs.map((t) => t.data()));
      tf.dispose(outputs);
    };
    const [oursMs, theirsMs] = await timePair(predict(ours), predict(theirs), 15);
    const size = backend === 'wasm' ? seed.name : `${seed.name}-${backend}`;
    record('predict_ms', size, oursMs, 'ms');
    record('predict_ratio', size, oursMs / theirsMs, 'ratio');
    tf.dispose([x, ...[y].flat()]);
    ours.dispose();
    theirs.dispose();
  }
}

async function benchFit(): Promise<void> {
  console.log('\n# fit 2 epochs on a tiny dataset (median of 5, alternating), cpu: compiled model vs the same model by hand');
  await useBackend('cpu');
  for (const seed of SEEDS.filter((s) => s.name !== 'cnn')) {
    const { ours, theirs } = pair(seed, true);
    const { x, y } = seed.batch();
    const fit = (model: tf.LayersModel) => () => model.fit(x, y, { epochs: 2, batchSize: 16, shuffle: false, verbose: 0 });
    const [oursMs, theirsMs] = await timePair(fit(ours), fit(theirs), 5);
    record('fit_ms', seed.name, oursMs, 'ms');
    record('fit_ratio', seed.name, oursMs / theirsMs, 'ratio');
    tf.dispose([x, ...[y].flat()]);
    ours.dispose();
    theirs.dispose();
  }
}

/** The CLI's way to start a backend: on cpu it keeps tfjs's Node greeting out of the table. */
async function useBackend(backend: CliBackend): Promise<void> {
  if (!(await startBackend(backend))) throw new Error(`tfjs cannot start its ${backend} backend here`);
}

/** `tsx bench/compiler.ts [generated] [predict] [fit] [--results file]`: the sections to run (all by default) and where to write; a mistake exits with 2. */
function readArgs(): { wanted: string[]; file: string } {
  try {
    const { positionals, values } = parseArgs({ options: { results: { type: 'string' } }, allowPositionals: true });
    const wanted = sectionsOf('compiler', positionals);
    if (wanted.ok) return { wanted: wanted.sections, file: values.results ?? RESULTS_FILE };
    console.error(wanted.message);
  } catch (error) {
    console.error((error as Error).message); // an unknown option, or --results without a file
  }
  process.exit(2);
}

/**
 * V8 grows its young generation as a process allocates, up to 16 MB semi-spaces; how far it has grown
 * decides how often a collection lands in a timed run. A 1,000-layer check, timed in a process
 * that had not grown it yet, met a collection every other run and its median doubled. So the
 * benchmark runs with the young generation fixed at the size a busy process (an editor in use)
 * grows it to: the script starts itself again under `--min-semi-space-size=16`. Ours and tfjs alike.
 */
const YOUNG_GENERATION_FLAG = '--min-semi-space-size=16';

function inFixedYoungGeneration(): boolean {
  if (process.execArgv.includes(YOUNG_GENERATION_FLAG)) return true;
  const { status, signal } = spawnSync(process.execPath, [YOUNG_GENERATION_FLAG, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exitCode = status ?? (signal ? 1 : 0);
  return false;
}

async function main() {
  if (!inFixedYoungGeneration()) return;
  hideOrthogonalInitializerWarning();
  const started = performance.now();
  const { wanted, file } = readArgs();
  await useBackend('cpu');
  if (wanted.includes('generated')) benchGenerated();
  if (wanted.includes('predict')) await benchPredict();
  if (wanted.includes('fit')) await benchFit();
  recordResults(results, file);
  console.log(`\nwrote ${Object.keys(results).length} results to ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

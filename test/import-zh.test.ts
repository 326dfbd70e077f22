/**
 * What the importer and the document parser refuse or warn about reads as real
 * Chinese in the editor: not a Chinese frame around an English sentence, with
 * every file, layer, path and value it quotes kept verbatim. English stays what
 * the CLI and the other tests read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGraph } from '../compiler/check';
import { localizeDiagnostic, type Diagnostic } from '../compiler/diagnostics';
import { importModel, type ImportOptions } from '../compiler/import';
import { parseGraphDocument, type DocumentError } from '../schemas/parse';
import { readGraphText } from '../src/document/open-file';

const HAN = /\p{Script=Han}/u;
const FIXTURES = path.join(__dirname, 'fixtures');
const BAD = path.join(FIXTURES, 'bad');

/** Names, paths and values a message quotes: `'dense_1'`, `"layers-model"`, `[null, 4]`, `{paths, weights}`. */
const QUOTED = /(?<![A-Za-z])'[^'\n]+'(?![A-Za-z])|"[^"\n]*"|\[[^\]\n]*\]|\{[^}\n]*\}/g;

/** Four English words in a row outside the quoted parts: a sentence the Chinese must not copy. */
function englishRuns(english: string, verbatim: readonly string[]): string[] {
  let prose = english;
  for (const text of verbatim) prose = prose.split(text).join(' | ');
  prose = prose.replace(QUOTED, ' | ');
  const runs: string[] = [];
  for (const phrase of prose.split(/[^A-Za-z0-9_ ]+|\s{2,}/)) {
    const words = phrase.trim().split(' ').filter(Boolean);
    for (let i = 0; i + 4 <= words.length; i++) runs.push(words.slice(i, i + 4).join(' '));
  }
  return runs;
}

/**
 * The Chinese of one message: Han characters, no English sentence copied into it
 * (`verbatim`: words of other tools, such as the JavaScript engine's JSON error,
 * that both languages quote), and every quoted name kept as it is.
 */
function expectChinese(english: string, chinese: string, verbatim: readonly string[] = []): void {
  const where = `${english}\n${chinese}`;
  expect(chinese, where).toMatch(HAN);
  expect(english, where).not.toMatch(HAN);
  for (const run of englishRuns(english, verbatim)) expect(chinese, `${where}\ncopies "${run}"`).not.toContain(run);
  for (const quoted of english.match(/(?<![A-Za-z])'[^'\n]+'(?![A-Za-z])/g) ?? []) expect(chinese, `${where}\nmissing ${quoted}`).toContain(quoted);
}

function expectDiagnosticChinese(d: Diagnostic, file?: string, verbatim: readonly string[] = []): void {
  expect(d.translations?.['zh-CN'], `${d.code}: ${d.message}`).toBeDefined();
  const zh = localizeDiagnostic(d, 'zh-CN');
  expectChinese(d.message, zh.message, verbatim);
  if (file && d.phase === 'import') {
    expect(d.message.startsWith(`${file}: `), d.message).toBe(true);
    expect(zh.message.startsWith(`${file}：`), zh.message).toBe(true);
  }
  if (d.fix) expectChinese(d.fix.title, zh.fixTitle!, verbatim);
  zh.related.forEach((text, i) => expectChinese(d.related![i]!.message, text, verbatim));
}

function expectDocumentErrorChinese(e: DocumentError, verbatim: readonly string[] = []): void {
  expect(e.translations['zh-CN'].message, e.message).toBeTruthy();
  expectChinese(e.message, e.translations['zh-CN'].message, verbatim);
}

/** What the JavaScript engine says about text that is not JSON: both languages quote it. */
function engineJsonError(text: string): string[] {
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

// ——— small Keras models that drive the importer into each of its messages ———

const FILE = 'model.json';
const dense = (name: string, config: Record<string, unknown> = {}) => ({ class_name: 'Dense', config: { name, units: 2, ...config } });
const inputLayer = (name = 'x', shape: unknown[] = [null, 4]) => ({ class_name: 'InputLayer', config: { name, batch_input_shape: shape } });
const sequential = (layers: unknown[], extra: Record<string, unknown> = {}) => ({ class_name: 'Sequential', config: { name: 'seq', layers }, ...extra });
/** Keras 2's call list: one call whose inputs are `[layer, node, tensor, kwargs]`. */
const call = (...inputs: [string, number, number, Record<string, unknown>?][]) => [inputs.map(([l, n, t, k]) => [l, n, t, k ?? {}])];
const functional = (layers: unknown[], inputs: unknown, outputs: unknown) => ({ class_name: 'Functional', config: { name: 'fn', layers, input_layers: inputs, output_layers: outputs } });
const fnLayer = (class_name: string, name: string, inbound: unknown, config: Record<string, unknown> = {}) => ({ class_name, name, config: { name, ...config }, inbound_nodes: inbound });

/** A tfjs model.json holding one Dense(2) on 4 inputs, with the given manifest and files. */
function tfjsModel(manifest: unknown, files: Record<string, Uint8Array> = {}) {
  const json = { format: 'layers-model', modelTopology: sequential([inputLayer(), dense('d')]), weightsManifest: manifest };
  return importModel(json, { fileName: FILE, readWeightFile: (p) => files[p] });
}
const bytes = (n: number) => new Uint8Array(n);
const entry = (name: string, shape: number[], extra: Record<string, unknown> = {}) => ({ name, shape, dtype: 'float32', ...extra });

const imports = (json: unknown, options: Partial<ImportOptions> = {}) => importModel(json, { fileName: FILE, ...options });

/** Each case names the codes it must produce, so it provably reaches the message it is about. */
const IMPORT_CASES: [title: string, codes: string[], run: () => { diagnostics: Diagnostic[] }][] = [
  ['text that is not JSON', ['LW401'], () => imports('{"class_name": ')],
  ['a number', ['LW401'], () => imports(5)],
  ['an object that is no model', ['LW401'], () => imports({ foo: 1, bar: 2 })],
  ['a tfjs graph model', ['LW402'], () => imports({ format: 'graph-model', modelTopology: {} })],
  ['an unknown format', ['LW402'], () => imports({ format: 'layers-model-v9', modelTopology: {} })],
  ['a layer, not a model', ['LW402'], () => imports({ format: 'layers-model', modelTopology: { class_name: 'Dense', config: { units: 2 } } })],
  ['a model topology that is a list', ['LW403'], () => imports({ format: 'layers-model', modelTopology: [1, 2] })],
  ['model_config that is a number', ['LW403'], () => imports({ model_config: 3 })],
  ['layers that are not a list', ['LW403'], () => imports({ class_name: 'Sequential', config: { name: 's', layers: 'dense' } })],
  ['a Sequential without layers', ['LW403', 'LW416'], () => imports(sequential([]))],
  ['a layer without class_name, and one with a config list', ['LW403'], () => imports(sequential([inputLayer(), { config: {} }, { class_name: 'Dense', config: [1] }]))],
  ['a bad and a duplicate layer name', ['LW403'], () => imports(sequential([inputLayer(), { class_name: 'Dense', name: 7, config: { units: 2 } }, dense('d'), dense('d')]))],
  ['an unknown class, dropped fields, a bad param', ['LW404', 'LW405', 'LW407'], () => imports(sequential([inputLayer(), { class_name: 'Lambda', config: { name: 'lam' } }, dense('d', { kernel_regularizer: { class_name: 'L2' } }), dense('e', { units: 'ten' })]))],
  [
    'functional wiring the importer cannot follow',
    ['LW403', 'LW414'],
    () =>
      imports(
        functional(
          [
            fnLayer('InputLayer', 'x', [], { batch_input_shape: [null, 4] }),
            fnLayer('Dense', 'a', call(['x', 0, 0]), { units: 2 }),
            fnLayer('Dense', 'b', call(['ghost', 0, 0]), { units: 2 }),
            fnLayer('Dense', 'c', call(['a', 3, 0]), { units: 2 }),
            fnLayer('Dense', 'e', call(['a', 0, 4]), { units: 2 }),
            fnLayer('Dense', 'f', call(['x', 0, 0], ['a', 0, 0]), { units: 2 }),
            fnLayer('Dense', 'g', call(['x', 0, 0, { mask: ['a', 0, 0] }]), { units: 2 }),
            fnLayer('Dense', 'h', 'not calls', { units: 2 }),
            fnLayer('Dense', 'i', [[['a', 'zero', 0]]], { units: 2 }),
          ],
          [['a', 0, 0]],
          7,
        ),
      ),
  ],
  ['a nested model without outputs', ['LW403'], () => imports(functional([fnLayer('InputLayer', 'x', [], { batch_input_shape: [null, 4] }), { ...functional([fnLayer('InputLayer', 'y', [], { batch_input_shape: [null, 4] })], [['y', 0, 0]], []), name: 'inner', inbound_nodes: call(['x', 0, 0]) }], [['x', 0, 0]], [['inner', 1, 0]]))],
  ['a training config that is a string', ['LW415'], () => imports({ ...sequential([inputLayer(), dense('d')]), training_config: 'adam' })],
  [
    'training settings tfjs cannot express',
    ['LW415'],
    () =>
      imports({
        ...sequential([inputLayer(), dense('d')]),
        training_config: {
          optimizer_config: { class_name: 'Adam', config: { learning_rate: { class_name: 'ExponentialDecay', config: {} }, weight_decay: 0.1, clipnorm: 1 } },
          loss: 'my_custom_loss',
          loss_weights: [-1],
          metrics: ['my_metric', 'other_metric'],
        },
      }),
  ],
  [
    'an optimizer tfjs lacks, and one that is a number',
    ['LW415'],
    () => ({
      diagnostics: [
        ...imports({ ...sequential([inputLayer(), dense('d')]), training_config: { optimizer_config: { class_name: 'Lion', config: {} } } }).diagnostics,
        ...imports({ ...sequential([inputLayer(), dense('d')]), training_config: { optimizer_config: 3 } }).diagnostics,
      ],
    }),
  ],
  ['optimizer settings that do not fit, and too many losses', ['LW415'], () => imports({ ...sequential([inputLayer(), dense('d')]), training_config: { optimizer_config: { class_name: 'Adam', config: { learning_rate: -1 } }, loss: ['mse', 'mae'] } })],
  ['a manifest that is not a list', ['LW403'], () => tfjsModel({ paths: [] })],
  ['a manifest without a way to read it', ['LW417'], () => importModel({ format: 'layers-model', modelTopology: sequential([inputLayer(), dense('d')]), weightsManifest: [{ paths: ['w.bin'], weights: [] }] }, { fileName: FILE })],
  ['a group without paths', ['LW403'], () => tfjsModel([{ weights: [] }])],
  ['a file name that is a number', ['LW403'], () => tfjsModel([{ paths: [3], weights: [] }])],
  ['an entry that is a string', ['LW403'], () => tfjsModel([{ paths: ['w.bin'], weights: ['d/kernel'] }])],
  ['an entry without a name', ['LW403'], () => tfjsModel([{ paths: ['w.bin'], weights: [{ shape: [4, 2] }] }])],
  ['an entry with a bad shape', ['LW403'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('d/kernel', [-4, 2])] }])],
  ['an entry with a bad quantization', ['LW403'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('d/kernel', [4, 2], { quantization: 'uint8' })] }])],
  ['a string weight', ['LW411'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('d/kernel', [4, 2], { dtype: 'string' })] }])],
  ['a bool weight', ['LW411'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('d/kernel', [4, 2], { dtype: 'bool' })] }], { 'w.bin': bytes(8) })],
  ['uint8 without scale', ['LW411'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('d/kernel', [4, 2], { quantization: { dtype: 'uint8' } })] }], { 'w.bin': bytes(8) })],
  ['int32 as float16', ['LW411'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('d/kernel', [4, 2], { dtype: 'int32', quantization: { dtype: 'float16' } })] }], { 'w.bin': bytes(16) })],
  ['an unknown quantization', ['LW411'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('d/kernel', [4, 2], { quantization: { dtype: 'complex64' } })] }], { 'w.bin': bytes(64) })],
  ['a missing and a short file', ['LW408', 'LW409'], () => tfjsModel([{ paths: ['gone.bin'], weights: [entry('d/kernel', [4, 2])] }, { paths: ['w.bin'], weights: [entry('d/bias', [2])] }], { 'w.bin': bytes(3) })],
  ['weights of the wrong layout, and weights of no layer', ['LW412', 'LW413'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('d/kernel', [3, 2]), entry('d/bias', [2]), entry('ghost/kernel', [1])] }], { 'w.bin': bytes(36) })],
  ['a layer left without weights', ['LW413'], () => tfjsModel([{ paths: ['w.bin'], weights: [entry('other/kernel', [1])] }], { 'w.bin': bytes(4) })],
];

describe('importer messages in Chinese', () => {
  it.each(IMPORT_CASES)('%s', (_, codes, run) => {
    const { diagnostics } = run();
    for (const code of codes) expect(diagnostics.map((d) => d.code)).toContain(code);
    for (const d of diagnostics) expectDiagnosticChinese(d, FILE, d.code === 'LW401' ? engineJsonError('{"class_name": ') : []);
  });

  it('the Chinese of a value the file holds is Chinese too', () => {
    const zh = localizeDiagnostic(tfjsModel({ a: 1, b: 2 }).diagnostics[0]!, 'zh-CN').message;
    expect(zh).toContain('一个对象（字段：a, b）');
    expect(zh).not.toContain('an object with fields');
  });

  it.each(fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')))('fixture %s', (name) => {
    const json = JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
    const result = importModel(json, { fileName: name });
    expect(result.ok).toBe(true);
    for (const d of result.diagnostics) expectDiagnosticChinese(d, name);
  });
});

/** A bad fixture as the editor opens it: model.json with the files beside it, or one file. */
function openBad(name: string) {
  const full = path.join(BAD, name);
  if (fs.statSync(full).isDirectory()) {
    const files = new Map(fs.readdirSync(full).filter((f) => f !== 'model.json' && fs.statSync(path.join(full, f)).isFile()).map((f) => [f, new Uint8Array(fs.readFileSync(path.join(full, f)))] as const));
    const text = fs.readFileSync(path.join(full, 'model.json'), 'utf8');
    return { text, result: readGraphText(text, 'model.json', files), fileName: 'model.json' };
  }
  // What a browser's File.text() gives: UTF-8 with bad bytes replaced.
  const text = new TextDecoder().decode(fs.readFileSync(full));
  return { text, result: readGraphText(text, name, new Map()), fileName: name };
}

describe('every bad fixture, opened in the editor, explains itself in Chinese', () => {
  it.each(fs.readdirSync(BAD))('%s', (name) => {
    const { text, result, fileName } = openBad(name);
    const verbatim = engineJsonError(text);
    if (!result.ok) {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const error of result.errors) expectDocumentErrorChinese(error, verbatim);
      return;
    }
    for (const d of result.notes) expectDiagnosticChinese(d, fileName);
    for (const d of checkGraph(result.document).diagnostics) expectDiagnosticChinese(d);
  });
});

describe('parseGraphDocument errors in Chinese', () => {
  const doc = (extra: Record<string, unknown>) => ({ format: 'layerwire.graph', version: 1, nodes: [], ...extra });
  const CASES: [title: string, json: unknown, path: string][] = [
    ['not an object', [1, 2], '(document)'],
    ['another format', { format: 'other' }, 'format'],
    ['a version that is no integer', { format: 'layerwire.graph', version: 1.5 }, 'version'],
    ['a version from the future', { format: 'layerwire.graph', version: 99 }, 'version'],
    ['an unknown field', doc({ colour: 'red' }), '(document)'],
    ['a node id that is a number', doc({ nodes: [{ id: 7, type: 'Dense' }] }), 'nodes[0].id'],
    ['an empty node id', doc({ nodes: [{ id: '', type: 'Dense' }] }), 'nodes[0].id'],
    ['a block without outputs', doc({ blocks: { enc: { nodes: [], inputs: [], outputs: [] } } }), 'blocks.enc.outputs'],
    ['a weight of an unknown dtype', doc({ nodes: [{ id: 'd', type: 'Dense', weights: [{ name: 'kernel', shape: [1], dtype: 'float64', data: '' }] }] }), 'nodes[0].weights[0].dtype'],
  ];
  it.each(CASES)('%s', (_, json, where) => {
    const parsed = parseGraphDocument(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.path)).toContain(where);
    for (const error of parsed.errors) expectDocumentErrorChinese(error);
  });

  it('a schema message of our own gets our Chinese, not a quote of the English', () => {
    const parsed = parseGraphDocument(
      doc({ nodes: [{ id: 'x', type: 'Input', params: { shape: [4] } }, { id: 'r', type: 'Reshape', params: { targetShape: [0] } }], edges: [{ from: { node: 'x', port: 'out' }, to: { node: 'r', port: 'in' } }] }),
    );
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    const reshape = checkGraph(parsed.document).diagnostics.find((d) => d.code === 'LW201')!;
    const zh = localizeDiagnostic(reshape, 'zh-CN').message;
    expect(zh).toContain('目标大小须为正整数');
    expect(zh).not.toContain('whatever is left');
    expectDiagnosticChinese(reshape);
  });
});

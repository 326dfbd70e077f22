/**
 * Broken inputs through the real CLI: every file in test/fixtures/bad/ (and
 * a few generated ones too big to commit) must end with exit code 1 (the
 * graph or model has errors) or 2 (unreadable input), with a message that
 * names the file and the place — never a crash, a silent success, a change
 * to an existing file, a read outside the model's folder or a polluted
 * Object.prototype.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/main';
import { root } from './emitted';

const BAD = path.join(root, 'test/fixtures/bad');
const run = promisify(execFile);

/** Each fixture, its exit code, and what the message must say about where the problem is. */
const CASES: [fixture: string, code: 1 | 2, place: RegExp][] = [
  // syntax and encoding
  ['truncated.json', 2, /not valid JSON .* at line 1, column 79/],
  ['trailing-comma.json', 2, /not valid JSON .* at line 1, column 57/],
  ['empty.json', 2, /the file is empty/],
  ['whitespace-only.json', 2, /the file is empty/],
  ['top-level-array.json', 2, /not a Layerwire graph/],
  ['top-level-null.json', 2, /not a Layerwire graph/],
  ['top-level-string.json', 2, /not a Layerwire graph/],
  ['bom.json', 2, /byte order mark/],
  ['invalid-utf8.json', 2, /not valid UTF-8 \(the byte at offset 110\)/],
  // versions and document fields
  ['wrong-format.json', 2, /not a Layerwire graph \("format": "layerwire.graph"\)/],
  ['version-future.json', 2, /version: this document is version 99/],
  ['version-zero.json', 2, /version: expected a positive integer, got 0/],
  ['version-string.json', 2, /version: expected a positive integer, got "1"/],
  ['version-fraction.json', 2, /version: expected a positive integer, got 1.5/],
  ['version-missing.json', 2, /version: expected a positive integer, got nothing/],
  ['nodes-not-array.json', 2, /nodes: expected array/],
  ['node-id-number.json', 2, /nodes\[0\]\.id: expected string, got 7/],
  ['node-id-empty.json', 2, /nodes\[0\]\.id: /],
  ['params-array.json', 2, /nodes\[0\]\.params: expected record/],
  ['unknown-top-level-field.json', 2, /unknown field "nodez"/],
  ['duplicate-node-id.json', 1, /LW101 in 'x'/],
  ['unknown-layer-type.json', 1, /LW103 in 'd' \(Denze\)/],
  // numbers: wrong types, negative, huge, NaN, Infinity, beyond 2^53
  ['units-string.json', 1, /in 'd' \(Dense\): nodes\[1\]\.params\.units: .*got "ten"/],
  ['units-negative.json', 1, /nodes\[1\]\.params\.units: .*got -5/],
  ['units-zero.json', 1, /nodes\[1\]\.params\.units: .*got 0/],
  ['units-fraction.json', 1, /nodes\[1\]\.params\.units: .*got 2\.5/],
  ['units-nan-string.json', 1, /nodes\[1\]\.params\.units: .*got "NaN"/],
  ['units-1e999.json', 1, /nodes\[1\]\.params\.units: .*got Infinity/],
  ['units-beyond-safe-integer.json', 1, /nodes\[1\]\.params\.units: /],
  ['shape-negative.json', 1, /nodes\[0\]\.params\.shape\[0\]: .*got -1/],
  ['shape-fraction.json', 1, /nodes\[0\]\.params\.shape\[0\]: .*got 2\.5/],
  ['shape-1e999.json', 1, /nodes\[0\]\.params\.shape\[0\]: .*got Infinity/],
  // "NaN" and "Infinity" are legal names of symbolic dims, so Dense is what objects.
  ['shape-nan-string.json', 1, /in 'd' \(Dense\): .*last axis/],
  ['shape-infinity-string.json', 1, /in 'd' \(Dense\): .*last axis/],
  ['shape-product-overflow.json', 1, /in 'x' \(Input\): .*more than 2\^53/],
  ['dense-params-overflow.json', 1, /in 'd' \(Dense\): .*more than 2\^53/],
  ['reshape-target-overflow.json', 1, /in 'r' \(Reshape\)/],
  ['kernel-bigger-than-input.json', 1, /in 'c' \(Conv2D\): .*kernel 9×9/],
  ['activation-unknown.json', 1, /nodes\[1\]\.params\.activation: .*got "swishy"/],
  // wiring
  ['edge-to-nowhere.json', 1, /LW104: .*'ghost'/],
  ['edge-from-nowhere.json', 1, /LW104: .*'ghost'/],
  ['edge-unknown-port.json', 1, /in 'd' \(Dense\): .*'in7'/],
  ['missing-input-edge.json', 1, /LW107 in 'd'/],
  ['self-loop.json', 1, /LW109 in 'a' \(Add\): .*a → a/],
  ['cycle.json', 1, /LW109 in 'a' \(Add\): .*a → b → c → a/],
  ['output-unknown-node.json', 1, /LW113: .*'ghost'/],
  ['block-unknown.json', 1, /LW114 in 'b'/],
  ['block-key-tostring.json', 1, /LW114 in 'b'.*'toString'/],
  // prototype pollution attempts
  ['proto-keys-in-params.json', 1, /nodes\[1\]\.params: unknown fields "constructor", "prototype"/],
  ['proto-node-ids.json', 1, /LW117 in '__proto__'/],
  ['proto-block-key.json', 1, /LW114 in 'b'.*'__proto__'/],
  ['keras-proto-keys.json', 1, /in 'toString' \(Dense\): .*config\.layers\[2\]\.inbound_nodes\[0\]\[0\]/],
  // Keras and tfjs files
  ['keras-lambda.json', 1, /in 'times_two' \(Lambda\)/],
  ['keras-layers-not-list.json', 2, /config\.layers: expected the model's list of layers/],
  ['tfjs-graph-model.json', 2, /is a tfjs graph model/],
  ['tfjs-topology-not-object.json', 2, /modelTopology: expected the model topology object, got 42/],
  ['tfjs-weights-missing', 1, /LW408: .*'weights\.bin' \(weightsManifest\[0\]\.paths\[0\]\) could not be read/],
  ['tfjs-weights-short', 1, /LW409: .*'weights\.bin' holds 20 bytes but weightsManifest\[0\] needs 36/],
  ['tfjs-weights-empty-file', 1, /LW409: .*holds 0 bytes/],
  ['tfjs-weights-directory', 1, /LW408: .*\(weightsManifest\[0\]\.paths\[0\]\) could not be read \(it is a folder, not a file\)/],
  ['tfjs-weights-dotdot', 1, /LW408: .*'\.\.\/sentinel\.bin' \(weightsManifest\[0\]\.paths\[0\]\) could not be read \(the path leaves the folder/],
  ['tfjs-weights-dotdot-inside', 1, /LW408: .*\(weightsManifest\[0\]\.paths\[0\]\) could not be read \(the path leaves the folder/],
  ['tfjs-weights-absolute', 1, /LW408: .*\(weightsManifest\[0\]\.paths\[0\]\) could not be read \(the path leaves the folder/],
];

/** 36 bytes: exactly the Dense(2→3) weights the tfjs fixtures need, so reading it would make the import succeed. */
const SENTINEL = new Uint8Array(36).fill(7);

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => out.push(t) });
  return { code, text: out.join('\n') };
}

/** Every file under `dir` with the hash of its bytes: equal before and after means nothing was touched. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return files;
}

const prototypeNow = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
const PROTOTYPE = prototypeNow();

/**
 * A copy of the fixture in a fresh folder that also holds a sentinel next to
 * the model's folder, and pre-existing outputs that a failed command must
 * leave exactly as they were.
 */
function workspace(fixture: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwire-bad-'));
  fs.cpSync(path.join(BAD, fixture), path.join(dir, fixture), { recursive: true });
  const sentinel = path.join(dir, 'sentinel.bin');
  fs.writeFileSync(sentinel, SENTINEL);
  const isFolder = fs.statSync(path.join(BAD, fixture)).isDirectory();
  const input = isFolder ? path.join(dir, fixture, 'model.json') : path.join(dir, fixture);
  if (fixture === 'tfjs-weights-absolute') fs.writeFileSync(input, fs.readFileSync(input, 'utf8').replace('/SENTINEL_ABSOLUTE_PATH', sentinel));
  fs.writeFileSync(path.join(dir, 'existing.ts'), '// written before the test\n');
  fs.mkdirSync(path.join(dir, 'existing-tfjs'));
  fs.writeFileSync(path.join(dir, 'existing-tfjs/model.json'), '{"before": true}\n');
  return { dir, input, sentinel };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('every broken input in test/fixtures/bad fails cleanly through runCli', () => {
  it('the corpus holds at least 40 inputs and the table covers each of them', () => {
    const fixtures = fs.readdirSync(BAD).sort();
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    expect(CASES.map(([name]) => name).sort()).toEqual(fixtures);
  });

  it.each(CASES)('%s → exit %i, naming the file and the place', async (fixture, code, place) => {
    const { dir, input, sentinel } = workspace(fixture);
    const before = snapshot(dir);
    const opened: string[] = [];
    const readFileSync = fs.readFileSync;
    vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      opened.push(path.resolve(String(file)));
      return (readFileSync as (...args: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync);

    const check = await cli('check', input);
    expect(check.code, check.text).toBe(code);
    expect(check.text).toContain(input);
    expect(check.text).toMatch(place);

    // The same input must not replace files that already exist.
    for (const argv of [
      ['compile', input, '--target', 'ts', '-o', path.join(dir, 'existing.ts')],
      ['compile', input, '--target', 'tfjs', '-o', path.join(dir, 'existing-tfjs')],
    ]) {
      const result = await cli(...argv);
      expect([1, 2], `${argv.join(' ')}\n${result.text}`).toContain(result.code);
      expect(result.text).toContain(input);
    }
    // `import` keeps a model whose graph has errors as imported (exit 0, documented); otherwise it writes nothing.
    const imported = await cli('import', input, '-o', path.join(dir, 'imported.json'));
    expect(fs.existsSync(path.join(dir, 'imported.json'))).toBe(imported.code === 0);
    if (imported.code !== 0) expect(imported.text).toContain(input);
    fs.rmSync(path.join(dir, 'imported.json'), { force: true });
    vi.restoreAllMocks();
    expect(opened).not.toContain(sentinel);
    expect(snapshot(dir)).toEqual(before);
    expect(prototypeNow()).toBe(PROTOTYPE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

function writeTemp(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerwire-bad-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** `n` nodes: an Input, then Dense layers in a line. */
function denseChain(n: number, units = 4) {
  const nodes = [{ id: 'n0', type: 'Input', params: { shape: [units] } }, ...Array.from({ length: n - 1 }, (_, i) => ({ id: `n${i + 1}`, type: 'Dense', params: { units } }))];
  const edges = nodes.slice(1).map((node, i) => ({ from: { node: `n${i}`, port: 'out' }, to: { node: node.id, port: 'in' } }));
  return { format: 'layerwire.graph', version: 1, name: 'chain', nodes, edges };
}

const deep = (depth: number, open: string, inner: string, close: string) => open.repeat(depth) + inner + close.repeat(depth);
const DOC_HEAD = '{"format": "layerwire.graph", "version": 1, "nodes": [{"id": "x", "type": "Input", ';

describe('generated inputs too big to commit', () => {
  it('a valid 20,000-layer Dense chain is accepted by check', async () => {
    const file = writeTemp('chain.json', JSON.stringify(denseChain(20_000)));
    const result = await cli('check', file, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.text);
    expect(report.ok).toBe(true);
    expect(report.nodes).toHaveLength(20_000);
    expect(report.params).toBe(19_999 * (4 * 4 + 4));
  });

  it('100,000 nodes with one bad edge at the end: exit 1 naming that edge', async () => {
    const doc = denseChain(100_000);
    doc.edges.push({ from: { node: 'n99999', port: 'out' }, to: { node: 'nowhere', port: 'in' } });
    const file = writeTemp('huge.json', JSON.stringify(doc));
    const result = await cli('check', file);
    expect(result.code).toBe(1);
    expect(result.text).toMatch(new RegExp(`${file}: error LW104: .*'nowhere'`));
  });

  it.each([
    ['a list 100,000 deep as the document', deep(100_000, '[', '1', ']'), /nested deeper than 512 levels at \[0\]\[0\]/],
    ['a list 100,000 deep in params', DOC_HEAD + `"params": {"shape": [4], "extra": ${deep(100_000, '[', '1', ']')}}}]}`, /nested deeper than 512 levels at nodes\[0\]\.params\.extra\[0\]/],
    ['an object 100,000 deep as a name', DOC_HEAD + `"name": ${deep(100_000, '{"a":', '1', '}')}, "params": {"shape": [4]}}]}`, /nested deeper than 512 levels at nodes\[0\]\.name\.a\.a/],
    ['Keras models nested 100,000 deep', `{"class_name": "Sequential", "config": ${deep(100_000, '{"layers": [{"class_name": "Sequential", "config": ', '{}', '}]}')}}`, /nested deeper than 512 levels at config\.layers\[0\]\.config\.layers\[0\]/],
  ])('%s: exit 2 naming the JSON path', async (_, text, place) => {
    const file = writeTemp('deep.json', text);
    const result = await cli('check', file);
    expect(result.code).toBe(2);
    expect(result.text).toContain(file);
    expect(result.text).toMatch(place);
  });

  it('a name nested 500 deep (under the limit) is an ordinary schema error, not a stack overflow', async () => {
    const file = writeTemp('deep.json', DOC_HEAD + `"name": ${deep(500, '{"a":', '1', '}')}, "params": {"shape": [4]}}]}`);
    const result = await cli('check', file);
    expect(result.code).toBe(2);
    expect(result.text).toMatch(/nodes\[0\]\.name: expected string/);
  });
});

describe('the real binary (bin/layerwire.mjs) in a child process with a 512 MB heap', () => {
  const binary = (...argv: string[]) =>
    run('node', ['--max-old-space-size=512', path.join(root, 'bin/layerwire.mjs'), ...argv], { cwd: root, maxBuffer: 256 * 1024 * 1024 }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

  it.each([
    ['truncated.json', 2, /not valid JSON/],
    ['invalid-utf8.json', 2, /not valid UTF-8/],
    ['bom.json', 2, /byte order mark/],
  ])('%s → exit %i on stderr', async (fixture, code, message) => {
    const file = path.join(BAD, fixture);
    const result = await binary('check', file);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(message);
  });

  it('a manifest path with .. does not read the file beside the model folder', async () => {
    const { dir, input } = workspace('tfjs-weights-dotdot');
    const result = await binary('compile', input, '--target', 'tfjs', '-o', path.join(dir, 'out'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the path leaves the folder/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('100,000 nodes and a 100,000-deep list stay within the heap and fail with exit 1 and 2', async () => {
    const doc = denseChain(100_000);
    doc.edges.push({ from: { node: 'n99999', port: 'out' }, to: { node: 'nowhere', port: 'in' } });
    const huge = writeTemp('huge.json', JSON.stringify(doc));
    expect((await binary('check', huge)).code).toBe(1);
    const deepFile = writeTemp('deep.json', deep(100_000, '[', '1', ']'));
    const result = await binary('check', deepFile);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nested deeper than 512 levels/);
  });
});

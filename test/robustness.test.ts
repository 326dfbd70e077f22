/**
 * The CLI's last robustness gaps: a set of output files is written whole or
 * not at all, a weight file that is a symbolic link out of the model's folder
 * is never read, and tfjs's "install tfjs-node" greeting stays out of the
 * CLI's output while its other warnings do not.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError, writeFilesAtomically } from '../cli/files';
import { manifestPathLeavesFolder } from '../compiler/import/weight-paths';
import { broadcastShapes } from '../compiler/layers/merge/broadcast';
import { readGraphText } from '../src/document/open-file';
import { cli } from './cli-harness';
import { root } from './emitted';

const run = promisify(execFile);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'layerwire-robust-'));

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every entry under `dir` (files with their text, folders with a slash), to compare before and after. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.relative(dir, path.join(entry.parentPath, entry.name));
    out[entry.isDirectory() ? `${file}/` : file] = entry.isDirectory() ? '' : fs.readFileSync(path.join(dir, file), 'latin1');
  }
  return out;
}

describe('writeFilesAtomically: all files or none', () => {
  function existingOutput() {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'model.json'), '{"old": true}\n');
    fs.writeFileSync(path.join(dir, 'weights.bin'), new Uint8Array([1, 2, 3]));
    return dir;
  }

  it('replaces every file when every rename succeeds, and leaves no temporary or old copy', () => {
    const dir = existingOutput();
    writeFilesAtomically([
      { path: path.join(dir, 'model.json'), data: '{"new": true}\n' },
      { path: path.join(dir, 'weights.bin'), data: new Uint8Array([9]) },
      { path: path.join(dir, 'history.json'), data: '{}' },
    ]);
    expect(tree(dir)).toEqual({ 'model.json': '{"new": true}\n', 'weights.bin': '\u0009', 'history.json': '{}' });
  });

  it('a rename that fails after the first one succeeded puts every old file back', () => {
    const dir = existingOutput();
    const before = tree(dir);
    const rename = fs.renameSync;
    let renames = 0;
    // Moving model.json aside and the new one in are renames 1 and 2; weights.bin aside is 3, its new copy 4.
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++renames === 4) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      rename(from, to);
    });
    expect(() =>
      writeFilesAtomically([
        { path: path.join(dir, 'model.json'), data: '{"new": true}\n' },
        { path: path.join(dir, 'weights.bin'), data: new Uint8Array([9]) },
      ]),
    ).toThrow(/cannot write .*model\.json.*weights\.bin: EIO/);
    expect(renames).toBeGreaterThan(4); // the rollback renamed the old files back
    expect(tree(dir)).toEqual(before);
  });

  it('a target that is a folder fails the whole set: the file written before it is restored', () => {
    const dir = existingOutput();
    fs.mkdirSync(path.join(dir, 'history.json'));
    fs.writeFileSync(path.join(dir, 'history.json', 'keep.txt'), 'mine');
    const before = tree(dir);
    expect(() =>
      writeFilesAtomically([
        { path: path.join(dir, 'model.json'), data: '{"new": true}\n' },
        { path: path.join(dir, 'weights.bin'), data: new Uint8Array([9]) },
        { path: path.join(dir, 'history.json'), data: '{}' },
      ]),
    ).toThrow(UsageError);
    expect(tree(dir)).toEqual(before);
  });

  it('a failure removes the folders the call created, and nothing else', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'taken'), 'a file where a folder should go');
    const before = tree(dir);
    expect(() =>
      writeFilesAtomically([
        { path: path.join(dir, 'new/deeper/model.json'), data: '{}' },
        { path: path.join(dir, 'taken/weights.bin'), data: new Uint8Array([9]) },
      ]),
    ).toThrow(UsageError);
    expect(tree(dir)).toEqual(before);
  });
});

describe('weight files that are symbolic links', () => {
  /** 36 bytes: exactly the Dense(2→3) weights the fixture needs, so reading it would make the import succeed. */
  const WEIGHTS = new Uint8Array(new Float32Array([0.5, -1, 2, 0.25, 1, -0.5, 0.1, 0.2, 0.3]).buffer);

  /** The fixture's model.json in `dir/model/`, the weights it names at `dir/outside.bin` (outside the model's folder). */
  function modelBesideOutsideFile() {
    const dir = tmp();
    const model = path.join(dir, 'model');
    fs.mkdirSync(model);
    fs.copyFileSync(path.join(root, 'test/fixtures/bad/tfjs-weights-missing/model.json'), path.join(model, 'model.json'));
    const outside = path.join(dir, 'outside.bin');
    fs.writeFileSync(outside, WEIGHTS);
    return { dir, model, outside };
  }

  function readsOf(file: string) {
    const real = fs.realpathSync(file);
    const spy = vi.spyOn(fs, 'readFileSync');
    return () => spy.mock.calls.filter(([p]) => typeof p === 'string' && (p === file || p === real)).length;
  }

  it('check: a link pointing out of the folder is refused (LW408 names the manifest path and the target) and the target is never read', async () => {
    const { model, outside } = modelBesideOutsideFile();
    fs.symlinkSync(outside, path.join(model, 'weights.bin'));
    const reads = readsOf(outside);
    const result = await cli('check', path.join(model, 'model.json'));
    expect(result.code).toBe(1);
    expect(result.out + result.err).toContain(`LW408`);
    expect(result.out + result.err).toContain(`'weights.bin' (weightsManifest[0].paths[0]) could not be read (it is a symbolic link to ${fs.realpathSync(outside)}, outside the folder of model.json`);
    expect(reads()).toBe(0);
  });

  it('check: a folder inside the model folder that links out is refused the same way', async () => {
    const { dir, model, outside } = modelBesideOutsideFile();
    fs.renameSync(outside, path.join(dir, 'weights.bin'));
    fs.symlinkSync(dir, path.join(model, 'linked'));
    const json = path.join(model, 'model.json');
    fs.writeFileSync(json, fs.readFileSync(json, 'utf8').replace('"weights.bin"', '"linked/weights.bin"'));
    const result = await cli('check', json);
    expect(result.code).toBe(1);
    expect(result.out + result.err).toMatch(/'linked\/weights\.bin' \(weightsManifest\[0\]\.paths\[0\]\) could not be read \(it is a symbolic link to .*weights\.bin, outside the folder/);
  });

  it('check and predict: a link to a file inside the folder is followed (the refusal is about where it points)', async () => {
    const { model, outside } = modelBesideOutsideFile();
    fs.renameSync(outside, path.join(model, 'real.bin'));
    fs.symlinkSync('real.bin', path.join(model, 'weights.bin'));
    expect((await cli('check', path.join(model, 'model.json'))).code).toBe(0);
    const input = path.join(model, '..', 'input.json');
    fs.writeFileSync(input, '[[1, 0]]');
    const predicted = await cli('predict', model, input);
    expect(predicted.err).toBe('');
    // [1, 0] · kernel + bias = the kernel's first row plus the bias
    expect((Object.values(JSON.parse(predicted.out))[0] as { predictions: number[][] }).predictions[0]!.map((v: number) => Number(v.toFixed(4)))).toEqual([0.6, -0.8, 2.3]);
  });

  it('predict: a link pointing out of the folder is refused with the same reason and the target is never read', async () => {
    const { model, outside } = modelBesideOutsideFile();
    fs.symlinkSync(outside, path.join(model, 'weights.bin'));
    const input = path.join(model, '..', 'input.json');
    fs.writeFileSync(input, '[[1, 0]]');
    const reads = readsOf(outside);
    const result = await cli('predict', model, input);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`'weights.bin' (weightsManifest[0].paths[0]) could not be read (it is a symbolic link to ${fs.realpathSync(outside)}, outside the folder of model.json`);
    expect(reads()).toBe(0);
  });

  it('predict: a manifest path with .. is refused before anything is read', async () => {
    const { model, outside } = modelBesideOutsideFile();
    const json = path.join(model, 'model.json');
    fs.writeFileSync(json, fs.readFileSync(json, 'utf8').replace('"weights.bin"', '"../outside.bin"'));
    fs.writeFileSync(path.join(model, 'input.json'), '[[1, 0]]');
    const reads = readsOf(outside);
    const result = await cli('predict', model, path.join(model, 'input.json'));
    expect(result.code).toBe(2);
    expect(result.err).toContain(`'../outside.bin' (weightsManifest[0].paths[0]) could not be read (the path leaves the folder of model.json`);
    expect(reads()).toBe(0);
  });
});

describe("tfjs's Node greeting", () => {
  const GREETING = 'Hi, looks like you are running TensorFlow.js';

  /** Runs `script` in a fresh Node process (tfjs greets once per process), with tsx for the TypeScript imports. */
  async function node(script: string) {
    const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', `import { register } from 'tsx/esm/api';\nregister();\n${script}`], { cwd: root });
    return stdout + stderr;
  }

  it('tfjs itself greets on the cpu backend (so the checks below can fail)', async () => {
    const output = await node(`const tf = await import('@tensorflow/tfjs');\nawait tf.setBackend('cpu');\ntf.tensor([1, 2]).dataSync();`);
    expect(output).toContain(GREETING);
  });

  it('startBackend("cpu") skips the greeting but keeps the other tfjs warnings', async () => {
    const output = await node(
      `const tf = await import('@tensorflow/tfjs');\nconst { startBackend } = await import('./cli/tfjs-backend.ts');\nif (!(await startBackend('cpu'))) throw new Error('no cpu');\ntf.tensor([1, 2]).dataSync();\ntf.backend_util.warn('another tfjs warning');`,
    );
    expect(output).not.toContain(GREETING);
    expect(output).toContain('another tfjs warning');
  });

  it('`layerwire train --backend cpu` prints no greeting', async () => {
    const out = path.join(tmp(), 'out');
    const args = ['train', path.join(root, 'examples/seed-lstm.json'), '--samples', '20', '--epochs', '1', '--batch-size', '10', '--backend', 'cpu', '-o', out];
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'bin/layerwire.mjs'), ...args], { cwd: root });
    expect(stdout).toContain('backend cpu');
    expect(stdout + stderr).not.toContain(GREETING);
  }, 60_000);
});

describe('the editor opens a tfjs model.json with the rules the CLI has', () => {
  const MODEL = fs.readFileSync(path.join(root, 'test/fixtures/bad/tfjs-weights-missing/model.json'), 'utf8');
  const WEIGHTS = new Map([['weights.bin', new Uint8Array(36)]]);
  const withPath = (manifestPath: string) => MODEL.replace('"weights.bin"', JSON.stringify(manifestPath));

  /** What the editor made of the file: its LW408 notes and whether the Dense layer got weights. */
  function opened(manifestPath: string) {
    const result = readGraphText(withPath(manifestPath), 'model.json', WEIGHTS);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return { lw408: result.notes.filter((n) => n.code === 'LW408'), weighted: result.document.nodes.some((n) => n.weights?.length) };
  }

  it.each([['../weights.bin'], ['sub/../../weights.bin'], ['/abs/weights.bin'], ['C:\\models\\weights.bin'], ['\\\\server\\share\\weights.bin']])(
    '%s is refused with the CLI\'s LW408 reason, not matched by its base name',
    (manifestPath) => {
      const { lw408, weighted } = opened(manifestPath);
      expect(weighted).toBe(false);
      expect(lw408).toHaveLength(1);
      expect(lw408[0]!.path).toBe('weightsManifest[0].paths[0]');
      expect(lw408[0]!.message).toContain(`could not be read (the path leaves the folder of model.json; weight files must sit beside it)`);
    },
  );

  it.each([['weights.bin'], ['sub/weights.bin'], ['sub/../weights.bin'], ['./weights.bin']])('%s stays inside the folder and is read by its name', (manifestPath) => {
    expect(opened(manifestPath)).toEqual({ lw408: [], weighted: true });
  });

  it('a file nested deeper than the CLI allows is refused with the same words, before anything recursive walks it', () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const result = readGraphText(deep, 'deep.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/^nested deeper than 512 levels at \[0\]\[0\].*…; no model needs that/);
  });

  it('manifestPathLeavesFolder: climbing out anywhere, or starting from a root, leaves', () => {
    const leaves = ['..', '../a', 'a/../../b', 'a\\..\\..\\b', '/a', '\\a', 'C:a', 'c:/a'];
    const stays = ['a', 'a/b', 'a/../b', './a', 'a/./b/..', '..a', 'a..'];
    expect(leaves.filter((p) => !manifestPathLeavesFolder(p))).toEqual([]);
    expect(stays.filter((p) => manifestPathLeavesFolder(p))).toEqual([]);
  });
});

describe('review fixes', () => {
  it('a merge clash on a zero-size feature axis suggests no Dense(0); a real clash still suggests Dense(n)', () => {
    const fixOf = (inputs: (number | null)[][]) => {
      const result = broadcastShapes(inputs, "Add 'add'", 'Add');
      if (!('problems' in result)) throw new Error('expected a clash');
      return result.problems[0]!.fix;
    };
    expect(fixOf([[null, 0], [null, 5]])).toBeUndefined();
    expect(fixOf([[null, 8], [null, 5]])).toMatchObject({ type: 'Dense', params: { units: 8 } });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { runCli } from '../cli/main';

/** Runs the CLI in-process; what it printed on stdout and stderr, and its exit code. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Reads model.json + weights from disk the way tf.loadLayersModel's http/file handlers would (independent of the CLI's own readers). */
export function loadFromDirectory(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJson = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
      const manifest = modelJson.weightsManifest as tf.io.WeightsManifestConfig;
      const buffers = manifest.flatMap((group) => group.paths.map((p) => fs.readFileSync(path.join(dir, p))));
      const weightData = new Uint8Array(Buffer.concat(buffers)).buffer;
      return { modelTopology: modelJson.modelTopology, weightSpecs: manifest.flatMap((g) => g.weights), weightData };
    },
  };
}

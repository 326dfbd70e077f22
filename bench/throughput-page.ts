/**
 * The Chromium side of bench/throughput.ts (bench/throughput.html loads it):
 * tfjs, our compiler and the hand-written models in a real page, measured on
 * whichever backend the runner asks for. The runner sends the documents and
 * plans and reads the numbers back from `window.measureThroughput`.
 */
import * as tf from '@tensorflow/tfjs';
import { switchBackend } from '../src/runtime/tfjs';
import type { BackendName } from '../src/runtime/train-backend';
import { HAND_MODELS } from './hand-models';
import { measureExample, prepareExample, type ExampleThroughput, type ThroughputPlan } from './throughput-measure';

export interface PageCase {
  example: string;
  document: unknown;
  plan: ThroughputPlan;
}

export interface PageRun {
  /** The backend tfjs runs (another than asked when the asked one cannot start here; then no result). */
  backend: string;
  /** WebGL's renderer string (SwiftShader means WebGL emulated on the CPU); absent on other backends. */
  renderer?: string;
  result?: ExampleThroughput;
}

/** One example on one backend: the runner calls it example by example, so it can print each row as it comes. */
async function measureThroughput(backend: BackendName, { document, example, plan }: PageCase): Promise<PageRun> {
  const running = await switchBackend([backend]);
  if (running !== backend) return { backend: running };
  const prepared = await prepareExample(document, Math.max(plan.samples, plan.fitSamples ?? 0));
  const result = await measureExample(prepared, HAND_MODELS[example]!, plan);
  return { backend: running, renderer: backend === 'webgl' ? webglRenderer() : undefined, result };
}

function webglRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'none';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

declare global {
  interface Window {
    measureThroughput: typeof measureThroughput;
  }
}

window.measureThroughput = measureThroughput;
// The runner waits for this before asking for numbers.
document.body.dataset.ready = tf.version.tfjs;

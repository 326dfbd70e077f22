import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from './train-backend';

let ready: Promise<string> | undefined;

/** Starts the first of `candidates` this browser can run (no WebGL or no WebAssembly makes one fail); resolves with the backend running. */
async function startFirst(candidates: readonly string[]): Promise<string> {
  for (const backend of candidates) {
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return backend;
      }
    } catch {
      /* try the next one */
    }
  }
  return tf.getBackend();
}

/**
 * Starts tfjs on the best backend this browser offers: WASM (its binaries are
 * served from our own bundle, so it works offline), then WebGL, then CPU.
 * Resolves with the backend's name.
 */
export function initTfjs(): Promise<string> {
  ready ??= (async () => {
    serveWasmFromBundle();
    return startFirst(['wasm', 'webgl', 'cpu']);
  })();
  return ready;
}

let wasmServed = false;

/** Points tfjs's wasm backend at the binaries in our bundle (the same URLs in the page and in a worker). */
function serveWasmFromBundle(): void {
  if (wasmServed) return;
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasm, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd });
  wasmServed = true;
}

/**
 * Starts the first of `candidates` straight away, without the page's
 * wasm-first start: for the training worker, whose tfjs runs only the
 * backend it trains on.
 */
export async function startBackend(candidates: readonly BackendName[]): Promise<string> {
  serveWasmFromBundle();
  return startFirst(candidates);
}

/**
 * Switches tfjs to the first of `candidates` this browser can start and
 * resolves with the backend now running; tensors made on another backend
 * move over when next used.
 */
export async function switchBackend(candidates: readonly BackendName[]): Promise<string> {
  await initTfjs();
  return startFirst(candidates);
}

export { tf };

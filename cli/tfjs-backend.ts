import * as tf from '@tensorflow/tfjs';

export type CliBackend = 'cpu' | 'wasm';

/**
 * Every CLI command that runs tfjs starts its backend here. On cpu, tfjs
 * greets Node users on stderr ("Hi, looks like you are running TensorFlow.js
 * in Node.js…") the first time it stores a tensor; in a command-line tool
 * that reads as a warning about the user's model. The greeting is guarded
 * only by the backend's own `firstUse` flag, so that flag is cleared before
 * the first tensor. The env flag PROD (tf.enableProdMode) would silence it
 * too, but in tfjs 4.22 PROD is the switch for every tfjs warning (its
 * log.warn / log.log and the platform / flag-override notices), so it would
 * hide the warnings a user should see.
 * The browser never comes here: its cpu backend does not greet (IS_NODE is false).
 * Returns false when the backend cannot start here.
 */
export async function startBackend(name: CliBackend): Promise<boolean> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (name === 'cpu') skipNodeGreeting();
  if (!(await tf.setBackend(name))) return false;
  await tf.ready();
  return true;
}

function skipNodeGreeting(): void {
  const cpu = tf.findBackend('cpu') as (tf.KernelBackend & { firstUse?: boolean }) | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}

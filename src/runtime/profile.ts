import * as tf from '@tensorflow/tfjs';
import type { CheckResult } from '../../compiler/check';
import type { Diagnostic } from '../../compiler/diagnostics';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import { isKnown } from '../../compiler/shapes';
import { trainedModelFor } from './trained-model';

/** What running one node's layer cost on this device. */
export interface NodeProfile {
  id: string;
  /** Median time of the layer over the runs, in ms. */
  ms: number;
  /** `kernel`: time the backend spent in kernels (tf.time's kernelMs); `wall`: elapsed until the outputs were ready, where the backend does not time kernels. */
  timing: 'kernel' | 'wall';
  /** Bytes of the tensors the node outputs for the whole batch. */
  outputBytes: number;
  /** Bytes tfjs holds more after the layer ran (tf.memory() delta): less than `outputBytes` where an output shares its input's data. */
  allocatedBytes: number;
}

export interface ModelProfile {
  backend: string;
  batch: number;
  runs: number;
  /** Whether the weights were the trained ones (else fresh initial weights: same cost). */
  trained: boolean;
  /** Top-level nodes that run a layer, in execution order (Input nodes are not layers). */
  nodes: NodeProfile[];
  /** Median time of one `model.predict` on the same batch, timed the same way: what the per-node times add up to, roughly. */
  predictMs: number;
}

export interface ProfileOptions {
  batch?: number;
  /** Timed runs after the warm-up; each node reports its median. */
  runs?: number;
}

/** A dimension the graph leaves open (a symbolic sequence length) gets this size when profiling. */
const OPEN_DIMENSION = 8;

type Inbound = { inputTensors: tf.SymbolicTensor[]; outputTensors: tf.SymbolicTensor[]; callArgs: Record<string, unknown> };

/**
 * Runs the model layer by layer on the active tfjs backend and measures each
 * top-level node: time (median of `runs` after a warm-up run, which on WebGL
 * compiles the shaders) and memory. The model is `trainedModelFor` the document
 * when there is one, else built fresh (and freed again).
 */
export async function profileModel(check: CheckResult, options: ProfileOptions = {}): Promise<{ ok: true; profile: ModelProfile } | { ok: false; diagnostics: Diagnostic[] }> {
  const batch = options.batch ?? 1;
  const runs = Math.max(1, options.runs ?? 5);
  const trained = trainedModelFor(check.document);
  let model = trained;
  if (!model) {
    const built = buildTfjsModel(check, { compile: false });
    if (!built.ok) return { ok: false, diagnostics: built.diagnostics };
    model = built.model;
  }
  const inputs = model.inputs.map((symbolic, i) => sampleInput(check, check.graph.inputs[i]!, symbolic.dtype, batch));
  try {
    const calls = layerCalls(check, model);
    const samples = new Map<string, { ms: number[]; timing: NodeProfile['timing']; outputBytes: number; allocatedBytes: number }>();
    for (let run = 0; run <= runs; run++) {
      const values = new Map<number, tf.Tensor>(model.inputs.map((symbolic, i) => [symbolic.id, inputs[i]!]));
      const made: tf.Tensor[] = [];
      for (const { id, layer, inbound } of calls) {
        const args = inbound.inputTensors.map((t) => values.get(t.id)!);
        const measured = await timeLayer(() => layer.apply(args.length === 1 ? args[0]! : args, inbound.callArgs) as tf.Tensor | tf.Tensor[]);
        measured.outputs.forEach((tensor, i) => values.set(inbound.outputTensors[i]!.id, tensor));
        made.push(...measured.outputs);
        if (run === 0) continue; // the warm-up
        const entry = samples.get(id) ?? { ms: [], timing: measured.timing, outputBytes: 0, allocatedBytes: 0 };
        entry.ms.push(measured.ms);
        entry.outputBytes = measured.outputs.reduce((n, t) => n + t.size * bytesPerElement(t.dtype), 0);
        entry.allocatedBytes = measured.allocatedBytes;
        samples.set(id, entry);
      }
      tf.dispose(made);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the page paint between runs
    }
    const predict: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const { ms, outputs } = await timeLayer(() => model.predict(inputs.length === 1 ? inputs[0]! : inputs) as tf.Tensor | tf.Tensor[]);
      tf.dispose(outputs);
      if (run > 0) predict.push(ms);
    }
    const nodes = calls.map(({ id }) => {
      const { ms, ...rest } = samples.get(id)!;
      return { id, ms: median(ms), ...rest };
    });
    return { ok: true, profile: { backend: tf.getBackend(), batch, runs, trained: trained !== undefined, nodes, predictMs: median(predict) } };
  } finally {
    tf.dispose(inputs);
    if (!trained) model.dispose();
  }
}

/**
 * Each top-level layer node with the tfjs layer that runs it and which call of
 * that layer it is: a node that shares another's weights (`sharesWeightsWith`)
 * is a later call of the owner's layer, in the order the model was built.
 */
function layerCalls(check: CheckResult, model: tf.LayersModel): { id: string; layer: tf.layers.Layer; inbound: Inbound }[] {
  const callsSoFar = new Map<string, number>();
  const out: { id: string; layer: tf.layers.Layer; inbound: Inbound }[] = [];
  for (const node of check.graph.order) {
    if (node.node.type === 'Input') continue;
    const owner = check.graph.nodes.get(node.sharesWeightsWith ?? node.node.id)!;
    const call = callsSoFar.get(owner.name) ?? 0;
    callsSoFar.set(owner.name, call + 1);
    const layer = model.getLayer(owner.name);
    out.push({ id: node.node.id, layer, inbound: (layer.inboundNodes as unknown as Inbound[])[call]! });
  }
  return out;
}

/** Random data of the input's shape; zeros for int32 inputs, which index an embedding and must stay in range. */
function sampleInput(check: CheckResult, inputId: string, dtype: tf.DataType, batch: number): tf.Tensor {
  const shape = check.byId.get(inputId)!.outputs[0]!.shape!.map((d, i) => (i === 0 ? batch : isKnown(d) ? d : OPEN_DIMENSION));
  return dtype === 'int32' ? tf.zeros(shape, 'int32') : tf.randomNormal(shape);
}

/** One layer call, timed: kernel time where the backend gives it, else wall time until its outputs are ready. */
async function timeLayer(run: () => tf.Tensor | tf.Tensor[]): Promise<{ ms: number; timing: NodeProfile['timing']; outputs: tf.Tensor[]; allocatedBytes: number }> {
  let outputs: tf.Tensor[] = [];
  const bytesBefore = tf.memory().numBytes;
  const started = performance.now();
  const info = await tf.time(() => {
    // tidy frees what the layer made on the way; only its outputs stay.
    const result = tf.tidy(run);
    outputs = Array.isArray(result) ? result : [result];
  });
  const allocatedBytes = tf.memory().numBytes - bytesBefore;
  if (typeof info.kernelMs === 'number') return { ms: info.kernelMs, timing: 'kernel', outputs, allocatedBytes };
  await Promise.all(outputs.map((t) => t.data()));
  return { ms: performance.now() - started, timing: 'wall', outputs, allocatedBytes };
}

function bytesPerElement(dtype: tf.DataType): number {
  return dtype === 'complex64' ? 8 : dtype === 'bool' ? 1 : 4;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

import * as tf from '@tensorflow/tfjs';
import type { ResolvedGraph, ResolvedNode } from '../../compiler/resolve';

/** One output port's values for the one sample: `shape` starts with the batch of 1. */
export interface PortValues {
  port: string;
  shape: number[];
  values: Float32Array;
}

/** What one top-level node output on the sample; a Block node shows its outputs, not its inner nodes'. */
export interface NodeActivation {
  id: string;
  name: string;
  type: string;
  outputs: PortValues[];
  /** AttentionPooling only: its softmax weights over time, one per timestep (they sum to 1). */
  attention?: Float32Array;
}

/**
 * A block is a nested tfjs model, and a tfjs model's inbound node 0 links its
 * own inputs to its outputs; its calls in the outer graph come after that.
 */
const isNestedModel = (layer: tf.layers.Layer) => layer instanceof tf.LayersModel;

/**
 * The symbolic output (one per port) of every non-Input node, found on the
 * layer the model builder named after the node's weight owner: a node that
 * shares another's layer is that layer's next call, in flow order, as
 * compiler/emit/tfjs-model.ts applies them.
 */
function symbolicOutputs(model: tf.LayersModel, graph: ResolvedGraph): Map<string, tf.SymbolicTensor[]> {
  const calls = new Map<string, number>();
  const found = new Map<string, tf.SymbolicTensor[]>();
  for (const node of graph.order) {
    if (node.node.type === 'Input') continue;
    const owner = graph.nodes.get(node.sharesWeightsWith ?? node.node.id)!;
    const layer = model.getLayer(owner.name);
    const call = calls.get(owner.node.id) ?? (isNestedModel(layer) ? 1 : 0);
    calls.set(owner.node.id, call + 1);
    const output = layer.getOutputAt(call);
    found.set(node.node.id, Array.isArray(output) ? output : [output]);
  }
  return found;
}

/** The same walk for a node's input tensor (what AttentionPooling pools over). */
function symbolicInput(model: tf.LayersModel, graph: ResolvedGraph, target: ResolvedNode): tf.SymbolicTensor {
  let call = 0;
  for (const node of graph.order) {
    if (node === target) break;
    if ((node.sharesWeightsWith ?? node.node.id) === (target.sharesWeightsWith ?? target.node.id)) call++;
  }
  const input = model.getLayer(graph.nodes.get(target.sharesWeightsWith ?? target.node.id)!.name).getInputAt(call);
  return Array.isArray(input) ? input[0]! : input;
}

/**
 * AttentionPooling's weights over time for input `x` [1, t, f], recomputed
 * from the layer's own variables (W_kernel, W_bias, V_kernel, V_bias, in
 * getWeights order) with the formula of compiler/custom/attention-pooling.ts:
 * softmax over time of V·tanh(W·x + b) + c. The layer's saved format stays as
 * it is; the tests check that Σ weights·x gives back the layer's own output.
 */
export function attentionWeights(layer: tf.layers.Layer, x: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const [wKernel, wBias, vKernel, vBias] = layer.getWeights() as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
    const [, timesteps, features] = x.shape as [number, number, number];
    const hidden = tf.tanh(tf.add(tf.matMul(tf.reshape(x, [-1, features]) as tf.Tensor2D, wKernel), wBias));
    const scores = tf.reshape(tf.add(tf.matMul(hidden, vKernel), vBias), [-1, timesteps]);
    return tf.reshape(tf.softmax(scores), [timesteps]) as tf.Tensor1D;
  });
}

const probes = new WeakMap<tf.LayersModel, { probe: tf.LayersModel; outputs: Map<string, tf.SymbolicTensor[]>; attentionInputs: Map<string, tf.SymbolicTensor>; tensors: tf.SymbolicTensor[] }>();

/** One model with every node's output (and every AttentionPooling input) as an output, built once per model. */
function probeFor(model: tf.LayersModel, graph: ResolvedGraph) {
  const cached = probes.get(model);
  if (cached) return cached;
  const outputs = symbolicOutputs(model, graph);
  const attentionInputs = new Map<string, tf.SymbolicTensor>();
  for (const node of graph.order) if (node.node.type === 'AttentionPooling') attentionInputs.set(node.node.id, symbolicInput(model, graph, node));
  // A tensor can be several nodes' answer (a shared layer's input, say): ask for each once.
  const tensors = [...new Set([...[...outputs.values()].flat(), ...attentionInputs.values()])];
  const probe = tf.model({ inputs: model.inputs, outputs: tensors, name: `${model.name}_probe` });
  const built = { probe, outputs, attentionInputs, tensors };
  probes.set(model, built);
  return built;
}

/**
 * Runs `model` (built by buildTfjsModel from `graph`) once on `samples` (one
 * tensor per model input, each a batch of 1, in the model's input order) and
 * returns what every top-level node output, in flow order. All intermediate
 * tensors are disposed; `samples` stay the caller's.
 */
export async function captureActivations(model: tf.LayersModel, graph: ResolvedGraph, samples: tf.Tensor[]): Promise<NodeActivation[]> {
  const { probe, outputs, attentionInputs, tensors } = probeFor(model, graph);
  const answers = tf.tidy(() => {
    const answer = probe.predict(samples.length === 1 ? samples[0]! : samples);
    return Array.isArray(answer) ? answer : [answer];
  });
  try {
    const values = await Promise.all(answers.map((t) => t.data() as Promise<Float32Array>));
    const valueOf = (symbolic: tf.SymbolicTensor): PortValues & { tensor: tf.Tensor } => {
      const i = tensors.indexOf(symbolic);
      return { port: '', shape: answers[i]!.shape, values: Float32Array.from(values[i]!), tensor: answers[i]! };
    };
    return graph.order.map((node) => {
      const id = node.node.id;
      const base = { id, name: node.name, type: node.node.type };
      if (node.node.type === 'Input') {
        const sample = samples[graph.inputs.indexOf(id)]!;
        return { ...base, outputs: [{ port: 'out', shape: sample.shape, values: Float32Array.from(sample.dataSync()) }] };
      }
      const ports = outputs.get(id)!.map((symbolic, i) => {
        const { shape, values } = valueOf(symbolic);
        return { port: node.outputPorts[i] ?? String(i), shape, values };
      });
      const attentionInput = attentionInputs.get(id);
      if (!attentionInput) return { ...base, outputs: ports };
      const layer = model.getLayer(graph.nodes.get(node.sharesWeightsWith ?? id)!.name);
      const weights = attentionWeights(layer, valueOf(attentionInput).tensor);
      const attention = Float32Array.from(weights.dataSync());
      weights.dispose();
      return { ...base, outputs: ports, attention };
    });
  } finally {
    tf.dispose(answers);
  }
}

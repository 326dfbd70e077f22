import * as tf from '@tensorflow/tfjs';
import type { GraphNode, PortRef } from '../../schemas/graph';
import type { TrainingConfig } from '../../schemas/training';
import type { Shape } from '../../schemas/shape';
import type { CheckResult } from '../check';
import { diagnostics, say, type Diagnostic } from '../diagnostics';
import { resolveGraph, type ResolvedGraph } from '../resolve';
import { toTfjsShape } from '../shapes';
import { compileArgs } from './training-config';
import { buildTfjsLayer } from './tfjs-layer';
import { decodeWeight } from './weights';

export type TfjsModelResult = { ok: true; model: tf.LayersModel } | { ok: false; diagnostics: Diagnostic[] };

type Tensors = Map<string, tf.SymbolicTensor>;
const key = (node: string, port: string) => `${node}\u0000${port}`;

/**
 * The checked graph as a tfjs functional model: layer names preserved,
 * document weights loaded, compiled with the graph's training config.
 * Refuses a graph with errors: the checker never emits, the emitter never checks.
 */
export function buildTfjsModel(result: CheckResult, options: { compile?: boolean } = {}): TfjsModelResult {
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    return { ok: false, diagnostics: [diagnostics.notCompilable(say(`The graph has ${errors} error(s); fix them before compiling`, `图中有 ${errors} 个错误；请先修正再编译`))] };
  }
  const { document } = result;
  const model = buildGraph(result.graph, document.name, result, (id) => result.byId.get(id)?.outputs[0]?.shape);
  if (options.compile !== false && document.training) compileTfjsModel(model, document.training, result.graph.outputs);
  return { ok: true, model };
}

/** Compiles a model of this graph (built here or loaded back from its artifacts) with a training config. */
export function compileTfjsModel(model: tf.LayersModel, training: TrainingConfig, outputs: PortRef[]): void {
  const args = compileArgs(training, outputs);
  const factory = (tf.train as unknown as Record<string, (...a: unknown[]) => tf.Optimizer>)[args.optimizer.factory]!;
  const loss = typeof args.loss === 'string' ? args.loss : args.loss.map((l) => (typeof l === 'string' ? l : weightedLoss(l.name, l.weight)));
  model.compile({ optimizer: factory(...args.optimizer.args), loss: loss as string[], metrics: args.metrics });
}

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

function weightedLoss(name: string, weight: number): LossFn {
  const loss = (tf.metrics as unknown as Record<string, LossFn>)[name]!;
  return (yTrue, yPred) => tf.mul(loss(yTrue, yPred), weight);
}

function buildGraph(graph: ResolvedGraph, name: string, result: CheckResult, inputShape: (id: string) => Shape | undefined, idPrefix = ''): tf.LayersModel {
  const tensors: Tensors = new Map();
  const pending: { layer: tf.layers.Layer; node: GraphNode }[] = [];
  // A shared layer is built once, under its owner's name, and applied at every call.
  const layers = new Map<string, tf.layers.Layer>();
  for (const node of graph.order) {
    const id = node.node.id;
    if (node.node.type === 'Input') {
      const shape = inputShape(idPrefix + id)!;
      tensors.set(key(id, 'out'), tf.input({ batchShape: toTfjsShape(shape), name: node.name, dtype: node.params.ok ? (node.params.value.dtype as 'float32' | 'int32') : 'float32' }));
      continue;
    }
    const inputs = node.inputs.map((i) => tensors.get(key(i.source.node, i.source.port))!);
    const owner = graph.nodes.get(node.sharesWeightsWith ?? id)!;
    let layer = layers.get(owner.node.id);
    if (!layer) {
      layer = owner.block
        ? buildBlock(owner.block.key, owner.name, result, `${idPrefix}${owner.node.id}/`)
        : buildTfjsLayer(owner.definition!, owner.params.ok ? owner.params.value : {}, owner.name);
      layers.set(owner.node.id, layer);
      if (owner.node.weights?.length) pending.push({ layer, node: owner.node });
    }
    const output = layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tf.SymbolicTensor | tf.SymbolicTensor[];
    const outputs = Array.isArray(output) ? output : [output];
    node.outputPorts.forEach((port, i) => tensors.set(key(id, port), outputs[i]!));
  }
  const model = tf.model({
    inputs: graph.inputs.map((id) => tensors.get(key(id, 'out'))!),
    outputs: graph.outputs.map((ref) => tensors.get(key(ref.node, ref.port))!),
    name,
  });
  for (const { layer, node } of pending) setDocumentWeights(layer, node);
  return model;
}

/** A block becomes a nested tfjs model, the way Keras nests a Model used as a layer. */
function buildBlock(blockKey: string, name: string, result: CheckResult, idPrefix: string): tf.LayersModel {
  const definition = result.document.blocks[blockKey]!;
  const graph = resolveGraph({ nodes: definition.nodes, edges: definition.edges, outputs: definition.outputs, inputOrder: definition.inputs }, result.document.blocks);
  return buildGraph(graph, name, result, (id) => result.byId.get(id)?.outputs[0]?.shape, idPrefix);
}

function setDocumentWeights(layer: tf.layers.Layer, node: GraphNode): void {
  const expected = layer.getWeights();
  const weights = node.weights!;
  if (weights.length !== expected.length) {
    throw new Error(`node '${node.id}' carries ${weights.length} weight tensors but its layer has ${expected.length}`);
  }
  const tensors = weights.map((w, i) => {
    if (w.shape.join(',') !== expected[i]!.shape.join(',')) {
      throw new Error(`node '${node.id}' weight '${w.name}' has shape [${w.shape}] but the layer needs [${expected[i]!.shape}]`);
    }
    return tf.tensor(decodeWeight(w), w.shape, w.dtype);
  });
  layer.setWeights(tensors);
  tf.dispose(tensors);
}

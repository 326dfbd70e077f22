import * as tf from '@tensorflow/tfjs';
import type { CheckResult, NodeReport } from '../compiler/check';
import type { TrainedTensor, WeightsByNode } from './carry-weights';

/**
 * A model built by `buildTfjsModel` read and written node by node: each weighted node
 * is the layer named after it, and an inner node of a Block node is the layer of that
 * name inside the Block node's nested model (as Keras nests a Model used as a layer).
 */

/** The tfjs layer of a node that owns weights; undefined for one the model lacks. */
function layerOf(model: tf.LayersModel, check: CheckResult, report: NodeReport): tf.layers.Layer | undefined {
  const parent = report.parent === undefined ? undefined : check.byId.get(report.parent);
  const container = parent ? layerOf(model, check, parent) : model;
  if (!(container instanceof tf.LayersModel)) return undefined;
  try {
    return container.getLayer(report.name);
  } catch {
    return undefined;
  }
}

const owners = (check: CheckResult) => check.nodes.filter((r) => r.sharesWeightsWith === undefined && r.weights.length > 0);

/** Copies every weighted node's weights out of `model` (the graph checked as `check`), by node report id. */
export function readNodeWeights(model: tf.LayersModel, check: CheckResult): WeightsByNode {
  const weights: WeightsByNode = new Map();
  for (const report of owners(check)) {
    const layer = layerOf(model, check, report);
    if (!layer) continue;
    const tensors = layer.getWeights();
    weights.set(
      report.id,
      tensors.map((t, i): TrainedTensor => ({ name: report.weights[i]?.name ?? String(i), shape: t.shape, values: (t.dataSync() as Float32Array | Int32Array).slice() })),
    );
  }
  return weights;
}

/** Sets the weights of the nodes in `weights` on `model` (the graph checked as `check`); the other layers keep theirs. */
export function writeNodeWeights(model: tf.LayersModel, check: CheckResult, weights: WeightsByNode): void {
  for (const [id, tensors] of weights) {
    const report = check.byId.get(id);
    const layer = report && layerOf(model, check, report);
    if (!layer) throw new Error(`the model has no layer for node '${id}'`);
    const values = tensors.map((w) => tf.tensor(w.values, w.shape, w.values instanceof Int32Array ? 'int32' : 'float32'));
    try {
      layer.setWeights(values);
    } finally {
      tf.dispose(values);
    }
  }
}

/**
 * Every example of examples/*.json written by hand in tfjs, as a person who
 * never saw Layerwire would write it from the picture: tf.input, tf.layers.*
 * and tf.model, compiled from the example's training config the same way.
 * The benchmarks measure our compiled model against these, with the same
 * weights on the same backend, so a ratio of 1.00 means the compiler adds
 * nothing. test/hand-models.test.ts holds each one to its compiled twin
 * (same layer shapes, same parameters, same predictions).
 *
 * No DOM and no Node APIs: the Node benchmark and the Chromium page both import it.
 */
import * as tf from '@tensorflow/tfjs';
// The layer the seed article writes itself; a hand-written model uses the registered class like any user would.
import { AttentionPooling } from '../compiler/custom/attention-pooling';

export interface HandModel {
  build: () => tf.LayersModel;
  /** model.compile as a person writes it from the example's training config. */
  compile: (model: tf.LayersModel) => void;
}

type Loss = tf.ModelCompileArgs['loss'];

const adam = (loss: Loss) => (model: tf.LayersModel) => model.compile({ optimizer: tf.train.adam(0.001), loss, metrics: ['accuracy'] });
const apply = (layer: tf.layers.Layer, input: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(input) as tf.SymbolicTensor;

/** Keyed by the example's file name (examples/<name>.json). */
export const HAND_MODELS: Record<string, HandModel> = {
  'seed-cnn': {
    build: () => {
      const image = tf.input({ shape: [64, 64, 3] });
      let x = apply(tf.layers.conv2d({ filters: 32, kernelSize: [3, 3], activation: 'relu' }), image);
      x = apply(tf.layers.maxPooling2d({ poolSize: [2, 2] }), x);
      x = apply(tf.layers.flatten(), x);
      x = apply(tf.layers.dense({ units: 128, activation: 'relu' }), x);
      return tf.model({ inputs: image, outputs: apply(tf.layers.dense({ units: 10, activation: 'softmax' }), x) });
    },
    compile: adam('categoricalCrossentropy'),
  },
  'seed-lstm': {
    build: () => {
      const sequence = tf.input({ shape: [null, 16] });
      const x = apply(tf.layers.lstm({ units: 50 }), sequence);
      return tf.model({ inputs: sequence, outputs: apply(tf.layers.dense({ units: 10, activation: 'softmax' }), x) });
    },
    compile: adam('categoricalCrossentropy'),
  },
  'seed-attention': {
    build: () => {
      const sequence = tf.input({ shape: [null, 16] });
      let x = apply(tf.layers.lstm({ units: 64, returnSequences: true }), sequence);
      x = apply(new AttentionPooling({ units: 32 }), x);
      return tf.model({ inputs: sequence, outputs: apply(tf.layers.dense({ units: 10, activation: 'softmax' }), x) });
    },
    compile: adam('categoricalCrossentropy'),
  },
  'seed-multitask': {
    build: () => {
      const features = tf.input({ shape: [64] });
      const shared = apply(tf.layers.dense({ units: 128, activation: 'relu' }), features);
      const task1 = apply(tf.layers.dense({ units: 10, activation: 'softmax' }), shared);
      const task2 = apply(tf.layers.dense({ units: 5, activation: 'softmax' }), shared);
      return tf.model({ inputs: features, outputs: [task1, task2] });
    },
    // tfjs has no lossWeights: the 0.5 on task2 is a scaled loss function.
    compile: adam(['categoricalCrossentropy', (y: tf.Tensor, p: tf.Tensor) => tf.mul(tf.metrics.categoricalCrossentropy(y, p), 0.5)] as unknown as string[]),
  },
  'cross-modal': {
    build: () => {
      const image = tf.input({ shape: [32, 32, 3] });
      let seen = apply(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' }), image);
      seen = apply(tf.layers.maxPooling2d({ poolSize: 2 }), seen);
      seen = apply(tf.layers.flatten(), seen);
      seen = apply(tf.layers.dense({ units: 64, activation: 'relu' }), seen);
      const tokens = tf.input({ shape: [null, 16] });
      const heard = apply(tf.layers.lstm({ units: 32 }), tokens);
      const fused = apply(tf.layers.concatenate(), [seen, heard]);
      return tf.model({ inputs: [image, tokens], outputs: apply(tf.layers.dense({ units: 10, activation: 'softmax' }), fused) });
    },
    compile: adam('categoricalCrossentropy'),
  },
  'mnist-cnn': {
    build: () => {
      const digit = tf.input({ shape: [28, 28, 1] });
      let x = apply(tf.layers.conv2d({ filters: 8, kernelSize: [3, 3], activation: 'relu' }), digit);
      x = apply(tf.layers.maxPooling2d({ poolSize: [2, 2] }), x);
      x = apply(tf.layers.flatten(), x);
      return tf.model({ inputs: digit, outputs: apply(tf.layers.dense({ units: 10, activation: 'softmax' }), x) });
    },
    compile: adam('categoricalCrossentropy'),
  },
};

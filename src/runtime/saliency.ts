import * as tf from '@tensorflow/tfjs';

/** Which input the saliency is about and which output head's class it explains. */
export interface SaliencyTarget {
  /** Index into the model's inputs (the image). */
  input: number;
  /** Index into the model's outputs (the head). */
  output: number;
  /** The class to explain; the head's top class when left out. */
  classIndex?: number;
}

/** A per-pixel map in [0, 1], row-major `height × width`, and the class it explains. */
export interface SaliencyMap {
  height: number;
  width: number;
  values: Float32Array;
  classIndex: number;
}

const headOf = (model: tf.LayersModel, inputs: tf.Tensor[], output: number): tf.Tensor => {
  const answer = model.apply(inputs.length === 1 ? inputs[0]! : inputs, { training: false }) as tf.Tensor | tf.Tensor[];
  return Array.isArray(answer) ? answer[output]! : answer;
};

/** The top class of one head for the (single) sample. */
export function topClass(model: tf.LayersModel, inputs: tf.Tensor[], output: number): number {
  return tf.tidy(() => headOf(model, inputs, output).reshape([-1]).argMax().dataSync()[0]!);
}

/**
 * ∂(head's score for `classIndex`) / ∂(input `target.input`), the other
 * inputs held fixed: a tensor of the input's shape. The caller disposes it.
 */
export function inputGradient(model: tf.LayersModel, inputs: tf.Tensor[], target: Required<SaliencyTarget>): tf.Tensor {
  return tf.tidy(() => {
    const score = (x: tf.Tensor) => {
      const all = inputs.map((input, i) => (i === target.input ? x : input));
      // slice, not gather: gather's gradient needs a kernel the WASM backend lacks.
      return headOf(model, all, target.output).reshape([-1]).slice([target.classIndex], [1]).sum();
    };
    return tf.grad(score)(inputs[target.input]!);
  });
}

/**
 * Gradient × input for one image sample [1, h, w, c]: how much each pixel,
 * as it is, pushes the class's score. The magnitude is kept (a pixel that
 * argues against the class matters too), the largest channel speaks for the
 * pixel, and the map is scaled so its largest value is 1. A pixel that is 0
 * in every channel is 0 here, whatever the gradient.
 */
export function gradientTimesInput(model: tf.LayersModel, inputs: tf.Tensor[], target: SaliencyTarget): SaliencyMap {
  const classIndex = target.classIndex ?? topClass(model, inputs, target.output);
  const image = inputs[target.input]!;
  const [, height, width] = image.shape as [number, number, number, number];
  const values = tf.tidy(() => {
    const gradient = inputGradient(model, inputs, { ...target, classIndex });
    const perPixel = tf.abs(tf.mul(gradient, image)).max(-1).reshape([height * width]);
    const peak = perPixel.max();
    return tf.where(tf.greater(peak, 0), tf.div(perPixel, peak), tf.zerosLike(perPixel)).dataSync() as Float32Array;
  });
  return { height, width, values: Float32Array.from(values), classIndex };
}

import * as tf from '@tensorflow/tfjs';

export interface AttentionPoolingArgs {
  units: number;
  name?: string;
  trainable?: boolean;
}

/**
 * Attention pooling over time, the seed article's AttentionLayer:
 * score = V(tanh(W x)), weights = softmax of the scores over the time axis,
 * output = Σ_t weights_t · x_t. [batch, timesteps, features] → [batch, features].
 */
export class AttentionPooling extends tf.layers.Layer {
  static className = 'AttentionPooling';
  readonly units: number;
  private wKernel!: tf.LayerVariable;
  private wBias!: tf.LayerVariable;
  private vKernel!: tf.LayerVariable;
  private vBias!: tf.LayerVariable;

  constructor(args: AttentionPoolingArgs) {
    super(args);
    this.units = args.units;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const features = shape[shape.length - 1];
    if (features == null) throw new Error('AttentionPooling needs the feature size of its input to be known');
    this.wKernel = this.addWeight('W_kernel', [features, this.units], 'float32', tf.initializers.glorotUniform({}));
    this.wBias = this.addWeight('W_bias', [this.units], 'float32', tf.initializers.zeros());
    this.vKernel = this.addWeight('V_kernel', [this.units, 1], 'float32', tf.initializers.glorotUniform({}));
    this.vBias = this.addWeight('V_bias', [1], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0]!, shape[2]!];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [, timesteps, features] = x.shape;
      const flat = tf.reshape(x, [-1, features]);
      const hidden = tf.tanh(tf.add(tf.matMul(flat, this.wKernel.read() as tf.Tensor2D), this.wBias.read()));
      const scores = tf.reshape(tf.add(tf.matMul(hidden, this.vKernel.read() as tf.Tensor2D), this.vBias.read()), [-1, timesteps]);
      // Softmax over the time axis: tf.softmax works on the last axis, which time is here.
      const attention = tf.expandDims(tf.softmax(scores), -1);
      return tf.sum(tf.mul(x, attention), 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
}

tf.serialization.registerClass(AttentionPooling);

import type * as tf from '@tensorflow/tfjs';
import { AttentionPooling } from './attention-pooling';

/** Layer classes Layerwire ships for kinds tfjs lacks; each registers itself for serialization. */
export const customLayerClasses: Record<string, new (config: never) => tf.layers.Layer> = {
  AttentionPooling,
};

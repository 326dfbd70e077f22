/**
 * A built-in dataset: plain typed arrays and shapes, no tfjs and no DOM, so
 * the CLI and the browser's training panel both turn it into tensors their
 * own way (runtime/train.ts does it for tfjs).
 */

/** One named array of samples, row-major; `shape[0]` is the number of samples. */
export interface SampleArray {
  data: Float32Array;
  shape: number[];
}

/** What a dataset feeds one model Input: its name and the shape of one sample. */
export interface DatasetInput {
  name: string;
  shape: number[];
  /** What the values are, in the user's words ("RGB images", "sequences of 16-sample frames"). */
  kind: string;
}

/**
 * One label set: `classes` names every class in order. Labels are one-hot
 * rows unless `encoding` is 'sparse': then each sample's label is its class
 * index, for a model trained with sparseCategoricalCrossentropy.
 */
export interface DatasetOutput {
  name: string;
  classes: string[];
  /** 'one-hot' when left out. */
  encoding?: LabelEncoding;
}

/** One-hot: shape [samples, classes]; sparse: class indices, shape [samples, 1]. */
export type LabelEncoding = 'one-hot' | 'sparse';

export interface DatasetSamples {
  /** Keyed by DatasetInput.name. */
  inputs: Record<string, SampleArray>;
  /** Keyed by DatasetOutput.name; shape [samples, classes] one-hot, or [samples, 1] class indices for a sparse output. */
  outputs: Record<string, SampleArray>;
}

export interface GenerateOptions {
  samples: number;
  seed: number;
}

export interface Dataset {
  name: string;
  /** One line for `layerwire train --help` and the training panel. */
  description: string;
  /** The same line in Chinese, for the training panel in zh-CN. */
  descriptionZh: string;
  inputs: DatasetInput[];
  outputs: DatasetOutput[];
  /** A size at which 3 epochs of its example train in a few minutes on two CPU cores. */
  defaultSamples: number;
  /** Deterministic: the same options give the same arrays. */
  generate(options: GenerateOptions): Promise<DatasetSamples>;
}

export const sampleArray = (samples: number, shape: number[]): SampleArray => ({
  data: new Float32Array(samples * shape.reduce((a, b) => a * b, 1)),
  shape: [samples, ...shape],
});

/** Sets sample `index`'s one-hot row to `label`. */
export function setOneHot(labels: SampleArray, index: number, label: number): void {
  const classes = labels.shape[1]!;
  labels.data[index * classes + label] = 1;
}

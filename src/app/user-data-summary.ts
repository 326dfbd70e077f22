import type { Dataset } from '../../runtime/datasets';

/** One label set's classes with how many samples each has, and for image data a few pictures of each. */
export interface ClassSummary {
  label: string;
  classes: { name: string; count: number; thumbnails: string[] }[];
}

/** How many pictures of each class the images view shows. */
const THUMBNAILS = 3;

/**
 * Counts every class of every label set by generating all the samples once
 * (one-hot rows or class indices alike), and for a dataset of images draws
 * the first few of each class as data URLs, as the model will see them
 * (resized, grey or colour).
 */
export async function summarize(dataset: Dataset): Promise<ClassSummary[]> {
  const samples = await dataset.generate({ samples: dataset.defaultSamples, seed: 1 });
  const image = dataset.inputs.length === 1 && dataset.inputs[0]!.shape.length === 3 ? samples.inputs[dataset.inputs[0]!.name] : undefined;
  return dataset.outputs.map((output) => {
    const y = samples.outputs[output.name]!;
    const width = y.shape[1] ?? 1;
    const classes = output.classes.map((name) => ({ name, count: 0, thumbnails: [] as string[] }));
    for (let i = 0; i < y.shape[0]!; i++) {
      const row = y.data.subarray(i * width, (i + 1) * width);
      const label = width === 1 ? row[0]! : row.indexOf(Math.max(...row));
      const entry = classes[label];
      if (!entry) continue;
      entry.count += 1;
      if (image && entry.thumbnails.length < THUMBNAILS) entry.thumbnails.push(thumbnail(image.data, image.shape, i));
    }
    return { label: output.name, classes };
  });
}

/** Sample `index` of a [samples, height, width, channels] array of values in [0, 1], as a PNG data URL. */
function thumbnail(data: Float32Array, shape: number[], index: number): string {
  const [, height, width, channels] = shape as [number, number, number, number];
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const pixels = context.createImageData(width, height);
  const start = index * height * width * channels;
  for (let p = 0; p < height * width; p++) {
    const at = (c: number) => Math.round(255 * Math.min(1, Math.max(0, data[start + p * channels + Math.min(c, channels - 1)]!)));
    pixels.data.set([at(0), at(1), at(2), channels === 4 ? at(3) : 255], p * 4);
  }
  context.putImageData(pixels, 0, 0);
  return canvas.toDataURL();
}

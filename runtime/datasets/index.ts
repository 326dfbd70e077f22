import type { Dataset } from './dataset';
import { blobs } from './blobs';
import { mnist } from './mnist';
import { shapes } from './shapes';
import { shapesAndWaves } from './shapes-and-waves';
import { spirals } from './spirals';
import { waves } from './waves';

export type { Dataset, DatasetInput, DatasetOutput, DatasetSamples, LabelEncoding, SampleArray } from './dataset';

/** Every built-in dataset by name: the names a graph's `training.dataset` and `layerwire train --data` accept. */
export const DATASETS: ReadonlyMap<string, Dataset> = new Map([shapes, mnist, waves, blobs, shapesAndWaves, spirals].map((d) => [d.name, d]));

export const datasetNames = () => [...DATASETS.keys()];

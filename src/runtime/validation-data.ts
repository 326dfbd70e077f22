import type { CheckResult } from '../../compiler/check';
import { checkDataset, type DatasetBinding } from '../../runtime/check-dataset';
import type { ValidationSplit } from '../../runtime/compare-quantized';
import { DATASETS, type Dataset } from '../../runtime/datasets';
import { trainingDataset } from '../../runtime/training-dataset';

/**
 * Which data the Code tab's quantized download is validated on: the data the
 * weights were trained on. That is the person's own data (a CSV file, images)
 * when Train used it, whatever the dataset list shows now; a built-in dataset
 * otherwise, the one training used, else the one the Train tab picks
 * (training-dataset.ts). The split is the one training holds out by default:
 * the last 10% of the dataset's samples generated with seed 1 (a built-in
 * dataset: the document's sample count for it; the person's own: every row).
 * No tfjs here, so the choice can be tested on its own.
 */
export type ValidationData =
  | { ok: true; dataset: Dataset; own: boolean; binding: DatasetBinding; split: ValidationSplit }
  /** Nothing to validate on: no built-in dataset fits (`own` false), or the person's own data the weights were trained on no longer does. */
  | { ok: false; dataset: Dataset | undefined; own: boolean };

/** The person's own data, not one of the built-in datasets (a file may be named like one). */
export const isOwnData = (dataset: Dataset): boolean => DATASETS.get(dataset.name) !== dataset;

/** The data to validate the quantized weights of the graph checked as `check` on; `trainedOn` is the dataset training used, if known. */
export function validationData(check: CheckResult, trainedOn: Dataset | undefined): ValidationData {
  const dataset = trainedOn ?? trainingDataset(check.document, check);
  const own = dataset !== undefined && isOwnData(dataset);
  const fit = dataset && checkDataset(check, dataset);
  if (!dataset || !fit?.ok) return { ok: false, dataset, own };
  const named = check.document.training?.dataset;
  const samples = !own && named?.name === dataset.name ? named.samples : undefined;
  return { ok: true, dataset, own, binding: fit.binding, split: { samples: samples ?? dataset.defaultSamples, seed: 1, fraction: 0.1 } };
}

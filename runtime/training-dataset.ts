import type { CheckResult } from '../compiler/check';
import type { GraphDocument } from '../schemas/graph';
import { checkDataset } from './check-dataset';
import { DATASETS, type Dataset } from './datasets';

/**
 * The built-in dataset a model trains on: the one the document's training
 * settings name (whether or not it fits: the Train tab then says why not),
 * else the first that fits the checked model. Undefined when the document
 * names no built-in dataset and none fits, or the graph does not check.
 * The Train tab, the quantized export's validation and the Inspect tab all
 * pick with this, so they agree. No tfjs here: the Train tab is in the first paint.
 */
export function trainingDataset(document: GraphDocument | undefined, check: CheckResult | undefined): Dataset | undefined {
  const named = DATASETS.get(document?.training?.dataset?.name ?? '');
  return named ?? (check?.ok ? [...DATASETS.values()].find((dataset) => checkDataset(check, dataset).ok) : undefined);
}

import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { CheckResult } from '../compiler/check';
import { quantizeArtifacts, type QuantizationDtype, type RefusedWeight } from '../compiler/emit/quantize';
import { saveTfjsArtifacts } from '../compiler/emit/tfjs-artifacts';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { checkDataset } from '../runtime/check-dataset';
import { compareQuantized } from '../runtime/compare-quantized';
import { formatValidationChange, type QuantizedComparison } from '../runtime/validation-change';
import { DATASETS } from '../runtime/datasets';
import { UsageError, writeFilesAtomically } from './files';
import { formatDiagnostics } from './report';
import { datasetList } from './train';

export interface CompileTfjsCommand {
  file: string;
  out: string;
  quantize?: QuantizationDtype;
  /** A built-in dataset whose validation split compares the float and the quantized model. */
  data?: string;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The validation split `layerwire train` holds out by default: the last 10% of the samples generated with seed 1. */
const VALIDATION = { seed: 1, fraction: 0.1 };

/**
 * `layerwire compile FILE --target tfjs [--quantize uint8|float16] [--data NAME]`:
 * writes OUT/model.json + weights, quantized if asked, and says what that
 * saved and, on a dataset's validation split, what it cost.
 */
export async function runCompileTfjs(command: CompileTfjsCommand, result: CheckResult, io: Io): Promise<number> {
  const { file, out } = command;
  const dataset = command.data === undefined ? undefined : DATASETS.get(command.data);
  if (command.data !== undefined && !dataset) throw new UsageError(`--data: no built-in dataset '${command.data}'; the datasets are:\n${datasetList()}`);
  const fit = dataset && checkDataset(result, dataset);
  if (fit && !fit.ok) {
    io.err(formatDiagnostics(file, result, fit.diagnostics).join('\n'));
    io.err(`${file}: not compiled: dataset '${dataset!.name}' does not fit the model`);
    return 1;
  }
  if (dataset) {
    // Evaluating is the slow part; wasm runs it far faster than the pure-JS cpu backend.
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  }

  const built = buildTfjsModel(result);
  if (!built.ok) throw new UsageError(built.diagnostics.map((d) => `${file}: ${d.message}`).join('\n'));
  const model = built.model;
  try {
    const float = await saveTfjsArtifacts(model);
    let artifacts = float;
    let report: string[] = [];
    if (command.quantize) {
      const quantized = quantizeArtifacts(float, command.quantize);
      if (!quantized.ok) {
        io.err(quantized.refused.map((r) => `${file}: ${refusal(r, command.quantize!)}`).join('\n'));
        io.err(`${file}: not compiled: ${quantized.refused.length === 1 ? 'a weight' : `${quantized.refused.length} weights`} cannot be quantized to ${command.quantize}`);
        return 1;
      }
      artifacts = quantized.artifacts;
      report = [`weights: ${bytes(quantized.bytesBefore)} → ${bytes(quantized.bytesAfter)} bytes (${percent(quantized.bytesAfter, quantized.bytesBefore)} of float32)`];
      if (dataset && fit?.ok) {
        const samples = result.document.training?.dataset?.name === dataset.name ? result.document.training.dataset.samples : undefined;
        const split = { ...VALIDATION, samples: samples ?? dataset.defaultSamples };
        const comparison = await compareQuantized(result, float, artifacts, dataset, fit.binding, split);
        report.push(formatComparison(dataset.name, comparison));
      }
    }
    const modelPath = path.join(out, 'model.json');
    const weightsPath = path.join(out, artifacts.weightsFileName);
    writeFilesAtomically([
      { path: weightsPath, data: artifacts.weightData },
      { path: modelPath, data: `${JSON.stringify(artifacts.modelJson)}\n` },
    ]);
    const how = command.quantize ? `, quantized to ${command.quantize}` : '';
    io.out([`wrote ${modelPath} and ${weightsPath} (${bytes(artifacts.weightData.byteLength)} bytes of weights${how})`, ...report].join('\n'));
    return 0;
  } finally {
    model.dispose();
  }
}

function refusal(r: RefusedWeight, dtype: QuantizationDtype): string {
  return r.reason === 'not-finite'
    ? `weight '${r.name}' holds ${r.value}: training diverged; retrain (a lower learning rate helps) before quantizing`
    : `weight '${r.name}' holds ${r.value}, beyond float16's largest value ±65504; quantize to uint8 instead of ${dtype}`;
}

const bytes = (n: number) => n.toLocaleString('en-US');
const percent = (part: number, whole: number) => `${whole ? ((100 * part) / whole).toFixed(1) : '100.0'}%`;

/** `validation on 'waves' (300 samples): acc 0.870 → 0.867 (-0.003), loss 0.4120 → 0.4133 (+0.0013)` */
const formatComparison = (dataset: string, c: QuantizedComparison) => `validation on '${dataset}' (${c.samples} samples): ${formatValidationChange(c)}`;

import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { saveTfjsArtifacts } from '../compiler/emit/tfjs-artifacts';
import { TrainingConfig } from '../schemas/training';
import { checkDataset } from '../runtime/check-dataset';
import { DATASETS } from '../runtime/datasets';
import { imageSizeForInput } from '../runtime/datasets/image-folder';
import { trainModel, type BatchProgress, type EpochProgress } from '../runtime/train';
import { UsageError, writeFilesAtomically } from './files';
import { loadInput } from './load-input';
import { readUserDataset } from './read-dataset';
import { formatDiagnostics } from './report';
import { startBackend } from './tfjs-backend';

export interface TrainCommand {
  file: string;
  out: string;
  /** A built-in dataset's name, or the path of a CSV file, a folder of class folders or a zip of one. */
  data?: string;
  /** CSV only: the label columns (--label, repeatable) and the feature columns (--features a,b,c). */
  labels: string[];
  features?: string[];
  epochs: number;
  batchSize: number;
  samples?: number;
  backend: 'cpu' | 'wasm';
  seed: number;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const datasetList = () => [...DATASETS.values()].map((d) => `  ${d.name.padEnd(17)} ${d.description}`).join('\n');

/** `layerwire train`: check the graph and the dataset, fit, then write model.json + weights + history.json together. */
export async function runTrain(command: TrainCommand, io: Io): Promise<number> {
  const { file } = command;
  const result = checkGraph(loadInput(file).document);
  if (!result.ok) {
    io.err(formatDiagnostics(file, result).join('\n'));
    io.err(`${file}: not trained: the graph has errors`);
    return 1;
  }
  const configured = result.document.training?.dataset;
  const name = command.data ?? configured?.name;
  if (!name) throw new UsageError(`${file}: names no dataset (training.dataset); pass --data NAME, one of:\n${datasetList()}`);
  const userData = !DATASETS.has(name) && command.data !== undefined && looksLikePath(name);
  const dataset = userData ? await readUserDataset(name, userDataOptions(command, result)) : DATASETS.get(name);
  if (!dataset) throw new UsageError(`${command.data ? '--data' : `${file}: training.dataset.name`}: no built-in dataset '${name}'; the datasets are:\n${datasetList()}`);
  if (!userData && (command.labels.length > 0 || command.features)) throw new UsageError(`--label and --features are for CSV data; '${name}' is a built-in dataset`);
  const fit = checkDataset(result, dataset);
  if (!fit.ok) {
    io.err(formatDiagnostics(file, result, fit.diagnostics).join('\n'));
    io.err(`${file}: not trained: dataset '${dataset.name}' does not fit the model`);
    return 1;
  }
  const wanted = command.samples ?? (configured?.name === dataset.name ? configured.samples : undefined) ?? dataset.defaultSamples;
  // A person's file has only so many rows; a built-in dataset makes as many as asked.
  const samples = userData ? Math.min(wanted, dataset.defaultSamples) : wanted;
  if (samples < 2) throw new UsageError('--samples must be at least 2: one to train on, one to validate');

  await useBackend(command.backend, result, io);
  const built = buildTfjsModel(withTrainingConfig(result));
  if (!built.ok) throw new UsageError(built.diagnostics.map((d) => `${file}: ${d.message}`).join('\n'));
  const model = built.model;

  io.out(`training ${result.document.name || path.basename(file)} on '${dataset.name}' (${samples} samples, 10% for validation), ${command.epochs} epoch${command.epochs === 1 ? '' : 's'} of batch ${command.batchSize}, backend ${tf.getBackend()}`);
  const data = await dataset.generate({ samples, seed: command.seed });
  const stop = new AbortController();
  const onInterrupt = () => {
    io.err('stopping after this batch; the weights trained so far are kept and written');
    stop.abort();
  };
  process.once('SIGINT', onInterrupt);
  const bar = process.stderr.isTTY ? progressBar() : undefined;
  let trained;
  try {
    trained = await trainModel(model, data, fit.binding, {
      epochs: command.epochs,
      batchSize: command.batchSize,
      signal: stop.signal,
      onBatch: bar?.update,
      onEpoch: (progress) => {
        bar?.clear();
        io.out(epochLine(progress));
      },
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    bar?.clear();
  }

  const artifacts = await saveTfjsArtifacts(model);
  model.dispose();
  const modelPath = path.join(command.out, 'model.json');
  const historyPath = path.join(command.out, 'history.json');
  writeFilesAtomically([
    { path: path.join(command.out, artifacts.weightsFileName), data: artifacts.weightData },
    { path: modelPath, data: `${JSON.stringify(artifacts.modelJson)}\n` },
    { path: historyPath, data: `${JSON.stringify(trained.history, null, 2)}\n` },
  ]);
  io.out(`${trained.stopped ? 'stopped early; ' : ''}trained in ${formatSeconds(trained.seconds)}; wrote ${modelPath}, ${path.join(command.out, artifacts.weightsFileName)} and ${historyPath}`);
  return 0;
}

/** A path rather than a dataset's name: a CSV or zip by its extension, anything with a folder in it, or anything that exists. */
const looksLikePath = (data: string) => /\.(csv|tsv|txt|zip)$/i.test(data) || /[\\/]/.test(data) || fs.existsSync(data);

/**
 * What the model asks of a person's data: images the size of its first
 * Input, and class indices for labels when every output's loss is
 * sparseCategoricalCrossentropy (one-hot otherwise; checkDataset reports a
 * mix). A model that wants something else gets LW208 from checkDataset.
 */
function userDataOptions(command: TrainCommand, result: CheckResult) {
  const first = result.graph.inputs[0];
  const shape = first === undefined ? undefined : result.byId.get(first)?.outputs.find((o) => o.port === 'out')?.shape;
  const loss = result.document.training?.loss ?? 'categoricalCrossentropy';
  const losses = typeof loss === 'string' ? [loss] : result.graph.outputs.map((ref) => loss[ref.node]);
  return {
    labels: command.labels,
    features: command.features,
    labelEncoding: losses.every((l) => l === 'sparseCategoricalCrossentropy') ? ('sparse' as const) : ('one-hot' as const),
    imageSize: shape ? imageSizeForInput(shape.slice(1)) : {},
  };
}

/** The document's training config, or the schema's defaults for a graph without one. */
function withTrainingConfig(result: CheckResult): CheckResult {
  if (result.document.training) return result;
  return { ...result, document: { ...result.document, training: TrainingConfig.parse({}) } };
}

/**
 * WASM predicts far faster than the pure-JS cpu backend, but
 * tfjs-backend-wasm has no Conv2DBackpropFilter kernel, so it cannot train
 * convolutions: such models train on cpu, and we say so.
 */
async function useBackend(requested: 'cpu' | 'wasm', result: CheckResult, io: Io): Promise<void> {
  let backend = requested;
  const conv = result.nodes.find((n) => /Conv/.test(n.type));
  if (backend === 'wasm' && conv) {
    io.err(`training on the cpu backend, not wasm: tfjs's wasm backend cannot train convolutions (it has no Conv2DBackpropFilter kernel) and ${conv.type} '${conv.name}' needs it`);
    backend = 'cpu';
  }
  if (!(await startBackend(backend))) throw new UsageError(`cannot start the ${backend} backend of tfjs here`);
}

const fixed = (name: string, value: number) => `${name} ${/acc|accuracy/i.test(name) ? value.toFixed(3) : value.toFixed(4)}`;

export function epochLine(p: EpochProgress): string {
  // training figures first, then their val_* twins, in tfjs's order
  const entries = Object.entries(p.logs);
  const metrics = [...entries.filter(([n]) => !n.startsWith('val_')), ...entries.filter(([n]) => n.startsWith('val_'))].map(([name, value]) => fixed(name, value));
  const left = p.epoch < p.epochs ? `  ~${formatSeconds(p.secondsLeft)} left` : '';
  return `epoch ${p.epoch}/${p.epochs}  ${metrics.join('  ')}  ${formatSeconds(p.seconds)}  ${formatRate(p.samplesPerSecond)} samples/s${left}`;
}

/** Whole samples per second, with a decimal when a conv net on cpu manages only a few. */
const formatRate = (perSecond: number) => (perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond)));

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  return `${Math.floor(seconds / 60)}m ${Math.round(seconds % 60)}s`;
}

/** One rewritten line on a terminal's stderr: epoch, a bar of the epoch's batches, loss, speed, time left. */
function progressBar() {
  const width = 24;
  return {
    update: (p: BatchProgress) => {
      const done = Math.round((p.batch / p.batches) * width);
      const loss = p.logs.loss === undefined ? '' : `  loss ${p.logs.loss.toFixed(4)}`;
      process.stderr.write(`\r\x1b[2Kepoch ${p.epoch}/${p.epochs} [${'='.repeat(done)}${' '.repeat(width - done)}] ${p.batch}/${p.batches}${loss}  ${formatRate(p.samplesPerSecond)} samples/s  ~${formatSeconds(p.secondsLeft)} left`);
    },
    clear: () => process.stderr.write('\r\x1b[2K'),
  };
}

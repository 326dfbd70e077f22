/**
 * One example's training and prediction throughput on the backend tfjs runs
 * now: our compiled model and the same model by hand (bench/hand-models.ts),
 * with the same weights, on the same samples, timed alternately so drift on
 * a busy machine hits both alike. No DOM and no Node APIs: bench/throughput.ts
 * runs it in Node and bench/throughput-page.ts in headless Chromium.
 */
import * as tf from '@tensorflow/tfjs';
import { parseGraphDocument } from '../schemas';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { checkDataset, type DatasetBinding } from '../runtime/check-dataset';
import { DATASETS, type DatasetSamples, type SampleArray } from '../runtime/datasets';
import type { HandModel } from './hand-models';

export interface ThroughputPlan {
  /** Samples per predict pass and per training epoch (the first this many of the dataset's). */
  samples: number;
  batchSize: number;
  /** Timed runs of each model after one warm-up run of each; the median counts. */
  runs: number;
  /** Fewer samples for the training pass where it is slow (the seed CNN on cpu); `samples` when left out. */
  fitSamples?: number;
}

/** Median milliseconds of one pass, ours (compiled) and theirs (by hand), over `samples` samples. */
export interface PairTiming {
  samples: number;
  compiledMs: number;
  handMs: number;
  /** Compiled time / hand time: the median of the rounds' ratios (see timePair). */
  ratio: number;
}

export interface ExampleThroughput {
  backend: string;
  predict: PairTiming;
  /** Why training could not run on this backend (a kernel it lacks), instead of numbers. */
  fit: PairTiming | { unavailable: string };
}

/** Medians of one call's time, ours and theirs, and the median of their ratio round by round. */
export interface PairedTimes {
  oursMs: number;
  theirsMs: number;
  ratio: number;
}

/**
 * Alternates `ours` and `theirs` round by round after a warm-up of each. A round times both back
 * to back, so load from elsewhere, which comes in bursts of seconds, mostly hits both; the ratio
 * reported is the median of the rounds' ratios, not the ratio of two medians taken at different
 * times. A run repeats the call until it lasts about `minimumMs` (the warm-up says how many calls
 * that takes), so a model that predicts 64 samples in half a millisecond is not timed by jitter.
 */
export async function timePair(ours: () => Promise<unknown>, theirs: () => Promise<unknown>, runs: number, minimumMs = 100): Promise<PairedTimes> {
  const warmUp = performance.now();
  await ours();
  await theirs();
  const calls = Math.max(1, Math.min(100, Math.ceil((2 * minimumMs) / (performance.now() - warmUp))));
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, samples] of i % 2 ? ([[theirs, b], [ours, a]] as const) : ([[ours, a], [theirs, b]] as const)) {
      const start = performance.now();
      for (let call = 0; call < calls; call++) await fn();
      samples.push((performance.now() - start) / calls);
    }
  }
  return { oursMs: median(a), theirsMs: median(b), ratio: median(a.map((ms, i) => ms / b[i]!)) };
}

/** An example ready to measure: checked, with `samples` samples of the built-in dataset its training config names. */
export interface PreparedExample {
  checked: CheckResult;
  data: DatasetSamples;
  binding: DatasetBinding;
}

export async function prepareExample(document: unknown, samples: number): Promise<PreparedExample> {
  const parsed = parseGraphDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const checked = checkGraph(parsed.document);
  const name = parsed.document.training?.dataset?.name;
  const dataset = name ? DATASETS.get(name) : undefined;
  if (!dataset) throw new Error(`${parsed.document.name} names no built-in dataset`);
  const fits = checkDataset(checked, dataset);
  if (!fits.ok) throw new Error(`${parsed.document.name}: ${fits.diagnostics[0]?.message}`);
  return { checked, data: await dataset.generate({ samples, seed: 1 }), binding: fits.binding };
}

const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;

/** The first `count` samples of an array as a tensor. */
const firstSamples = (array: SampleArray, count: number) => {
  const size = array.shape.slice(1).reduce((a, b) => a * b, 1);
  return tf.tensor(array.data.subarray(0, count * size), [count, ...array.shape.slice(1)], 'float32');
};

const oneOrMany = (tensors: tf.Tensor[]) => (tensors.length === 1 ? tensors[0]! : tensors);

/** The kernel a backend lacks, from tfjs's "Kernel 'X' not registered for backend 'y'" error; undefined for any other error. */
const missingKernel = (error: unknown) => /Kernel '(\w+)' not registered/.exec(String(error))?.[1];

/**
 * Builds both models on the current backend (ours from the checked graph,
 * compiled with its training config; theirs by hand, given our weights),
 * times predict and fit, and disposes of everything it made.
 */
export async function measureExample({ checked, data, binding }: PreparedExample, hand: HandModel, plan: ThroughputPlan): Promise<ExampleThroughput> {
  const built = buildTfjsModel(checked);
  if (!built.ok) throw new Error(`${checked.document.name} did not compile: ${built.diagnostics[0]?.message}`);
  const ours = built.model;
  const theirs = hand.build();
  const weights = ours.getWeights().map((w) => w.clone());
  theirs.setWeights(weights);
  tf.dispose(weights);
  hand.compile(theirs);
  const tensors = (count: number) => ({
    x: oneOrMany(binding.inputs.map((name) => firstSamples(data.inputs[name]!, count))),
    y: oneOrMany(binding.outputs.map((name) => firstSamples(data.outputs[name]!, count))),
  });
  const predictData = tensors(plan.samples);
  const fitSamples = plan.fitSamples ?? plan.samples;
  const fitData = fitSamples === plan.samples ? predictData : tensors(fitSamples);
  try {
    const predict = (model: tf.LayersModel) => async () => {
      const outputs = [model.predict(predictData.x, { batchSize: plan.batchSize })].flat();
      await Promise.all(outputs.map((t) => t.data()));
      tf.dispose(outputs);
    };
    const predictTimes = await timePair(predict(ours), predict(theirs), plan.runs);
    const fit = (model: tf.LayersModel) => () => model.fit(fitData.x, fitData.y, { epochs: 1, batchSize: plan.batchSize, shuffle: false, verbose: 0 });
    let fitTiming: ExampleThroughput['fit'];
    try {
      const { oursMs, theirsMs, ratio } = await timePair(fit(ours), fit(theirs), plan.runs);
      fitTiming = { samples: fitSamples, compiledMs: oursMs, handMs: theirsMs, ratio };
    } catch (error) {
      const kernel = missingKernel(error);
      if (!kernel) throw error;
      fitTiming = { unavailable: `no ${kernel}` };
    }
    return { backend: tf.getBackend(), predict: { samples: plan.samples, compiledMs: predictTimes.oursMs, handMs: predictTimes.theirsMs, ratio: predictTimes.ratio }, fit: fitTiming };
  } finally {
    tf.dispose([predictData, fitData].flatMap((d) => [d.x, d.y].flat()));
    ours.dispose();
    theirs.dispose();
  }
}

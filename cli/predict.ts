import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '../compiler/custom'; // registers Layerwire's custom layers so tfjs can deserialize them
import { readJsonFile, UsageError } from './files';
import { startBackend } from './tfjs-backend';
import { readWeightFileInside } from './weight-files';

interface Io {
  out: (text: string) => void;
}

/**
 * `layerwire predict DIR INPUT.json`: loads DIR/model.json + weights and
 * prints one JSON object, output name → { predictions, argmax }, one row per
 * sample. INPUT.json is an array of samples (single-input models) or an
 * object input name → array of samples.
 */
export async function runPredict(dir: string, inputFile: string, io: Io): Promise<number> {
  // wasm predicts far faster than cpu (convolutions included: only their training is missing from it)
  if (!(await startBackend('wasm'))) await startBackend('cpu');
  const model = await loadModel(dir);
  try {
    const inputs = readSamples(inputFile, model);
    const outputs = tf.tidy(() => {
      const predicted = model.predict(inputs.length === 1 ? inputs[0]! : inputs);
      return (Array.isArray(predicted) ? predicted : [predicted]).map((t) => t.arraySync() as number[][]);
    });
    tf.dispose(inputs);
    io.out(formatPredictions(Object.fromEntries(model.outputNames.map((name, i) => [name, outputs[i]!]))));
    return 0;
  } finally {
    model.dispose();
  }
}

async function loadModel(dir: string): Promise<tf.LayersModel> {
  const modelFile = path.join(dir, 'model.json');
  const json = readJsonFile(modelFile) as { modelTopology?: object; weightsManifest?: tf.io.WeightsManifestConfig };
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new UsageError(`${modelFile}: not a tfjs model.json (no modelTopology / weightsManifest); write one with \`layerwire train\` or \`layerwire compile --target tfjs\``);
  }
  const buffers = json.weightsManifest.flatMap((group, g) =>
    group.paths.map((p, j) => {
      const where = `'${p}' (weightsManifest[${g}].paths[${j}])`;
      let bytes: Uint8Array | undefined;
      try {
        bytes = readWeightFileInside(dir, p);
      } catch (error) {
        throw new UsageError(`${modelFile}: weight file ${where} could not be read (${(error as Error).message})`);
      }
      if (!bytes) throw new UsageError(`${modelFile}: weight file ${where} could not be read (no such file ${path.resolve(dir, p)})`);
      return bytes;
    }),
  );
  try {
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: new Uint8Array(Buffer.concat(buffers)).buffer }),
    );
    // A Sequential model.json (Keras, tfjs's own) loads unbuilt: its inputNames stay empty until build().
    if (model instanceof tf.Sequential && model.inputNames.length === 0) model.build(model.inputs[0]!.shape);
    return model;
  } catch (error) {
    throw new UsageError(`${modelFile}: tfjs cannot load it: ${(error as Error).message}`);
  }
}

/** Parses INPUT.json into one tensor per model input, naming the file and the field of the first problem. */
function readSamples(file: string, model: tf.LayersModel): tf.Tensor[] {
  const json = readJsonFile(file);
  const names = model.inputNames;
  let arrays: { field: string; value: unknown }[];
  if (Array.isArray(json)) {
    if (names.length !== 1) throw new UsageError(`${file}: the model has ${names.length} inputs (${names.join(', ')}); give an object with one array of samples per input name`);
    arrays = [{ field: '', value: json }];
  } else if (json !== null && typeof json === 'object') {
    const record = json as Record<string, unknown>;
    const unknown = Object.keys(record).filter((k) => !names.includes(k));
    if (unknown.length) throw new UsageError(`${file}: ${unknown[0]}: the model has no input of that name (its inputs: ${names.join(', ')})`);
    const missing = names.filter((n) => !(n in record));
    if (missing.length) throw new UsageError(`${file}: ${missing[0]}: missing; the model needs one array of samples for each input: ${names.join(', ')}`);
    arrays = names.map((name) => ({ field: name, value: record[name] }));
  } else {
    throw new UsageError(`${file}: expected an array of samples or an object input name → array of samples`);
  }
  const tensors = arrays.map(({ field, value }, i) => toTensor(file, field, value, model.inputs[i]!.shape));
  const counts = new Set(tensors.map((t) => t.shape[0]));
  if (counts.size > 1) {
    tf.dispose(tensors);
    throw new UsageError(`${file}: the inputs hold different numbers of samples (${arrays.map((a, i) => `${a.field}: ${tensors[i]!.shape[0]}`).join(', ')})`);
  }
  return tensors;
}

/** Checks every sample against the input's shape (a `null` dim takes the first sample's size) and flattens it. */
function toTensor(file: string, field: string, value: unknown, batchShape: (number | null)[]): tf.Tensor {
  const where = (at: number[]) => `${file}: ${field}${at.map((i) => `[${i}]`).join('') || (field ? '' : '(the whole file)')}`;
  if (!Array.isArray(value) || value.length === 0) throw new UsageError(`${where([])}: expected a non-empty array of samples`);
  const dims = batchShape.slice(1);
  const sizes: (number | null)[] = [...dims];
  const flat: number[] = [];
  const walk = (node: unknown, depth: number, at: number[]) => {
    if (depth === dims.length) {
      if (typeof node !== 'number' || !Number.isFinite(node)) throw new UsageError(`${where(at)}: expected a number, got ${JSON.stringify(node)?.slice(0, 40)}`);
      flat.push(node);
      return;
    }
    if (!Array.isArray(node)) throw new UsageError(`${where(at)}: expected an array of ${sizes[depth] ?? 'some'} values (a sample has shape [${dims.map((d) => d ?? '?').join(', ')}]), got ${JSON.stringify(node)?.slice(0, 40)}`);
    sizes[depth] ??= node.length;
    if (node.length !== sizes[depth]) throw new UsageError(`${where(at)}: expected ${sizes[depth]} values, got ${node.length} (a sample has shape [${sizes.map((d) => d ?? '?').join(', ')}])`);
    node.forEach((child, i) => walk(child, depth + 1, [...at, i]));
  };
  value.forEach((sample, i) => walk(sample, 0, [i]));
  return tf.tensor(flat, [value.length, ...(sizes as number[])], 'float32');
}

/** One sample per line, so a person can read it and a program can parse it. */
function formatPredictions(outputs: Record<string, number[][]>): string {
  const round = (x: unknown): unknown => (Array.isArray(x) ? x.map(round) : Number((x as number).toPrecision(6)));
  const blocks = Object.entries(outputs).map(([name, rows]) => {
    // argmax only where each sample is a vector of class scores
    const argmax = rows.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number')) ? `"argmax": ${JSON.stringify(rows.map((row) => row.indexOf(Math.max(...row))))},\n    ` : '';
    return `  ${JSON.stringify(name)}: {\n    ${argmax}"predictions": [\n${rows.map((row) => `      ${JSON.stringify(round(row))}`).join(',\n')}\n    ]\n  }`;
  });
  return `{\n${blocks.join(',\n')}\n}`;
}

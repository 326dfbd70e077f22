import { f16round, setFloat16 } from '@petamoriken/float16';
import { concatBytes } from '../bytes';
import type * as tf from '@tensorflow/tfjs';
import type { TfjsArtifacts } from './tfjs-artifacts';

/**
 * Weight quantization in tfjs's own weight-manifest format, so that
 * `tf.loadLayersModel` reads the result back with no help from us: each
 * float32 entry gains `quantization: {dtype, scale, min}` and its bytes shrink.
 * Other dtypes (int32 counters, bool) are kept as they are. Pure: no tfjs at
 * run time, the same in the CLI and the page.
 */

export const QUANTIZATION_DTYPES = ['uint8', 'float16'] as const;
export type QuantizationDtype = (typeof QUANTIZATION_DTYPES)[number];

export const isQuantizationDtype = (value: unknown): value is QuantizationDtype => QUANTIZATION_DTYPES.includes(value as QuantizationDtype);

type WeightSpec = tf.io.WeightsManifestEntry;

/** A weight that cannot be quantized faithfully, and the first value that shows why. */
export interface RefusedWeight {
  name: string;
  /** `not-finite`: NaN or ±Infinity (training diverged); `float16-overflow`: beyond ±65504, float16's largest value. */
  reason: 'not-finite' | 'float16-overflow';
  value: number;
}

export type QuantizeResult =
  | { ok: true; specs: WeightSpec[]; data: Uint8Array; bytesBefore: number; bytesAfter: number }
  | { ok: false; refused: RefusedWeight[] };

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** The largest finite float32: a nudged uint8 range must not decode past it. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Quantizes every float32 weight of a manifest (`specs`, in the order their
 * bytes follow each other in `data`) to `dtype`. Names, shapes and order are
 * kept; only the entries' `quantization` and the bytes change. A weight
 * holding NaN or Infinity is refused rather than quantized: uint8 would
 * smear it over the whole tensor's range, float16 would hide that training
 * diverged.
 */
export function quantizeWeights(specs: readonly WeightSpec[], data: Uint8Array, dtype: QuantizationDtype): QuantizeResult {
  const out: { spec: WeightSpec; bytes: Uint8Array }[] = [];
  const refused: RefusedWeight[] = [];
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((n, d) => n * d, 1);
    const size = BYTES_PER_VALUE[spec.quantization?.dtype ?? spec.dtype];
    if (size === undefined) throw new Error(`weight '${spec.name}' has dtype ${spec.dtype}, which no layers model stores`);
    const raw = data.subarray(offset, offset + count * size);
    if (raw.length < count * size) throw new Error(`the weight data ends inside '${spec.name}'`);
    offset += count * size;
    if (spec.dtype !== 'float32' || spec.quantization) {
      out.push({ spec, bytes: raw });
      continue;
    }
    const values = readFloat32(raw);
    const problem = firstProblem(spec.name, values, dtype);
    if (problem) {
      refused.push(problem);
      continue;
    }
    out.push(dtype === 'uint8' ? toUint8(spec, values) : toFloat16(spec, values));
  }
  if (refused.length) return { ok: false, refused };
  const bytes = concatBytes(out.map((o) => o.bytes));
  return { ok: true, specs: out.map((o) => o.spec), data: bytes, bytesBefore: data.byteLength, bytesAfter: bytes.byteLength };
}

export type QuantizedArtifacts = { ok: true; artifacts: TfjsArtifacts; bytesBefore: number; bytesAfter: number } | { ok: false; refused: RefusedWeight[] };

/** The same artifacts with quantized weights: model.json's manifest entries and the weights file change, nothing else. */
export function quantizeArtifacts(artifacts: TfjsArtifacts, dtype: QuantizationDtype): QuantizedArtifacts {
  const manifest = artifacts.modelJson.weightsManifest as tf.io.WeightsManifestConfig;
  const result = quantizeWeights(
    manifest.flatMap((group) => group.weights),
    artifacts.weightData,
    dtype,
  );
  if (!result.ok) return result;
  // Every group keeps its own entries: hand each one back its share of the specs, in order.
  let next = 0;
  const weightsManifest = manifest.map((group) => ({ ...group, weights: result.specs.slice(next, (next += group.weights.length)) }));
  return {
    ok: true,
    artifacts: { ...artifacts, modelJson: { ...artifacts.modelJson, weightsManifest }, weightData: result.data },
    bytesBefore: result.bytesBefore,
    bytesAfter: result.bytesAfter,
  };
}

function firstProblem(name: string, values: Float32Array, dtype: QuantizationDtype): RefusedWeight | undefined {
  for (const value of values) {
    if (!Number.isFinite(value)) return { name, reason: 'not-finite', value };
    if (dtype === 'float16' && !Number.isFinite(f16round(value))) return { name, reason: 'float16-overflow', value };
  }
  return undefined;
}

/**
 * Affine uint8, as tfjs's Python converter chooses it: value = q·scale + min
 * over the tensor's own [min, max] in 255 steps. Where the range holds 0 it is
 * shifted (by at most half a step) so that 0 is one of the 256 levels and
 * decodes exactly: zero padding and dead ReLU units stay exactly zero. Every
 * value is then off by at most scale/2. A constant tensor is stored as
 * q = 0 with min = that constant, which decodes exactly.
 */
function toUint8(spec: WeightSpec, values: Float32Array): { spec: WeightSpec; bytes: Uint8Array } {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  const bytes = new Uint8Array(values.length);
  if (!(low < high)) return { spec: { ...spec, quantization: { dtype: 'uint8', scale: 1, min: values.length ? low : 0 } }, bytes };
  const scale = (high - low) / 255;
  let min = low;
  if (low <= 0 && high >= 0) {
    const nudged = -Math.round(-low / scale) * scale;
    // Near float32's limits the shifted top level would decode to Infinity: keep the plain range there.
    if (nudged + 255 * scale <= FLOAT32_MAX) min = nudged + 0; // `+ 0` turns -0 into 0 for the JSON
  }
  const max = min + 255 * scale;
  values.forEach((v, i) => {
    const q = Math.round((Math.min(Math.max(v, min), max) - min) / scale);
    bytes[i] = Math.min(255, Math.max(0, q));
  });
  return { spec: { ...spec, quantization: { dtype: 'uint8', scale, min } }, bytes };
}

/** IEEE half precision, rounded to nearest even by @petamoriken/float16 (Node 20 has no DataView.setFloat16 yet). */
function toFloat16(spec: WeightSpec, values: Float32Array): { spec: WeightSpec; bytes: Uint8Array } {
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => setFloat16(view, 2 * i, v, true));
  return { spec: { ...spec, quantization: { dtype: 'float16' } }, bytes };
}

/** Little-endian float32s from bytes at any offset (a weight after a uint8 one need not be 4-aligned). */
function readFloat32(raw: Uint8Array): Float32Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const values = new Float32Array(raw.byteLength / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(4 * i, true);
  return values;
}


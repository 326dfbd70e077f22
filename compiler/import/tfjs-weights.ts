import { diagnostics, say, type Text } from '../diagnostics';
import { concatBytes } from '../bytes';
import { describeJson, field, isJsonObject, type ImportContext } from './import-context';
import { WeightFileRefused } from './weight-paths';

/** One tensor read from the weight files, still under its manifest name (`dense/kernel`). */
export interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  /** Little-endian values, as the document stores them. */
  bytes: Uint8Array;
  /** JSON path of its manifest entry, for messages. */
  path: string;
}

export type ReadWeightFile = (path: string) => Uint8Array | undefined;

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

interface EntrySpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale?: number; min?: number };
  byteLength: number;
  /** `group: "optimizer"`: optimizer state tfjs appends with `includeOptimizer`. */
  optimizerState: boolean;
  path: string;
}

/**
 * A tfjs `weightsManifest` and its files → the tensors they hold, in manifest
 * order. Each group's files are one byte stream, cut in manifest order. What
 * cannot be read becomes a diagnostic naming the file, and is left out.
 */
export function readWeightsManifest(manifest: unknown, path: string, ctx: ImportContext, readWeightFile: ReadWeightFile | undefined): ManifestWeight[] {
  if (!Array.isArray(manifest)) {
    const got = describeJson(manifest);
    ctx.diagnostics.push(diagnostics.badModelField(ctx.fileName, path, say(`expected a list of weight groups {paths, weights}, got ${got.en}`, `应为权重组 {paths, weights} 的列表，实际为 ${got.zh}`)));
    return [];
  }
  const fileCount = manifest.reduce<number>((n, g) => n + (isJsonObject(g) && Array.isArray(g.paths) ? g.paths.length : 0), 0);
  if (!readWeightFile) {
    if (fileCount > 0) ctx.diagnostics.push(diagnostics.weightsNotRead(ctx.fileName, fileCount));
    return [];
  }
  const out: ManifestWeight[] = [];
  const quantized: string[] = [];
  manifest.forEach((group, index) => out.push(...readGroup(group, field(path, index), ctx, readWeightFile, quantized)));
  if (quantized.length) ctx.diagnostics.push(diagnostics.quantizedWeights(ctx.fileName, quantized));
  return out;
}

function readGroup(group: unknown, path: string, ctx: ImportContext, readWeightFile: ReadWeightFile, quantized: string[]): ManifestWeight[] {
  const { fileName } = ctx;
  if (!isJsonObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
    const got = describeJson(group);
    ctx.diagnostics.push(diagnostics.badModelField(fileName, path, say(`expected a weight group {paths, weights}, got ${got.en}`, `应为权重组 {paths, weights}，实际为 ${got.zh}`)));
    return [];
  }
  const specs: EntrySpec[] = [];
  for (const [index, entry] of group.weights.entries()) {
    const spec = readEntrySpec(entry, field(field(path, 'weights'), index), ctx);
    // Without this entry's size the offsets of the ones after it are unknown.
    if (!spec) return [];
    specs.push(spec);
  }

  const files: Uint8Array[] = [];
  const fileNames: string[] = [];
  for (const [index, filePath] of group.paths.entries()) {
    const where = field(field(path, 'paths'), index);
    if (typeof filePath !== 'string') {
      const got = describeJson(filePath);
      ctx.diagnostics.push(diagnostics.badModelField(fileName, where, say(`expected a weight file name, got ${got.en}`, `应为权重文件名，实际为 ${got.zh}`)));
      return [];
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = readWeightFile(filePath);
    } catch (error) {
      const reason = error instanceof WeightFileRefused ? error.reason : error instanceof Error ? error.message : String(error);
      ctx.diagnostics.push(diagnostics.missingWeightFile(fileName, filePath, where, reason));
      return [];
    }
    if (!bytes) {
      ctx.diagnostics.push(diagnostics.missingWeightFile(fileName, filePath, where));
      return [];
    }
    files.push(bytes);
    fileNames.push(filePath);
  }
  const stream = concatBytes(files);
  const needed = specs.reduce((n, s) => n + s.byteLength, 0);
  if (stream.length < needed) {
    ctx.diagnostics.push(diagnostics.truncatedWeightFile(fileName, fileNames, stream.length, needed, path, specs.map((s) => s.name)));
    return [];
  }

  const out: ManifestWeight[] = [];
  let offset = 0;
  for (const spec of specs) {
    const raw = stream.subarray(offset, offset + spec.byteLength);
    offset += spec.byteLength;
    if (spec.optimizerState) continue; // tfjs's includeOptimizer state: not part of the model
    const decoded = decodeEntry(spec, raw, ctx);
    if (!decoded) continue;
    if (spec.quantization) quantized.push(`${spec.name} (${spec.quantization.dtype})`);
    out.push({ name: spec.name, shape: spec.shape, dtype: decoded.dtype, bytes: decoded.bytes, path: spec.path });
  }
  return out;
}

function readEntrySpec(entry: unknown, path: string, ctx: ImportContext): EntrySpec | undefined {
  /** `expected <what>, got <value>`: every malformed entry field is told the same way. */
  const bad = (where: string, expected: Text, value: unknown) => {
    const got = describeJson(value);
    ctx.diagnostics.push(diagnostics.badModelField(ctx.fileName, where, say(`expected ${expected.en}, got ${got.en}`, `应为${expected.zh}，实际为 ${got.zh}`)));
    return undefined;
  };
  if (!isJsonObject(entry)) return bad(path, say('a weight entry {name, shape, dtype}', '权重条目 {name, shape, dtype}'), entry);
  const { name, shape, dtype, quantization } = entry;
  if (typeof name !== 'string') return bad(field(path, 'name'), say("the weight's name", '权重名称'), name);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
    return bad(field(path, 'shape'), say('a list of sizes', '各维大小的列表'), shape);
  }
  const type = typeof dtype === 'string' ? dtype : 'float32';
  if (quantization !== undefined && !(isJsonObject(quantization) && typeof quantization.dtype === 'string')) {
    return bad(field(path, 'quantization'), say('{dtype, scale, min}', ' {dtype, scale, min}'), quantization);
  }
  const storedAs = quantization ? String(quantization.dtype) : type;
  const size = BYTES_PER_VALUE[storedAs];
  if (size === undefined) {
    // Strings have no fixed size, so nothing after this entry can be located either.
    ctx.diagnostics.push(
      diagnostics.unsupportedWeight(
        ctx.fileName,
        name,
        say(`is stored as ${storedAs}, which Layerwire cannot read; this weight group is left out`, `以 ${storedAs} 存储，Layerwire 无法读取；此权重组未导入`),
        path,
      ),
    );
    return undefined;
  }
  const count = (shape as number[]).reduce((n, d) => n * d, 1);
  return {
    name,
    shape: shape as number[],
    dtype: type,
    quantization: quantization as EntrySpec['quantization'],
    byteLength: count * size,
    optimizerState: entry.group === 'optimizer',
    path,
  };
}

/** Raw values → float32 or int32 little-endian bytes; quantized values are dequantized the way tfjs does. */
function decodeEntry(spec: EntrySpec, raw: Uint8Array, ctx: ImportContext): { dtype: 'float32' | 'int32'; bytes: Uint8Array } | undefined {
  const unsupported = (message: Text) => {
    ctx.diagnostics.push(diagnostics.unsupportedWeight(ctx.fileName, spec.name, message, spec.path));
    return undefined;
  };
  if (spec.dtype !== 'float32' && spec.dtype !== 'int32') {
    return unsupported(say(`has dtype ${spec.dtype}; Layerwire keeps float32 and int32 weights only, so it is left out`, `的 dtype 为 ${spec.dtype}；Layerwire 只保留 float32 和 int32 权重，因此未导入`));
  }
  const q = spec.quantization;
  if (!q) return { dtype: spec.dtype, bytes: raw.slice() };

  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const count = raw.byteLength / BYTES_PER_VALUE[q.dtype]!;
  const values = spec.dtype === 'int32' ? new Int32Array(count) : new Float32Array(count);
  if (q.dtype === 'uint8' || q.dtype === 'uint16') {
    if (typeof q.scale !== 'number' || typeof q.min !== 'number') return unsupported(say(`is quantized to ${q.dtype} without a numeric scale and min`, `量化为 ${q.dtype}，但缺少数值型的 scale 和 min`));
    for (let i = 0; i < count; i++) {
      const v = (q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(2 * i, true)) * q.scale + q.min;
      values[i] = spec.dtype === 'int32' ? Math.round(v) : v;
    }
  } else if (q.dtype === 'float16') {
    if (spec.dtype === 'int32') return unsupported(say('is an int32 weight quantized to float16, which tfjs does not allow', '是量化为 float16 的 int32 权重，tfjs 不允许这样做'));
    for (let i = 0; i < count; i++) values[i] = halfToFloat(view.getUint16(2 * i, true));
  } else {
    return unsupported(say(`uses quantization ${q.dtype}; tfjs knows uint8, uint16 and float16`, `使用了量化类型 ${q.dtype}；tfjs 只支持 uint8、uint16 和 float16`));
  }
  return { dtype: spec.dtype, bytes: littleEndianBytes(values) };
}

function halfToFloat(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function littleEndianBytes(values: Float32Array | Int32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => (values instanceof Int32Array ? view.setInt32(4 * i, v, true) : view.setFloat32(4 * i, v, true)));
  return bytes;
}


/** base64 of raw bytes, in chunks so large tensors do not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

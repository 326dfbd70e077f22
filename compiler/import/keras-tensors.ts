import { say, type Text } from '../diagnostics';
import { describeJson, field, isJsonObject } from './import-context';

/** One tensor of a Keras graph: output `tensor` of call `node` of `layer` (Keras's `keras_history`). */
export interface TensorRef {
  layer: string;
  node: number;
  tensor: number;
}

/** One call of a layer: its positional tensor inputs in order, and keyword arguments that carry tensors. */
export interface LayerCall {
  inputs: TensorRef[];
  keywordTensors: string[];
}

export type Read<T> = { ok: true; value: T } | { ok: false; path: string; message: Text };

const fail = (path: string, message: Text): { ok: false; path: string; message: Text } => ({ ok: false, path, message });

const notACall = (node: unknown) => {
  const got = describeJson(node);
  return say(
    `expected a call {args, kwargs} (Keras 3) or a list of [layer, node, tensor] (Keras 2), got ${got.en}`,
    `应为一次调用 {args, kwargs}（Keras 3）或 [layer, node, tensor] 列表（Keras 2），实际为 ${got.zh}`,
  );
};

/** `[layer, node, tensor, …]`, the tuple Keras 2 and tfjs write for a tensor and Keras 3 keeps in `keras_history`. */
function asHistory(value: unknown): TensorRef | undefined {
  if (!Array.isArray(value) || value.length < 3) return undefined;
  const [layer, node, tensor] = value;
  if (typeof layer !== 'string' || !Number.isInteger(node) || !Number.isInteger(tensor)) return undefined;
  return { layer, node: node as number, tensor: tensor as number };
}

/** Keras 3: `{class_name: "__keras_tensor__", config: {keras_history: [layer, node, tensor]}}`. */
function asKerasTensor(value: unknown): TensorRef | undefined {
  if (!isJsonObject(value) || value.class_name !== '__keras_tensor__') return undefined;
  const config = value.config;
  return isJsonObject(config) ? asHistory(config.keras_history) : undefined;
}

/** A dict's values in the order Keras's `tree.flatten` visits them: by sorted key. */
const flattenedValues = (value: Record<string, unknown>) => Object.keys(value).sort().map((key) => [key, value[key]] as const);

/** Every Keras 3 tensor in a call's arguments, in Keras's flattening order (lists in order, dicts by sorted key). */
function collectKerasTensors(value: unknown, out: TensorRef[]): void {
  const tensor = asKerasTensor(value);
  if (tensor) out.push(tensor);
  else if (Array.isArray(value)) for (const item of value) collectKerasTensors(item, out);
  else if (isJsonObject(value)) for (const [, item] of flattenedValues(value)) collectKerasTensors(item, out);
}

function keywordTensorNames(kwargs: unknown, isTensor: (v: unknown) => boolean): string[] {
  if (!isJsonObject(kwargs)) return [];
  const holdsTensor = (v: unknown): boolean => isTensor(v) || (Array.isArray(v) && v.some(holdsTensor)) || (isJsonObject(v) && Object.values(v).some(holdsTensor));
  return Object.entries(kwargs).filter(([, v]) => holdsTensor(v)).map(([k]) => k);
}

/** One entry of `inbound_nodes`, in the Keras 2 / tfjs list layout or the Keras 3 `{args, kwargs}` layout. */
function readCall(node: unknown, path: string): Read<LayerCall> {
  if (isJsonObject(node)) {
    if (!('args' in node)) return fail(path, notACall(node));
    const inputs: TensorRef[] = [];
    collectKerasTensors(node.args, inputs);
    const keywordTensors = keywordTensorNames(node.kwargs, (v) => asKerasTensor(v) !== undefined);
    return { ok: true, value: { inputs, keywordTensors } };
  }
  if (!Array.isArray(node)) return fail(path, notACall(node));
  // Some writers leave out the list around a single input: [layer, node, tensor, kwargs].
  const entries = asHistory(node) ? [node] : node;
  const inputs: TensorRef[] = [];
  const keywordTensors = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const tensor = asHistory(entry);
    if (!tensor) {
      const got = describeJson(entry);
      return fail(field(path, index), say(`expected [layer name, node index, tensor index, kwargs], got ${got.en}`, `应为 [层名, 节点序号, 张量序号, kwargs]，实际为 ${got.zh}`));
    }
    inputs.push(tensor);
    for (const name of keywordTensorNames((entry as unknown[])[3], (v) => asHistory(v) !== undefined)) keywordTensors.add(name);
  }
  return { ok: true, value: { inputs, keywordTensors: [...keywordTensors] } };
}

/** A layer's `inbound_nodes`: one entry per call of the layer. */
export function readCalls(value: unknown, path: string): Read<LayerCall[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value)) {
    const got = describeJson(value);
    return fail(path, say(`expected a list of calls, got ${got.en}`, `应为调用列表，实际为 ${got.zh}`));
  }
  const calls: LayerCall[] = [];
  for (const [index, node] of value.entries()) {
    const call = readCall(node, field(path, index));
    if (!call.ok) return call;
    calls.push(call.value);
  }
  return { ok: true, value: calls };
}

/**
 * A functional model's `input_layers` or `output_layers`: a list of
 * `[layer, node, tensor]`, a single one (Keras 3 for one tensor), or a dict
 * of them (Keras 3 named inputs, in flattening order: by sorted key).
 */
export function readModelTensors(value: unknown, path: string): Read<TensorRef[]> {
  const single = asHistory(value) ?? asKerasTensor(value);
  if (single) return { ok: true, value: [single] };
  const items = Array.isArray(value) ? value.map((v, i) => [field(path, i), v] as const) : isJsonObject(value) ? flattenedValues(value).map(([k, v]) => [field(path, k), v] as const) : undefined;
  if (!items) {
    const got = describeJson(value);
    return fail(path, say(`expected a list of [layer name, node index, tensor index], got ${got.en}`, `应为 [层名, 节点序号, 张量序号] 列表，实际为 ${got.zh}`));
  }
  const refs: TensorRef[] = [];
  for (const [itemPath, item] of items) {
    const nested = readModelTensors(item, itemPath);
    if (!nested.ok) return nested;
    refs.push(...nested.value);
  }
  return { ok: true, value: refs };
}

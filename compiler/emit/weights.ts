import type { WeightTensor } from '../../schemas/graph';

/** base64 of little-endian values ↔ typed arrays; works in Node and the browser. */
export function decodeWeight(weight: WeightTensor): Float32Array | Int32Array {
  const binary = atob(weight.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return weight.dtype === 'int32' ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
}

export function encodeWeight(name: string, shape: number[], values: Float32Array | Int32Array): WeightTensor {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return { name, shape, dtype: values instanceof Int32Array ? 'int32' : 'float32', data: btoa(binary) };
}

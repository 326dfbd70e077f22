import type { AnyLayerDefinition } from '../layers/definition';

/** `kernel_size` → `kernelSize`, `channels_last` → `channelsLast` (tfjs's own rule). */
export function toCamelCase(text: string): string {
  return text.replace(/[_-]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Keras initializer class names whose tfjs identifier is not just the lower-cased first letter. */
const INITIALIZER_NAMES: Record<string, string> = {
  LecunNormal: 'leCunNormal',
  LecunUniform: 'leCunUniform',
  lecun_normal: 'leCunNormal',
  lecun_uniform: 'leCunUniform',
  Zeros: 'zeros',
  Ones: 'ones',
  OrthogonalInitializer: 'orthogonal',
  IdentityInitializer: 'identity',
};

/** Keras activation names whose tfjs identifier is not their camel case. */
/** A table lookup by a name from the file: `"constructor"` must not find Object.prototype's. */
const ownEntry = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

const ACTIVATION_NAMES: Record<string, string> = {
  silu: 'swish',
  gelu_new: 'gelu_new',
};

/**
 * tfjs serializes glorotNormal, heNormal and friends as the VarianceScaling
 * they are; the named initializer keeps what the config says.
 */
function varianceScalingName(config: unknown): string {
  if (!config || typeof config !== 'object') return 'varianceScaling';
  const { scale, mode, distribution } = config as { scale?: unknown; mode?: unknown; distribution?: unknown };
  const shape = distribution === 'uniform' ? 'Uniform' : distribution === 'normal' || distribution === 'truncated_normal' || distribution === 'truncatedNormal' ? 'Normal' : undefined;
  if (!shape) return 'varianceScaling';
  if (scale === 1 && (mode === 'fan_avg' || mode === 'fanAvg')) return `glorot${shape}`;
  if (scale === 2 && (mode === 'fan_in' || mode === 'fanIn')) return `he${shape}`;
  if (scale === 1 && (mode === 'fan_in' || mode === 'fanIn')) return `leCun${shape}`;
  return 'varianceScaling';
}

function initializerName(value: unknown): unknown {
  if (typeof value === 'string') return ownEntry(INITIALIZER_NAMES, value) ?? toCamelCase(value);
  if (value && typeof value === 'object' && 'class_name' in value) {
    const { class_name: rawName, config } = value as { class_name: unknown; config?: unknown };
    const className = String(rawName);
    if (className === 'VarianceScaling') return varianceScalingName(config);
    return ownEntry(INITIALIZER_NAMES, className) ?? className.charAt(0).toLowerCase() + className.slice(1);
  }
  return value;
}

/**
 * Keras writes a built-in activation as its name; Keras 2.13+ and 3 may
 * instead write the serialized function `{class_name: "function", config: "relu"}`.
 */
function activationName(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { class_name: className, config } = value as { class_name?: unknown; config?: unknown };
    if (className === 'function' && typeof config === 'string') return activationName(config);
    return value;
  }
  if (typeof value === 'string') return ownEntry(ACTIVATION_NAMES, value) ?? toCamelCase(value);
  return value;
}

/** Keras 3 wraps a dtype in a DTypePolicy object; Keras 2 writes the string. */
export function kerasDtype(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const config = (value as { config?: { name?: unknown } }).config;
    if (typeof config?.name === 'string') return config.name;
  }
  return undefined;
}

/** Converts one Keras config value the way tfjs does: strings camel-cased, lists element-wise. */
function convertValue(key: string, value: unknown): unknown {
  if (key.endsWith('Initializer')) return initializerName(value);
  if (key === 'activation' || key.endsWith('Activation')) return activationName(value);
  if (typeof value === 'string') return toCamelCase(value);
  if (Array.isArray(value)) return value.map((v) => convertValue(key, v));
  return value;
}

/**
 * Keras layer config (snake_case, Keras 2 or 3) → Layerwire params: the
 * fields the layer kind knows, camel-cased, with Keras's value spellings
 * converted. Fields the kind does not know are returned separately, so the
 * importer can say what it dropped. A kind's own `fromKeras` overrides this.
 */
export function kerasConfigToParams(definition: AnyLayerDefinition, config: Record<string, unknown>): { params: Record<string, unknown>; ignored: string[] } {
  if (definition.fromKeras) return { params: definition.fromKeras(config), ignored: [] };
  const known = new Set(Object.keys(definition.params.shape));
  const params: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [pythonKey, value] of Object.entries(config)) {
    const key = toCamelCase(pythonKey);
    if (!known.has(key)) {
      if (!KERAS_BOOKKEEPING.has(pythonKey)) ignored.push(pythonKey);
      continue;
    }
    if (value === null) continue; // Keras writes null for "not set": our default applies.
    params[key] = convertValue(key, value);
  }
  return { params, ignored };
}

/** Fields every Keras layer has that are not parameters of the layer kind. */
const KERAS_BOOKKEEPING = new Set(['name', 'trainable', 'dtype', 'batch_input_shape', 'batch_shape', 'input_shape', 'input_dtype', 'build_config', 'module', 'registered_name']);

/**
 * Keras fields Layerwire drops without changing what an imported, trained
 * layer computes, when they hold these values. Anything else that is dropped
 * (a regularizer, a constraint, `stateful: true`…) is worth telling the user.
 */
const HARMLESS_WHEN: Record<string, (value: unknown) => boolean> = {
  groups: (v) => v === 1,
  implementation: () => true,
  unroll: () => true,
  use_cudnn: () => true,
  zero_output_for_mask: () => true,
  seed: () => true,
  time_major: (v) => v === false,
  stateful: (v) => v === false,
  sparse: (v) => v === false,
  ragged: (v) => v === false,
  optional: (v) => v === false,
  renorm: (v) => v === false,
  renorm_clipping: () => true,
  renorm_momentum: () => true,
  synchronized: (v) => v === false,
  autocast: () => true,
  lora_rank: (v) => v === null,
  lora_alpha: (v) => v === null,
  quantization_config: (v) => v === null,
  // Keras 3 ReLU spells out its defaults; tfjs's ReLU has neither field.
  negative_slope: (v) => v === 0,
  threshold: (v) => v === 0,
  // Keras writes data_format on 1D pooling, which tfjs only runs channels-last.
  data_format: (v) => v === 'channels_last',
};

/** The dropped fields worth a warning: set to something, and not in the harmless list. */
export function droppedFieldsThatMatter(config: Record<string, unknown>, ignored: readonly string[]): string[] {
  return ignored.filter((key) => {
    const value = config[key];
    if (value === null || value === undefined || value === false) return false;
    if (Array.isArray(value) && value.length === 0) return false;
    if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) return false;
    return !(ownEntry(HARMLESS_WHEN, key)?.(value) ?? false);
  });
}

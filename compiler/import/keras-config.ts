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
};

function initializerName(value: unknown): unknown {
  if (typeof value === 'string') return INITIALIZER_NAMES[value] ?? toCamelCase(value);
  if (value && typeof value === 'object' && 'class_name' in value) {
    const className = String((value as { class_name: unknown }).class_name);
    return INITIALIZER_NAMES[className] ?? className.charAt(0).toLowerCase() + className.slice(1);
  }
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

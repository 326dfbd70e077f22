import type { PortRef } from '../../schemas/graph';
import { LossName, MetricName, Optimizer, TrainingConfig } from '../../schemas/training';
import { diagnostics } from '../diagnostics';
import { describeJson, field, isJsonObject, type ImportContext, type JsonObject } from './import-context';
import { toCamelCase } from './keras-config';

/** Keras loss spellings whose tfjs name is not their camel case. */
const LOSS_ALIASES: Record<string, LossName> = {
  mse: 'meanSquaredError',
  MSE: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  MAE: 'meanAbsoluteError',
  mape: 'meanAbsolutePercentageError',
  MAPE: 'meanAbsolutePercentageError',
  msle: 'meanSquaredLogarithmicError',
  MSLE: 'meanSquaredLogarithmicError',
  kld: 'kullbackLeiblerDivergence',
  KLD: 'kullbackLeiblerDivergence',
  kl_divergence: 'kullbackLeiblerDivergence',
  KLDivergence: 'kullbackLeiblerDivergence',
  log_cosh: 'logcosh',
  LogCosh: 'logcosh',
  cosine_similarity: 'cosineProximity',
  CosineSimilarity: 'cosineProximity',
};

const METRIC_ALIASES: Record<string, MetricName> = {
  acc: 'accuracy',
  mse: 'meanSquaredError',
  MSE: 'meanSquaredError',
  mae: 'meanAbsoluteError',
  MAE: 'meanAbsoluteError',
  mape: 'meanAbsolutePercentageError',
  MAPE: 'meanAbsolutePercentageError',
};

/** A loss or metric as Keras writes it: a name, or a serialized object `{class_name, config: {name}}`. */
function identifier(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isJsonObject(value)) return undefined;
  const config = value.config;
  if (isJsonObject(config) && typeof config.name === 'string') return config.name;
  return typeof value.class_name === 'string' ? value.class_name : undefined;
}

function tfjsName<T extends string>(name: string, aliases: Record<string, T>, valid: { safeParse: (v: unknown) => { success: boolean } }): T | undefined {
  const candidates = [aliases[name], toCamelCase(name), name.charAt(0).toLowerCase() + name.slice(1)];
  return candidates.find((c): c is T => c !== undefined && valid.safeParse(c).success);
}

/**
 * Keras `training_config` (model.json, HDF5), tfjs `trainingConfig` or Keras 3
 * `compile_config` → `document.training`, where tfjs can express it. What it
 * cannot becomes a warning; the model itself imports either way.
 */
export function readTrainingConfig(value: unknown, path: string, outputs: PortRef[], ctx: ImportContext): TrainingConfig | undefined {
  if (value === undefined || value === null) return undefined;
  const warn = (where: string, message: string) => ctx.diagnostics.push(diagnostics.trainingNotMapped(ctx.fileName, where, message));
  if (!isJsonObject(value)) {
    warn(path, `expected the training configuration object, got ${describeJson(value)}; training settings are left out`);
    return undefined;
  }
  const training: JsonObject = {};
  const optimizerKey = 'optimizer_config' in value ? 'optimizer_config' : 'optimizer';
  const optimizer = readOptimizer(value[optimizerKey], field(path, optimizerKey), warn);
  if (optimizer) training.optimizer = optimizer;

  const loss = readLoss(value.loss, field(path, 'loss'), outputs, warn);
  if (loss) training.loss = loss;
  const lossWeights = readLossWeights(value.loss_weights, field(path, 'loss_weights'), outputs, warn);
  if (lossWeights) training.lossWeights = lossWeights;
  training.metrics = readMetrics(value.metrics, field(path, 'metrics'), warn);

  const parsed = TrainingConfig.safeParse(training);
  if (parsed.success) return parsed.data;
  warn(path, `the training settings do not fit Layerwire's (${parsed.error.issues[0]?.message ?? 'invalid'}); they are left out`);
  return undefined;
}

type Warn = (path: string, message: string) => void;

/** Optimizer settings Keras has and tfjs's optimizers lack. */
const UNMAPPED_OPTIMIZER_SETTINGS = ['weight_decay', 'clipnorm', 'clipvalue', 'global_clipnorm', 'use_ema', 'amsgrad', 'centered'];

function readOptimizer(value: unknown, path: string, warn: Warn): Optimizer | undefined {
  if (value === undefined || value === null) return undefined;
  const className = typeof value === 'string' ? value : isJsonObject(value) && typeof value.class_name === 'string' ? value.class_name : undefined;
  if (className === undefined) {
    warn(path, `expected an optimizer {class_name, config}, got ${describeJson(value)}; Adam is used`);
    return undefined;
  }
  const rawConfig = isJsonObject(value) && isJsonObject(value.config) ? value.config : {};
  const config: JsonObject = Object.fromEntries(Object.entries(rawConfig).map(([k, v]) => [toCamelCase(k), v]));
  let learningRate = config.learningRate ?? config.lr;
  if (learningRate !== undefined && typeof learningRate !== 'number') {
    warn(field(field(path, 'config'), 'learning_rate'), `the learning rate is a schedule (${describeJson(learningRate)}), which Layerwire cannot express; the optimizer's default rate is used`);
    learningRate = undefined;
  }
  const unmapped = UNMAPPED_OPTIMIZER_SETTINGS.filter((key) => rawConfig[key] !== undefined && rawConfig[key] !== null && rawConfig[key] !== false && rawConfig[key] !== 0);
  if (unmapped.length) warn(field(path, 'config'), `tfjs's optimizers have no ${unmapped.join(', ')}; ${unmapped.length === 1 ? 'it is' : 'they are'} left out`);

  const kind = className.replace(/^Custom>/, '').toLowerCase();
  const momentum = typeof config.momentum === 'number' ? config.momentum : 0;
  const candidate: JsonObject | undefined = {
    adam: { type: 'adam', learningRate, beta1: config.beta1, beta2: config.beta2, epsilon: config.epsilon },
    sgd: momentum > 0 ? { type: 'momentum', learningRate, momentum, useNesterov: config.nesterov === true } : { type: 'sgd', learningRate },
    momentum: { type: 'momentum', learningRate, momentum: config.momentum, useNesterov: config.useNesterov },
    // Keras calls the moving-average factor rho; tfjs calls it decay.
    rmsprop: { type: 'rmsprop', learningRate, decay: config.rho ?? config.decay, momentum: config.momentum, epsilon: config.epsilon },
    adagrad: { type: 'adagrad', learningRate },
    adadelta: { type: 'adadelta', learningRate, rho: config.rho },
    adamax: { type: 'adamax', learningRate, beta1: config.beta1, beta2: config.beta2 },
  }[kind];
  if (!candidate) {
    warn(path, `optimizer ${className} has no equivalent among tfjs's optimizers (adam, sgd, momentum, rmsprop, adagrad, adadelta, adamax); Adam is used`);
    return undefined;
  }
  const parsed = Optimizer.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined && v !== null)));
  if (parsed.success) return parsed.data;
  warn(path, `optimizer ${className}'s settings do not fit (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}); Adam is used`);
  return undefined;
}

function readLoss(value: unknown, path: string, outputs: PortRef[], warn: Warn): LossName | Record<string, LossName> | undefined {
  if (value === undefined || value === null) return undefined;
  const one = (item: unknown, where: string): LossName | undefined => {
    const name = identifier(item);
    const loss = name === undefined ? undefined : tfjsName(name, LOSS_ALIASES, LossName);
    if (!loss) warn(where, `loss ${describeJson(name ?? item)} has no tfjs equivalent (tfjs has ${LossName.options.join(', ')}); choose one in the training settings`);
    return loss;
  };
  const perOutput = (entries: [string, unknown, string][]): Record<string, LossName> | undefined => {
    const record: Record<string, LossName> = {};
    for (const [key, item, where] of entries) {
      const loss = one(item, where);
      if (loss) record[key] = loss;
    }
    return Object.keys(record).length ? record : undefined;
  };
  if (Array.isArray(value)) {
    if (value.length === 1) return one(value[0], field(path, 0));
    if (value.length !== outputs.length) {
      warn(path, `lists ${value.length} losses for a model with ${outputs.length} outputs; they are left out`);
      return undefined;
    }
    return perOutput(value.map((item, i) => [outputs[i]!.node, item, field(path, i)]));
  }
  if (isJsonObject(value) && !('class_name' in value)) {
    return perOutput(Object.entries(value).map(([key, item]) => [key, item, field(path, key)]));
  }
  return one(value, path);
}

function readLossWeights(value: unknown, path: string, outputs: PortRef[], warn: Warn): Record<string, number> | undefined {
  if (value === undefined || value === null) return undefined;
  const entries: [string, unknown][] | undefined = Array.isArray(value)
    ? value.length === outputs.length
      ? value.map((w, i) => [outputs[i]!.node, w])
      : undefined
    : isJsonObject(value)
      ? Object.entries(value)
      : undefined;
  if (!entries || entries.some(([, w]) => typeof w !== 'number' || w < 0)) {
    warn(path, `expected one non-negative weight per output, got ${describeJson(value)}; loss weights are left out`);
    return undefined;
  }
  return Object.fromEntries(entries) as Record<string, number>;
}

function readMetrics(value: unknown, path: string, warn: Warn): MetricName[] {
  const names: string[] = [];
  const collect = (item: unknown) => {
    const name = identifier(item);
    if (name !== undefined && (typeof item === 'string' || 'class_name' in (item as JsonObject))) names.push(name);
    else if (Array.isArray(item)) item.forEach(collect);
    else if (isJsonObject(item)) Object.values(item).forEach(collect);
  };
  collect(value);
  const metrics: MetricName[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const metric = tfjsName(name, METRIC_ALIASES, MetricName);
    if (!metric) unknown.push(name);
    else if (!metrics.includes(metric)) metrics.push(metric);
  }
  if (unknown.length) warn(path, `metric${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} ha${unknown.length === 1 ? 's' : 've'} no tfjs equivalent and ${unknown.length === 1 ? 'is' : 'are'} left out`);
  return metrics;
}

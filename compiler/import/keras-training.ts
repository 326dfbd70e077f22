import type { PortRef } from '../../schemas/graph';
import { LossName, MetricName, Optimizer, TrainingConfig } from '../../schemas/training';
import { describeIssues } from '../../schemas/parse';
import { diagnostics, say, type Text } from '../diagnostics';
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
  const warn: Warn = (where, message) => ctx.diagnostics.push(diagnostics.trainingNotMapped(ctx.fileName, where, message));
  if (!isJsonObject(value)) {
    const got = describeJson(value);
    warn(path, say(`expected the training configuration object, got ${got.en}; training settings are left out`, `应为训练配置对象，实际为 ${got.zh}；训练设置未导入`));
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
  const reason = parsed.error.issues[0]?.message ?? 'invalid';
  const reasonZh = describeIssues(parsed.error.issues.slice(0, 1), training)[0]?.translations['zh-CN'].message ?? '无效';
  warn(path, say(`the training settings do not fit Layerwire's (${reason}); they are left out`, `训练设置与 Layerwire 的不相容（${reasonZh}）；未导入`));
  return undefined;
}

type Warn = (path: string, message: Text) => void;

/** Optimizer settings Keras has and tfjs's optimizers lack. */
const UNMAPPED_OPTIMIZER_SETTINGS = ['weight_decay', 'clipnorm', 'clipvalue', 'global_clipnorm', 'use_ema', 'amsgrad', 'centered'];

function readOptimizer(value: unknown, path: string, warn: Warn): Optimizer | undefined {
  if (value === undefined || value === null) return undefined;
  const className = typeof value === 'string' ? value : isJsonObject(value) && typeof value.class_name === 'string' ? value.class_name : undefined;
  if (className === undefined) {
    const got = describeJson(value);
    warn(path, say(`expected an optimizer {class_name, config}, got ${got.en}; Adam is used`, `应为优化器 {class_name, config}，实际为 ${got.zh}；将使用 Adam`));
    return undefined;
  }
  const rawConfig = isJsonObject(value) && isJsonObject(value.config) ? value.config : {};
  const config: JsonObject = Object.fromEntries(Object.entries(rawConfig).map(([k, v]) => [toCamelCase(k), v]));
  let learningRate = config.learningRate ?? config.lr;
  if (learningRate !== undefined && typeof learningRate !== 'number') {
    const schedule = describeJson(learningRate);
    warn(
      field(field(path, 'config'), 'learning_rate'),
      say(
        `the learning rate is a schedule (${schedule.en}), which Layerwire cannot express; the optimizer's default rate is used`,
        `学习率是一个调度（${schedule.zh}），Layerwire 无法表示；将使用优化器的默认学习率`,
      ),
    );
    learningRate = undefined;
  }
  const unmapped = UNMAPPED_OPTIMIZER_SETTINGS.filter((key) => rawConfig[key] !== undefined && rawConfig[key] !== null && rawConfig[key] !== false && rawConfig[key] !== 0);
  if (unmapped.length) {
    const names = unmapped.join(', ');
    warn(field(path, 'config'), say(`tfjs's optimizers have no ${names}; ${unmapped.length === 1 ? 'it is' : 'they are'} left out`, `tfjs 的优化器没有 ${names}；未导入`));
  }

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
    warn(
      path,
      say(
        `optimizer ${className} has no equivalent among tfjs's optimizers (adam, sgd, momentum, rmsprop, adagrad, adadelta, adamax); Adam is used`,
        `优化器 ${className} 在 tfjs 的优化器（adam、sgd、momentum、rmsprop、adagrad、adadelta、adamax）中没有对应项；将使用 Adam`,
      ),
    );
    return undefined;
  }
  const parsed = Optimizer.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined && v !== null)));
  if (parsed.success) return parsed.data;
  const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const reasonsZh = describeIssues(parsed.error.issues, candidate)
    .map((e) => `${e.path}：${e.translations['zh-CN'].message}`)
    .join('；');
  warn(path, say(`optimizer ${className}'s settings do not fit (${reasons}); Adam is used`, `优化器 ${className} 的设置不相容（${reasonsZh}）；将使用 Adam`));
  return undefined;
}

function readLoss(value: unknown, path: string, outputs: PortRef[], warn: Warn): LossName | Record<string, LossName> | undefined {
  if (value === undefined || value === null) return undefined;
  const one = (item: unknown, where: string): LossName | undefined => {
    const name = identifier(item);
    const loss = name === undefined ? undefined : tfjsName(name, LOSS_ALIASES, LossName);
    if (!loss) {
      const got = describeJson(name ?? item);
      const known = LossName.options.join(', ');
      warn(where, say(`loss ${got.en} has no tfjs equivalent (tfjs has ${known}); choose one in the training settings`, `损失函数 ${got.zh} 在 tfjs 中没有对应项（tfjs 提供 ${known}）；请在训练设置中选择一个`));
    }
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
      warn(path, say(`lists ${value.length} losses for a model with ${outputs.length} outputs; they are left out`, `为一个有 ${outputs.length} 个输出的模型列出了 ${value.length} 个损失函数；未导入`));
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
    const got = describeJson(value);
    warn(path, say(`expected one non-negative weight per output, got ${got.en}; loss weights are left out`, `应为每个输出各一个非负权重，实际为 ${got.zh}；损失权重未导入`));
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
  if (unknown.length) {
    const names = unknown.join(', ');
    const one = unknown.length === 1;
    warn(path, say(`metric${one ? '' : 's'} ${names} ha${one ? 's' : 've'} no tfjs equivalent and ${one ? 'is' : 'are'} left out`, `评估指标 ${names} 在 tfjs 中没有对应项，未导入`));
  }
  return metrics;
}

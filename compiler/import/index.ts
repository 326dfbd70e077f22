import { GRAPH_FORMAT, GRAPH_VERSION, GraphDocument } from '../../schemas/graph';
import { checkGraph, type CheckResult } from '../check';
import { describeIssues } from '../../schemas/parse';
import { diagnostics, say, type Diagnostic } from '../diagnostics';
import { describeJson, field, isJsonObject, type JsonObject } from './import-context';
import { isModelEntry, readKerasModel, type ModelImportContext } from './keras-model';
import { readTrainingConfig } from './keras-training';
import { readWeightsManifest, type ReadWeightFile } from './tfjs-weights';
import { assignWeights, verifyWeightLayouts } from './weight-assignment';

export { kerasConfigToParams, kerasDtype, toCamelCase } from './keras-config';

export interface ImportOptions {
  /** How diagnostics name the file, e.g. `model.json`. */
  fileName: string;
  /** Reads a weight file named in a tfjs `weightsManifest` (relative to model.json); `undefined` if it is missing. */
  readWeightFile?: ReadWeightFile;
}

/**
 * The imported document with what the import noticed, or, when the file could
 * not be read as a model at all, only the diagnostics that say why (each names
 * the file and the field).
 */
export type ImportResult = { ok: true; document: GraphDocument; diagnostics: Diagnostic[] } | { ok: false; document?: undefined; diagnostics: Diagnostic[] };

/** Where the parts of a model file sit, whichever of the accepted layouts it uses. */
interface ModelFile {
  topology: JsonObject;
  topologyPath: string;
  training?: { value: unknown; path: string };
  weightsManifest?: { value: unknown; path: string };
}

const WEIGHT_FILE_CODES = new Set(['LW408', 'LW409', 'LW411']);

/**
 * A Keras or tfjs model file → a GraphDocument. Accepts a Keras
 * `model.to_json()` (Keras 2, 2.13+ and 3 layouts), a tfjs `model.json`
 * (`format: "layers-model"`, weights read through `readWeightFile`), and the
 * Keras converter's variant with `modelTopology.model_config`. Never throws
 * for bad input: every problem is a diagnostic that names the file and field.
 */
export function importModel(json: unknown, options: ImportOptions): ImportResult {
  const ctx: ModelImportContext = { fileName: options.fileName, diagnostics: [], blocks: {}, sites: [] };
  const file = locateModel(json, ctx);
  if (!file) return { ok: false, diagnostics: ctx.diagnostics };

  const graph = readKerasModel(file.topology, file.topologyPath, ctx);
  if (!graph) return { ok: false, diagnostics: ctx.diagnostics };
  const document: GraphDocument = {
    format: GRAPH_FORMAT,
    version: GRAPH_VERSION,
    name: graph.name,
    nodes: graph.nodes,
    edges: graph.edges,
    outputs: graph.outputs,
    blocks: ctx.blocks,
  };
  const training = file.training && readTrainingConfig(file.training.value, file.training.path, graph.outputs, ctx);
  if (training) document.training = training;

  if (file.weightsManifest) {
    const weights = readWeightsManifest(file.weightsManifest.value, file.weightsManifest.path, ctx, options.readWeightFile);
    assignWeights(weights, ctx.sites, ctx);
    if (weights.length > 0 || ctx.diagnostics.some((d) => WEIGHT_FILE_CODES.has(d.code))) {
      const check = checkQuietly(document);
      if (check) verifyWeightLayouts(check, ctx.sites, ctx, { reportMissing: !ctx.diagnostics.some((d) => WEIGHT_FILE_CODES.has(d.code)) });
    }
  }

  // Everything above builds a valid document; parsing it once more fills defaults and guards against our own mistakes.
  const parsed = GraphDocument.safeParse(document);
  if (!parsed.success) {
    const chinese = describeIssues(parsed.error.issues, document);
    for (const [i, issue] of parsed.error.issues.entries()) {
      const where = issue.path.join('.');
      ctx.diagnostics.push(
        diagnostics.badModelField(
          ctx.fileName,
          file.topologyPath || '(document)',
          say(`cannot be represented as a Layerwire graph: ${where}: ${issue.message}`, `无法表示为 Layerwire 图：${where}：${chinese[i]!.translations['zh-CN'].message}`),
        ),
      );
    }
    return { ok: false, diagnostics: ctx.diagnostics };
  }
  return { ok: true, document: parsed.data, diagnostics: ctx.diagnostics };
}

/**
 * The layout check is a courtesy of the importer: if a shape function fails
 * on a graph the file got wrong (a bug that check must fix, not a reason to
 * lose the import), the weights are kept unverified and the caller's own
 * checkGraph run surfaces the failure.
 */
function checkQuietly(document: GraphDocument): CheckResult | undefined {
  try {
    return checkGraph(document);
  } catch {
    return undefined;
  }
}

function locateModel(json: unknown, ctx: ModelImportContext): ModelFile | undefined {
  const { fileName } = ctx;
  let root = json;
  if (typeof root === 'string') {
    try {
      root = JSON.parse(root);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.diagnostics.push(diagnostics.notAModel(fileName, say(`is not valid JSON (${reason})`, `不是有效的 JSON（${reason}）`)));
      return undefined;
    }
  }
  if (!isJsonObject(root)) {
    const got = describeJson(root);
    ctx.diagnostics.push(
      diagnostics.notAModel(fileName, say(`expected a JSON object holding a Keras model or a tfjs model.json, got ${got.en}`, `应为包含 Keras 模型或 tfjs model.json 的 JSON 对象，实际为 ${got.zh}`)),
    );
    return undefined;
  }

  if ('format' in root || 'modelTopology' in root) {
    if (root.format !== undefined && root.format !== 'layers-model') {
      const format = describeJson(root.format);
      const message =
        root.format === 'graph-model'
          ? say(
              'is a tfjs graph model (a frozen TensorFlow graph); Layerwire imports layers models (format "layers-model"), such as tfjs model.save() or the Keras converter writes',
              '是 tfjs 图模型（冻结的 TensorFlow 计算图）；Layerwire 只导入层模型（format 为 "layers-model"），即 tfjs 的 model.save() 或 Keras 转换器写出的文件',
            )
          : say(
              `has format ${format.en}; Layerwire imports tfjs layers models (format "layers-model") and Keras model JSON`,
              `的格式为 ${format.zh}；Layerwire 只导入 tfjs 层模型（format 为 "layers-model"）和 Keras 模型 JSON`,
            );
      ctx.diagnostics.push(diagnostics.unsupportedFormat(fileName, 'format', message));
      return undefined;
    }
    const topology = parseIfString(root.modelTopology);
    if (!isJsonObject(topology)) {
      const got = describeJson(root.modelTopology);
      ctx.diagnostics.push(diagnostics.badModelField(fileName, 'modelTopology', say(`expected the model topology object, got ${got.en}`, `应为模型拓扑对象，实际为 ${got.zh}`)));
      return undefined;
    }
    const nested = 'model_config' in topology;
    const model = modelIn(nested ? parseIfString(topology.model_config) : topology, nested ? 'modelTopology.model_config' : 'modelTopology', ctx);
    if (!model) return undefined;
    const training =
      root.trainingConfig !== undefined
        ? { value: root.trainingConfig, path: 'trainingConfig' }
        : topology.training_config !== undefined
          ? { value: parseIfString(topology.training_config), path: 'modelTopology.training_config' }
          : undefined;
    return { ...model, training, weightsManifest: root.weightsManifest === undefined ? undefined : { value: root.weightsManifest, path: 'weightsManifest' } };
  }
  if ('model_config' in root) {
    const model = modelIn(parseIfString(root.model_config), 'model_config', ctx);
    if (!model) return undefined;
    return { ...model, training: root.training_config === undefined ? undefined : { value: parseIfString(root.training_config), path: 'training_config' } };
  }
  if ('class_name' in root) {
    const model = modelIn(root, '', ctx);
    if (!model) return undefined;
    const key = 'training_config' in root ? 'training_config' : 'compile_config' in root ? 'compile_config' : undefined;
    return { ...model, training: key ? { value: root[key], path: key } : undefined };
  }
  const fields = Object.keys(root).slice(0, 8).join(', ');
  ctx.diagnostics.push(
    diagnostics.notAModel(
      fileName,
      say(
        `is neither a Keras model JSON ({class_name, config}) nor a tfjs model.json ({format: "layers-model", modelTopology, weightsManifest}); it has fields ${fields || 'none'}`,
        `既不是 Keras 模型 JSON（{class_name, config}），也不是 tfjs model.json（{format: "layers-model", modelTopology, weightsManifest}）；它的字段为 ${fields || '（无）'}`,
      ),
    ),
  );
  return undefined;
}

function modelIn(value: unknown, path: string, ctx: ModelImportContext): Pick<ModelFile, 'topology' | 'topologyPath'> | undefined {
  if (!isJsonObject(value)) {
    const got = describeJson(value);
    ctx.diagnostics.push(diagnostics.badModelField(ctx.fileName, path || '(document)', say(`expected a Keras model {class_name, config}, got ${got.en}`, `应为 Keras 模型 {class_name, config}，实际为 ${got.zh}`)));
    return undefined;
  }
  if (!isModelEntry(value)) {
    const what = typeof value.class_name === 'string' ? say(`a ${value.class_name}`, value.class_name) : describeJson(value.class_name);
    ctx.diagnostics.push(
      diagnostics.unsupportedFormat(
        ctx.fileName,
        field(path, 'class_name'),
        say(
          `describes ${what.en}, not a model; Layerwire imports Sequential and functional (Model / Functional) models`,
          `描述的是 ${what.zh}，不是模型；Layerwire 只导入 Sequential 模型和函数式（Model / Functional）模型`,
        ),
      ),
    );
    return undefined;
  }
  return { topology: value, topologyPath: path };
}

/** Keras HDF5 attributes and some converters store nested JSON as a string. */
function parseIfString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

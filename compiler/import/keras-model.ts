import type { z } from 'zod';
import type { BlockDefinition, Edge, GraphNode, PortRef } from '../../schemas/graph';
import { diagnostics, say } from '../diagnostics';
import { outputPorts, type AnyLayerDefinition } from '../layers/definition';
import { findLayer } from '../layers/registry';
import { describeParamIssues } from '../param-issues';
import { BLOCK_TYPE } from '../resolve';
import { droppedFieldsThatMatter, kerasConfigToParams, kerasDtype, toCamelCase } from './keras-config';
import { readCalls, readModelTensors, type LayerCall, type TensorRef } from './keras-tensors';
import { describeJson, field, isJsonObject, type ImportContext, type JsonObject } from './import-context';
import { layOutLeftToRight } from './layout';

/** Where a layer's weights go, and how to name it in messages: one per imported layer that can hold weights. */
export interface WeightSite {
  node: GraphNode;
  layerName: string;
  className: string;
  /** Names of the nested models around the layer, outermost first; empty at the top level. */
  scope: string[];
  /** The id `checkGraph` reports the node under (`block/inner` inside blocks). */
  reportId: string;
  /** The top-level node the user sees: the node itself, or the Block node around it. */
  topNodeId: string;
  path: string;
}

/** A Keras model read into one graph body: the document itself or a block. */
export interface ImportedGraph {
  name: string;
  nodes: GraphNode[];
  edges: Edge[];
  /** Input node ids in call order. */
  inputs: string[];
  outputs: PortRef[];
}

export interface ModelImportContext extends ImportContext {
  blocks: Record<string, BlockDefinition>;
  sites: WeightSite[];
}

interface Scope {
  names: string[];
  reportPrefix: string;
  topNodeId?: string;
}

/** Class names older Keras versions (or aliases) write for kinds the registry knows by another name. */
const CLASS_ALIASES: Record<string, string> = {
  InputLayer: 'Input',
  Convolution1D: 'Conv1D',
  Convolution2D: 'Conv2D',
  Convolution3D: 'Conv3D',
  MaxPool1D: 'MaxPooling1D',
  MaxPool2D: 'MaxPooling2D',
  MaxPool3D: 'MaxPooling3D',
  AvgPool1D: 'AveragePooling1D',
  AvgPool2D: 'AveragePooling2D',
  AvgPool3D: 'AveragePooling3D',
  GlobalAvgPool1D: 'GlobalAveragePooling1D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
  GlobalMaxPool1D: 'GlobalMaxPooling1D',
  GlobalMaxPool2D: 'GlobalMaxPooling2D',
};

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

export function isModelEntry(entry: JsonObject): boolean {
  const config = entry.config;
  return (typeof entry.class_name === 'string' && MODEL_CLASSES.has(entry.class_name)) || Array.isArray(config) || (isJsonObject(config) && Array.isArray(config.layers));
}

/**
 * A Keras model (`{class_name, config}` of a Sequential or functional model,
 * Keras 2, Keras 3 or tfjs) → one graph body. Nested models become blocks in
 * `ctx.blocks`. Every problem becomes a diagnostic; only a model whose layer
 * list cannot be found at all gives `undefined`.
 */
export function readKerasModel(entry: JsonObject, path: string, ctx: ModelImportContext, scope: Scope = { names: [], reportPrefix: '' }): ImportedGraph | undefined {
  const config = entry.config;
  const layers = Array.isArray(config) ? config : isJsonObject(config) ? config.layers : undefined;
  const layersPath = Array.isArray(config) ? field(path, 'config') : field(field(path, 'config'), 'layers');
  if (!Array.isArray(layers)) {
    const got = describeJson(layers);
    ctx.diagnostics.push(diagnostics.badModelField(ctx.fileName, layersPath, say(`expected the model's list of layers, got ${got.en}`, `应为模型的层列表，实际为 ${got.zh}`)));
    return undefined;
  }
  const modelConfig: JsonObject = isJsonObject(config) ? config : {};
  const name = typeof modelConfig.name === 'string' && modelConfig.name ? modelConfig.name : typeof entry.name === 'string' && entry.name ? entry.name : 'model';
  const functional = entry.class_name === 'Functional' || entry.class_name === 'Model' || (entry.class_name !== 'Sequential' && 'input_layers' in modelConfig);
  const reader = new GraphReader(ctx, scope, name);
  const graph = functional ? reader.readFunctional(layers, layersPath, modelConfig, path) : reader.readSequential(layers, layersPath, modelConfig);
  layOutLeftToRight(graph);
  return graph;
}

/** What later layers need to know about an imported layer to wire to it. */
interface LayerInfo {
  node: GraphNode;
  className: string;
  path: string;
  calls: LayerCall[];
  /** Output ports in tensor index order; an opaque layer's are open-ended (`out`, `out1`, …). */
  outputPorts: string[] | 'open';
  /** Input ports for a call with `count` inputs, and how many inputs the layer takes at most. */
  inputPorts: (count: number) => { max: number; ports: string[] };
}

function outputPortAt(layer: LayerInfo, index: number): string | undefined {
  if (layer.outputPorts === 'open') return index === 0 ? 'out' : `out${index}`;
  return layer.outputPorts[index];
}

const NO_INPUTS = () => ({ max: 0, ports: [] });

class GraphReader {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: Edge[] = [];
  private readonly layers = new Map<string, LayerInfo>();
  /** A layer called more than once: one node per call, the first being the layer's own node. */
  private readonly callNodes = new Map<string, GraphNode[]>();
  /** Layers that are models themselves: the files number their calls from 0 or from 1, see `numberCalls`. */
  private readonly nestedModels = new Set<string>();
  /** Per shared nested model: the number the file gives its first call. */
  private readonly firstCallNumber = new Map<string, number>();

  constructor(
    private readonly ctx: ModelImportContext,
    private readonly scope: Scope,
    private readonly modelName: string,
  ) {}

  readSequential(entries: unknown[], path: string, config: JsonObject): ImportedGraph {
    const layers = entries.map((raw, index) => this.readLayer(raw, field(path, index), index)).filter((l) => l !== undefined);
    let input = layers[0]?.className === 'InputLayer' ? layers.shift()! : undefined;
    if (!input) input = this.sequentialInput(entries, path, config, layers[0]);
    if (layers.length === 0) {
      this.ctx.diagnostics.push(diagnostics.badModelField(this.ctx.fileName, path, say(`Sequential model '${this.modelName}' has no layers`, `Sequential 模型 '${this.modelName}' 没有任何层`)));
    }
    let previous: PortRef = { node: input.node.id, port: 'out' };
    for (const layer of layers) {
      const port = layer.inputPorts(1).ports[0];
      if (port) this.edges.push({ from: previous, to: { node: layer.node.id, port } });
      previous = { node: layer.node.id, port: outputPortAt(layer, 0) ?? 'out' };
    }
    return { name: this.modelName, nodes: this.nodes, edges: this.edges, inputs: [input.node.id], outputs: layers.length ? [previous] : [] };
  }

  /** Keras and tfjs give a Sequential without an InputLayer an input named after its first layer. */
  private sequentialInput(entries: unknown[], path: string, config: JsonObject, first: LayerInfo | undefined): LayerInfo {
    const firstEntry = isJsonObject(entries[0]) ? entries[0] : {};
    const firstConfig = isJsonObject(firstEntry.config) ? firstEntry.config : {};
    const buildConfig = isJsonObject(firstEntry.build_config) ? firstEntry.build_config : {};
    const batchShape = [firstConfig.batch_input_shape, firstConfig.batch_shape, config.build_input_shape, buildConfig.input_shape].map(shapeList).find((s) => s !== undefined);
    const id = this.uniqueId(`${first?.node.id ?? this.modelName}_input`);
    if (!batchShape) {
      this.ctx.diagnostics.push(diagnostics.inputShapeUnknown(this.ctx.fileName, `Sequential model '${this.modelName}'`, path, this.scope.topNodeId ?? id));
    }
    const dtype = kerasDtype(firstConfig.dtype);
    const node: GraphNode = { id, type: 'Input', name: id, params: { shape: batchShape ? batchShape.slice(1) : [], dtype: isIntegerDtype(dtype) ? 'int32' : 'float32' }, position: { x: 0, y: 0 } };
    // Inputs come first, so that the document's node order is its input order.
    this.nodes.unshift(node);
    const info: LayerInfo = { node, className: 'InputLayer', path, calls: [], outputPorts: ['out'], inputPorts: NO_INPUTS };
    this.layers.set(id, info);
    return info;
  }

  readFunctional(entries: unknown[], path: string, config: JsonObject, modelPath: string): ImportedGraph {
    const layers = entries.map((raw, index) => this.readLayer(raw, field(path, index), index)).filter((l) => l !== undefined);
    const configPath = field(modelPath, 'config');
    for (const layer of layers) this.addCallNodes(layer);
    this.numberCalls(layers, config.output_layers);
    const inputs = this.modelEnds(config.input_layers, field(configPath, 'input_layers'), 'input');
    const outputs = this.modelEnds(config.output_layers, field(configPath, 'output_layers'), 'output');
    for (const layer of layers) layer.calls.forEach((call, index) => this.wireCall(layer, call, index));

    const inputIds = inputs.map((ref) => ref.node);
    // Inputs first, in the model's input order: the document takes its input order from node order.
    const inputNodes = inputIds.map((id) => this.layers.get(id)!.node);
    const rest = this.nodes.filter((n) => !inputIds.includes(n.id));
    this.nodes.splice(0, this.nodes.length, ...inputNodes, ...rest);
    return { name: this.modelName, nodes: this.nodes, edges: this.edges, inputs: inputIds, outputs };
  }

  private modelEnds(value: unknown, path: string, what: 'input' | 'output'): PortRef[] {
    const read = readModelTensors(value, path);
    if (!read.ok) {
      this.ctx.diagnostics.push(diagnostics.badModelField(this.ctx.fileName, read.path, read.message));
      return [];
    }
    const refs: PortRef[] = [];
    read.value.forEach((ref, index) => {
      const port = this.producerPort(ref, field(path, index), undefined);
      if (!port) return;
      if (what === 'input' && this.layers.get(ref.layer)?.className !== 'InputLayer') {
        this.ctx.diagnostics.push(diagnostics.badModelField(this.ctx.fileName, field(path, index), say(`model input '${ref.layer}' is not an InputLayer`, `模型输入 '${ref.layer}' 不是 InputLayer`)));
        return;
      }
      refs.push(port);
    });
    return refs;
  }

  /**
   * A layer that Keras calls several times (a shared layer, or a nested model used twice) becomes
   * one node per call: the first is the layer's own node, which keeps its name and weights; each
   * other call is a node `<name>_call<n>` of the same kind and params that shares its weights.
   */
  private addCallNodes(layer: LayerInfo): void {
    if (layer.calls.length < 2) return;
    const owner = layer.node;
    const nodes = [owner];
    for (let call = 1; call < layer.calls.length; call++) {
      const id = this.uniqueId(`${owner.id}_call${call + 1}`);
      const node: GraphNode = { id, type: owner.type, name: id, params: structuredClone(owner.params), position: { x: 0, y: 0 }, sharesWeightsWith: owner.id };
      if (owner.opaque) node.opaque = structuredClone(owner.opaque);
      nodes.push(node);
    }
    this.nodes.splice(this.nodes.indexOf(owner) + 1, 0, ...nodes.slice(1));
    this.callNodes.set(owner.id, nodes);
  }

  /**
   * Keras numbers a layer's calls within the model being read, from 0 — except a nested model's:
   * tfjs, Keras 2 (a model with an InputLayer) and Keras 3 (a Functional) count the model's own
   * first node, which links its inputs to its outputs, and number its calls from 1. Every call a
   * file keeps feeds something, so the lowest number any tensor reference uses is the first call's.
   */
  private numberCalls(layers: LayerInfo[], outputLayers: unknown): void {
    const lowest = new Map<string, number>();
    const see = (ref: TensorRef) => lowest.set(ref.layer, Math.min(ref.node, lowest.get(ref.layer) ?? Infinity));
    for (const layer of layers) for (const call of layer.calls) call.inputs.forEach(see);
    const outputs = readModelTensors(outputLayers, '');
    if (outputs.ok) outputs.value.forEach(see);
    for (const id of this.callNodes.keys()) {
      if (this.nestedModels.has(id) && lowest.get(id) === 1) this.firstCallNumber.set(id, 1);
    }
  }

  /** The node of the call a tensor reference numbers; a layer called once answers every number, as it always has. */
  private nodeOfCall(layer: LayerInfo, index: number): GraphNode | undefined {
    const calls = this.callNodes.get(layer.node.id);
    return calls ? calls[index - (this.firstCallNumber.get(layer.node.id) ?? 0)] : layer.node;
  }

  /** The port that carries a Keras tensor, or a diagnostic naming what is wrong with the reference. */
  private producerPort(ref: TensorRef, path: string, consumer: GraphNode | undefined): PortRef | undefined {
    const producer = this.layers.get(ref.layer);
    const where = consumer ? say(`layer '${consumer.id}' takes its input from`, `层 '${consumer.id}' 的输入来自`) : say('the model refers to', '模型引用了');
    if (!producer) {
      this.ctx.diagnostics.push(
        diagnostics.badModelField(this.ctx.fileName, path, say(`${where.en} layer '${ref.layer}', which is not in the model`, `${where.zh}层 '${ref.layer}'，但模型中没有这个层`), consumer && this.topId(consumer.id)),
      );
      return undefined;
    }
    const call = this.nodeOfCall(producer, ref.node);
    if (!call) {
      const first = this.firstCallNumber.get(producer.node.id) ?? 0;
      this.ctx.diagnostics.push(
        diagnostics.badModelField(
          this.ctx.fileName,
          path,
          say(
            `${where.en} call #${ref.node} of layer '${ref.layer}', whose ${producer.calls.length} calls are numbered ${first} to ${first + producer.calls.length - 1}`,
            `${where.zh}层 '${ref.layer}' 的第 #${ref.node} 次调用，但该层的 ${producer.calls.length} 次调用编号为 ${first} 到 ${first + producer.calls.length - 1}`,
          ),
          this.topId((consumer ?? producer.node).id),
        ),
      );
      return undefined;
    }
    const port = outputPortAt(producer, ref.tensor);
    if (port === undefined) {
      const ports = producer.outputPorts as string[];
      this.ctx.diagnostics.push(
        diagnostics.unsupportedCall(
          this.ctx.fileName,
          ref.layer,
          say(`has no output #${ref.tensor} (it has ${ports.length}: ${ports.join(', ')})`, `没有第 #${ref.tensor} 个输出（它只有 ${ports.length} 个：${ports.join(', ')}）`),
          path,
          this.topId(producer.node.id),
        ),
      );
      return undefined;
    }
    return { node: call.id, port };
  }

  /** Wires call `index` of a layer to its node: that call's inputs, each to the port it feeds. */
  private wireCall(layer: LayerInfo, call: LayerCall, index: number): void {
    const node = this.callNodes.get(layer.node.id)?.[index] ?? layer.node;
    const callPath = field(field(layer.path, 'inbound_nodes'), index);
    const ports = layer.inputPorts(call.inputs.length);
    if (call.inputs.length > ports.max) {
      this.ctx.diagnostics.push(
        diagnostics.unsupportedCall(
          this.ctx.fileName,
          node.id,
          say(
            `is called with ${call.inputs.length} inputs but ${layer.node.type} takes ${ports.max}; the extra inputs are left out`,
            `被调用时传入了 ${call.inputs.length} 个输入，但 ${layer.node.type} 只接受 ${ports.max} 个；多出的输入未导入`,
          ),
          callPath,
          this.topId(node.id),
        ),
      );
    }
    if (call.keywordTensors.length) {
      this.ctx.diagnostics.push(
        diagnostics.unsupportedCall(
          this.ctx.fileName,
          node.id,
          say(
            `is given tensors as keyword arguments (${call.keywordTensors.join(', ')}), which Layerwire does not support yet; they are left out`,
            `以关键字参数传入了张量（${call.keywordTensors.join(', ')}），Layerwire 暂不支持这种方式；这些张量未导入`,
          ),
          callPath,
          this.topId(node.id),
        ),
      );
    }
    call.inputs.forEach((ref, input) => {
      const port = ports.ports[input];
      if (!port) return;
      const from = this.producerPort(ref, field(callPath, input), node);
      if (from) this.edges.push({ from, to: { node: node.id, port } });
    });
  }

  /** One entry of a model's `layers`: a node (or a Block node and its block), never dropped. */
  private readLayer(raw: unknown, path: string, index: number): LayerInfo | undefined {
    const { fileName } = this.ctx;
    if (!isJsonObject(raw) || typeof raw.class_name !== 'string') {
      const got = describeJson(isJsonObject(raw) ? raw.class_name : raw);
      this.ctx.diagnostics.push(
        diagnostics.badModelField(fileName, isJsonObject(raw) ? field(path, 'class_name') : path, say(`expected a layer {class_name, config}, got ${got.en}`, `应为一个层 {class_name, config}，实际为 ${got.zh}`)),
      );
      return undefined;
    }
    const className = raw.class_name;
    let config: JsonObject = {};
    if (isJsonObject(raw.config)) config = raw.config;
    else if (!(MODEL_CLASSES.has(className) && Array.isArray(raw.config))) {
      const got = describeJson(raw.config);
      this.ctx.diagnostics.push(diagnostics.badModelField(fileName, field(path, 'config'), say(`expected the layer's config object, got ${got.en}`, `应为层的 config 对象，实际为 ${got.zh}`)));
    }
    const id = this.uniqueId(this.layerName(raw, config, className, path, index), path);

    const calls = readCalls(raw.inbound_nodes, field(path, 'inbound_nodes'));
    if (!calls.ok) this.ctx.diagnostics.push(diagnostics.badModelField(fileName, calls.path, calls.message, this.topId(id)));
    if (isModelEntry(raw)) this.nestedModels.add(id);
    const info = isModelEntry(raw) ? this.nestedModel(raw, id, path) : this.layerNode(className, config, id, path);
    info.calls = calls.ok ? calls.value : [];
    this.nodes.push(info.node);
    this.layers.set(id, info);
    return info;
  }

  private layerName(raw: JsonObject, config: JsonObject, className: string, path: string, index: number): string {
    const name = raw.name ?? config.name;
    if (typeof name === 'string' && name.length > 0 && name.length <= 200) return name;
    if (name !== undefined && name !== null) {
      const got = describeJson(name);
      const fallback = `${className.toLowerCase()}_${index}`;
      this.ctx.diagnostics.push(
        diagnostics.badModelField(
          this.ctx.fileName,
          field(path, 'name'),
          say(`expected a layer name of 1 to 200 characters, got ${got.en}; it is imported as '${fallback}'`, `应为 1 到 200 个字符的层名，实际为 ${got.zh}；该层以 '${fallback}' 的名称导入`),
        ),
      );
    }
    return `${className.toLowerCase()}_${index}`;
  }

  /** Keras names layers uniquely; a file that does not is told so and the copy is renamed. */
  private uniqueId(name: string, path?: string): string {
    if (!this.layers.has(name) && !this.nodes.some((n) => n.id === name)) return name;
    let n = 2;
    while (this.layers.has(`${name}_${n}`) || this.nodes.some((node) => node.id === `${name}_${n}`)) n++;
    const renamed = `${name}_${n}`;
    if (path) {
      const message = say(
        `layer name '${name}' is used twice in model '${this.modelName}'; the second is imported as '${renamed}'`,
        `层名 '${name}' 在模型 '${this.modelName}' 中被使用了两次；第二个以 '${renamed}' 的名称导入`,
      );
      this.ctx.diagnostics.push(diagnostics.badModelField(this.ctx.fileName, field(path, 'name'), message, this.topId(renamed)));
    }
    return renamed;
  }

  private topId(id: string): string {
    return this.scope.topNodeId ?? id;
  }

  private nestedModel(raw: JsonObject, id: string, path: string): LayerInfo {
    const sitesBefore = this.ctx.sites.length;
    const inner = readKerasModel(raw, path, this.ctx, {
      names: [...this.scope.names, id],
      reportPrefix: `${this.scope.reportPrefix}${id}/`,
      topNodeId: this.topId(id),
    });
    const keepVerbatim = () => {
      this.ctx.sites.length = sitesBefore; // its inner layers are not in the document: their weights go to the opaque node
      return this.opaqueNode(String(raw.class_name), isJsonObject(raw.config) ? raw.config : { layers: raw.config }, id, path, { announce: false });
    };
    if (!inner) return keepVerbatim(); // LW403 said why
    if (inner.outputs.length === 0) {
      const message = say(
        `nested model '${id}' has no outputs, so it cannot become a block; it is kept with its Keras config`,
        `嵌套模型 '${id}' 没有输出，无法成为块；它会连同 Keras 配置一起保留`,
      );
      this.ctx.diagnostics.push(diagnostics.badModelField(this.ctx.fileName, field(path, 'config'), message, this.topId(id)));
      return keepVerbatim();
    }
    let key = id;
    for (let n = 2; key in this.ctx.blocks; n++) key = `${id}_${n}`;
    this.ctx.blocks[key] = { name: inner.name, nodes: inner.nodes, edges: inner.edges, inputs: inner.inputs, outputs: inner.outputs };
    const node: GraphNode = { id, type: BLOCK_TYPE, name: id, params: { block: key }, position: { x: 0, y: 0 } };
    const outputs = inner.outputs.length === 1 ? ['out'] : inner.outputs.map((_, i) => `out${i}`);
    const inputs = inner.inputs.length === 1 ? ['in'] : inner.inputs.map((_, i) => `in${i}`);
    return { node, className: String(raw.class_name), path, calls: [], outputPorts: outputs, inputPorts: () => ({ max: inputs.length, ports: inputs }) };
  }

  private layerNode(className: string, rawConfig: JsonObject, id: string, path: string): LayerInfo {
    const config = normalizeConfig(className, rawConfig);
    const definition = findLayer(CLASS_ALIASES[className] ?? className);
    if (!definition) return this.opaqueNode(className, rawConfig, id, path);

    const node: GraphNode = { id, type: definition.kind, name: id, params: {}, position: { x: 0, y: 0 } };
    if (definition.kind === 'Input' && shapeList(config.batch_input_shape ?? config.batch_shape ?? config.shape) === undefined) {
      this.ctx.diagnostics.push(diagnostics.inputShapeUnknown(this.ctx.fileName, `InputLayer '${id}'`, field(path, 'config'), this.topId(id)));
      node.params = { shape: [], dtype: config.dtype === 'int32' ? 'int32' : 'float32' };
      return { node, className, path, calls: [], outputPorts: ['out'], inputPorts: NO_INPUTS };
    }
    const parsed = this.layerParams(definition, className, config, id, path);
    node.params = parsed.params;
    if (definition.kind !== 'Input') this.addSite(node, className, path);
    let ports = ['out'];
    try {
      ports = outputPorts(definition, parsed.valid ?? parsed.params);
    } catch {
      // params too broken to name the outputs: LW407 already says why
    }
    return { node, className, path, calls: [], outputPorts: ports, inputPorts: (count) => declaredInputPorts(definition, count) };
  }

  /** kerasConfigToParams, then the kind's own schema: initializers it cannot express fall back to defaults, other misfits are reported. */
  private layerParams(definition: AnyLayerDefinition, className: string, config: JsonObject, id: string, path: string): { params: Record<string, unknown>; valid?: Record<string, unknown> } {
    const { params, ignored } = kerasConfigToParams(definition, config);
    const dropped = droppedFieldsThatMatter(config, ignored);
    if (config.trainable === false) dropped.push('trainable: false');

    const schema: z.ZodObject = definition.params;
    let result = schema.safeParse(params);
    if (!result.success) {
      // An initializer only matters when training from scratch; an unknown one falls back to the kind's default.
      const initializers = [...new Set(result.error.issues.map((i) => String(i.path[0] ?? '')).filter((k) => k.endsWith('Initializer')))];
      for (const key of initializers) {
        const original = config[pythonKey(config, key)];
        // The initializer's name is JSON, the same in every language.
        dropped.push(`${pythonKey(config, key)} ${describeJson(isJsonObject(original) ? original.class_name : original).en}`);
        delete params[key];
      }
      if (initializers.length) result = schema.safeParse(params);
    }
    if (dropped.length) this.ctx.diagnostics.push(diagnostics.droppedLayerFields(this.ctx.fileName, id, className, dropped, field(path, 'config'), this.topId(id)));
    if (result.success) return { params, valid: result.data };
    for (const issue of describeParamIssues(result.error.issues, params)) {
      const top = issue.path.split(/[.[]/)[0]!;
      const keyPath = issue.path === '(document)' ? field(path, 'config') : field(field(path, 'config'), pythonKey(config, top)) + issue.path.slice(top.length);
      this.ctx.diagnostics.push(diagnostics.badLayerConfig(this.ctx.fileName, id, className, keyPath, issue.text, this.topId(id)));
    }
    return { params };
  }

  /** A layer kept verbatim: its class as the node type, its Keras config untouched. */
  private opaqueNode(className: string, config: JsonObject, id: string, path: string, options = { announce: true }): LayerInfo {
    const node: GraphNode = { id, type: className, name: id, params: {}, position: { x: 0, y: 0 }, opaque: { className, config } };
    if (options.announce) this.ctx.diagnostics.push(diagnostics.unknownLayerClass(this.ctx.fileName, id, className, path, this.topId(id)));
    this.addSite(node, className, path);
    return {
      node,
      className,
      path,
      calls: [],
      outputPorts: 'open',
      inputPorts: (count) => ({ max: Infinity, ports: count === 1 ? ['in'] : Array.from({ length: count }, (_, i) => `in${i}`) }),
    };
  }

  private addSite(node: GraphNode, className: string, path: string): void {
    this.ctx.sites.push({ node, layerName: node.id, className, scope: this.scope.names, reportId: `${this.scope.reportPrefix}${node.id}`, topNodeId: this.topId(node.id), path });
  }
}

/** A merge layer takes `in0…`; a fixed layer its declared ports, no more. */
function declaredInputPorts(definition: AnyLayerDefinition, count: number): { max: number; ports: string[] } {
  if (definition.inputs.kind === 'variadic') {
    return { max: Infinity, ports: Array.from({ length: count }, (_, i) => `in${i}`) };
  }
  const ports = definition.inputs.ports.map((p) => p.name);
  return { max: ports.length, ports };
}

/** The Keras spelling of a camel-cased param, as the config wrote it. */
function pythonKey(config: JsonObject, camel: string): string {
  return Object.keys(config).find((k) => toCamelCase(k) === camel) ?? camel;
}

/** `[null, 28, 28, 1]`, also from the `{class_name: "TensorShape", items}` of Keras SavedModel metadata. */
function shapeList(value: unknown): (number | null)[] | undefined {
  if (isJsonObject(value) && Array.isArray(value.items)) return shapeList(value.items);
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 0)) ? (value as (number | null)[]) : undefined;
}

function isIntegerDtype(dtype: string | undefined): boolean {
  return dtype !== undefined && /^u?int\d*$/.test(dtype);
}

/** Keras 2 / 3 / tfjs spellings → one: dtype strings, plain shape lists, integer inputs as int32. */
function normalizeConfig(className: string, config: JsonObject): JsonObject {
  const out: JsonObject = { ...config };
  const dtype = kerasDtype(config.dtype);
  if (dtype !== undefined) out.dtype = dtype;
  for (const key of ['batch_input_shape', 'batch_shape']) {
    if (key in config) out[key] = shapeList(config[key]) ?? config[key];
  }
  if (className === 'InputLayer' && dtype !== undefined) out.dtype = isIntegerDtype(dtype) ? 'int32' : 'float32';
  return out;
}

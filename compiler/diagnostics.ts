import type { Shape } from '../schemas/shape';
import { formatShape } from './shapes';

export type Severity = 'error' | 'warning';
export type Phase = 'parse' | 'resolve' | 'check' | 'emit' | 'import';

/** The languages a diagnostic is written in; English is the one every tool reads. */
export type DiagnosticLocale = 'en' | 'zh-CN';

/** One text in both languages, written together at the place that knows what it means. */
export interface Text {
  en: string;
  zh: string;
}

/** `say('needs a rank-2 input', '需要 2 阶输入')`: the two texts of one message. */
export const say = (en: string, zh: string): Text => ({ en, zh });

/** A change the editor can apply for the user. */
export type Fix =
  | {
      kind: 'insert-node';
      title: string;
      /** Insert a node of `type` on the edge that feeds `before.node`'s `before.port`. */
      before: { node: string; port: string };
      type: string;
      params: Record<string, unknown>;
    }
  | { kind: 'set-param'; title: string; node: string; param: string; value: unknown }
  | { kind: 'rename'; title: string; node: string; name: string };

/** A fix as the compiler writes it: `title` in English, `titleZh` in Chinese; the diagnostic files the Chinese under its translation. */
export type FixDraft = Fix & { titleZh: string };

export interface RelatedLocation {
  nodeId: string;
  message: string;
}

/** What a diagnostic says in another language; English stays in the diagnostic's own fields. */
export interface DiagnosticTranslation {
  message: string;
  /** The fix's title, when there is a fix. */
  fixTitle?: string;
  /** One per `related` location, in the same order. */
  related?: string[];
}

/** Plain data, like TypeScript's Diagnostic: the checker never throws for a user's mistake. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  phase: Phase;
  /** English: what the CLI, `--json` and tests read. */
  message: string;
  nodeId?: string;
  port?: string;
  /** JSON path of the offending field, e.g. `nodes[3].params.kernelSize`. */
  path?: string;
  related?: RelatedLocation[];
  fix?: Fix;
  /** The same diagnostic in the editor's other languages; every catalog entry fills it. */
  translations?: { 'zh-CN': DiagnosticTranslation };
}

interface Located {
  nodeId?: string;
  port?: string;
  path?: string;
  related?: { nodeId: string; message: Text }[];
  /** A plain Fix (from code outside the compiler that writes only English) gets a Chinese frame around its English title. */
  fix?: Fix | FixDraft;
}

function make(code: string, severity: Severity, phase: Phase, text: Text, where: Located = {}): Diagnostic {
  const { related, fix: draft, ...location } = where;
  const diagnostic: Diagnostic = { code, severity, phase, message: text.en, ...location };
  const zh: DiagnosticTranslation = { message: text.zh };
  if (related) {
    diagnostic.related = related.map((r) => ({ nodeId: r.nodeId, message: r.message.en }));
    zh.related = related.map((r) => r.message.zh);
  }
  if (draft) {
    const { titleZh, ...fix } = draft as FixDraft;
    diagnostic.fix = fix as Fix;
    zh.fixTitle = titleZh ?? `应用修复：${fix.title}`;
  }
  diagnostic.translations = { 'zh-CN': zh };
  return diagnostic;
}

/** What localizing needs of a diagnostic: views (a node's problem list) may keep only these fields. */
export type LocalizableDiagnostic = Pick<Diagnostic, 'message'> & Partial<Pick<Diagnostic, 'fix' | 'related' | 'translations'>>;

/** The diagnostic as a person reading `locale` sees it; English wherever a translation is missing. */
export function localizeDiagnostic(d: LocalizableDiagnostic, locale: DiagnosticLocale): { message: string; fixTitle?: string; related: string[] } {
  const english = { message: d.message, fixTitle: d.fix?.title, related: (d.related ?? []).map((r) => r.message) };
  if (locale === 'en') return english;
  const translation = d.translations?.[locale];
  if (!translation) return english;
  return {
    message: translation.message || english.message,
    fixTitle: d.fix ? translation.fixTitle || english.fixTitle : undefined,
    related: english.related.map((message, i) => translation.related?.[i] || message),
  };
}

/**
 * A free text from code that writes only English (importers, emitters, the dataset check):
 * the Chinese frame says what kind of problem it is and quotes the English detail.
 */
type Detail = Text | string;
const detail = (message: Detail, frameZh: (english: string) => string): Text =>
  typeof message === 'string' ? say(message, frameZh(message)) : message;

const quote = (name: string) => `'${name}'`;
const list = (names: string[]) => names.map(quote).join(', ');

/**
 * The catalog: every diagnostic Layerwire reports, keyed by a stable code.
 * Codes never change meaning; retired codes are not reused.
 */
export const diagnostics = {
  // resolve (LW1xx)
  duplicateNodeId: (id: string, path: string) =>
    make('LW101', 'error', 'resolve', say(`Two nodes share the id ${quote(id)}; ids must be unique`, `两个节点使用了同一个 id ${quote(id)}；id 必须唯一`), { nodeId: id, path }),
  duplicateName: (name: string, nodeId: string, otherId: string) =>
    make(
      'LW102',
      'error',
      'resolve',
      say(
        `Layer name ${quote(name)} is used by two nodes; tfjs needs unique layer names — rename one`,
        `层名 ${quote(name)} 被两个节点同时使用；tfjs 要求层名唯一，请重命名其中一个`,
      ),
      { nodeId, path: undefined, related: [{ nodeId: otherId, message: say(`also named ${quote(name)}`, `同样名为 ${quote(name)}`) }] },
    ),
  unknownLayerType: (type: string, nodeId: string, path: string) =>
    make(
      'LW103',
      'error',
      'resolve',
      say(
        `Unknown layer type ${quote(type)}: Layerwire keeps this node but cannot check or compile it`,
        `未知的层类型 ${quote(type)}：Layerwire 会保留该节点，但无法检查或编译它`,
      ),
      { nodeId, path },
    ),
  danglingEdge: (end: 'from' | 'to', missingNode: string, path: string) =>
    make(
      'LW104',
      'error',
      'resolve',
      say(
        `Edge ${end === 'from' ? 'comes from' : 'goes to'} node ${quote(missingNode)}, which does not exist`,
        `连线的${end === 'from' ? '起点' : '终点'}是节点 ${quote(missingNode)}，但该节点不存在`,
      ),
      { path },
    ),
  unknownPort: (nodeId: string, label: string, port: string, available: string[], path: string) =>
    make(
      'LW105',
      'error',
      'resolve',
      say(
        `${label} has no port ${quote(port)}${available.length ? ` (it has ${list(available)})` : ''}`,
        `${label} 没有端口 ${quote(port)}${available.length ? `（它的端口有 ${list(available)}）` : ''}`,
      ),
      { nodeId, port, path },
    ),
  portHasTwoInputs: (nodeId: string, label: string, port: string, sources: string[]) =>
    make(
      'LW106',
      'error',
      'resolve',
      say(
        `${label}'s input ${quote(port)} is wired to ${sources.length} outputs (${list(sources)}); an input takes exactly one — use a merge layer such as Add or Concatenate`,
        `${label} 的输入 ${quote(port)} 连接了 ${sources.length} 个输出（${list(sources)}）；一个输入只能接一个输出，请使用 Add 或 Concatenate 等合并层`,
      ),
      { nodeId, port },
    ),
  missingInput: (nodeId: string, label: string, port: string) =>
    make('LW107', 'error', 'resolve', say(`${label}'s input ${quote(port)} is not connected`, `${label} 的输入 ${quote(port)} 未连接`), { nodeId, port }),
  tooFewInputs: (nodeId: string, label: string, min: number, got: number) =>
    make('LW108', 'error', 'resolve', say(`${label} merges at least ${min} inputs but has ${got}`, `${label} 至少需要合并 ${min} 个输入，但只有 ${got} 个`), { nodeId }),
  cycle: (nodeIds: string[], labels: string[]) =>
    make(
      'LW109',
      'error',
      'resolve',
      say(
        `These layers form a cycle: ${labels.join(' → ')} → ${labels[0]}; a model must flow one way`,
        `这些层构成了环：${labels.join(' → ')} → ${labels[0]}；模型的数据流必须是单向的`,
      ),
      { nodeId: nodeIds[0], related: nodeIds.slice(1).map((id) => ({ nodeId: id, message: say('part of the cycle', '环的一部分') })) },
    ),
  noInputs: () =>
    make('LW110', 'error', 'resolve', say('The model has no Input layer; add one to say what shape the data has', '模型没有 Input 层；请添加一个 Input 层来声明数据的形状')),
  noOutputs: () =>
    make('LW111', 'error', 'resolve', say('The model has no output: every layer output feeds another layer', '模型没有输出：每个层的输出都接入了另一个层')),
  unusedInput: (nodeId: string, label: string) =>
    make('LW112', 'warning', 'resolve', say(`${label} is not connected to anything`, `${label} 没有连接到任何层`), { nodeId }),
  unknownOutput: (nodeId: string, path: string) =>
    make('LW113', 'error', 'resolve', say(`Model output refers to node ${quote(nodeId)}, which does not exist`, `模型输出引用了节点 ${quote(nodeId)}，但该节点不存在`), { path }),
  unknownBlock: (nodeId: string, label: string, block: string) =>
    make(
      'LW114',
      'error',
      'resolve',
      say(`${label} uses block ${quote(block)}, which is not defined in this document`, `${label} 使用了模块 ${quote(block)}，但本文档中没有定义该模块`),
      { nodeId },
    ),
  recursiveBlock: (nodeId: string, label: string, block: string) =>
    make(
      'LW115',
      'error',
      'resolve',
      say(`${label} uses block ${quote(block)} inside itself; blocks cannot contain themselves`, `${label} 在模块 ${quote(block)} 内部又使用了它自己；模块不能包含自身`),
      { nodeId },
    ),
  duplicateEdge: (path: string, nodeId: string, port: string) =>
    make('LW116', 'warning', 'resolve', say(`This edge appears twice; the copy is ignored`, `这条连线出现了两次；重复的一条已被忽略`), { path, nodeId, port }),
  invalidLayerName: (nodeId: string, name: string, path: string, suggestion: string) =>
    make(
      'LW117',
      'error',
      'resolve',
      say(
        `Layer name ${quote(name)} cannot be used by tfjs: a name starts with a letter or digit and holds only letters, digits and - _ . /`,
        `层名 ${quote(name)} 无法用于 tfjs：层名必须以字母或数字开头，且只能包含字母、数字和 - _ . /`,
      ),
      { nodeId, path, fix: { kind: 'rename', title: `Rename to ${quote(suggestion)}`, titleZh: `重命名为 ${quote(suggestion)}`, node: nodeId, name: suggestion } },
    ),
  sharedTargetMissing: (nodeId: string, label: string, target: string, path: string) =>
    make(
      'LW118',
      'error',
      'resolve',
      say(
        `${label} shares weights with node ${quote(target)}, which does not exist here; sharesWeightsWith names a node of the same graph (inside a block: of the same block)`,
        `${label} 与节点 ${quote(target)} 共享权重，但这里不存在该节点；sharesWeightsWith 必须指向同一个图中的节点（在模块内部则是同一个模块中的节点）`,
      ),
      { nodeId, path },
    ),
  sharedTargetMismatch: (nodeId: string, label: string, target: string, difference: Text, path: string) =>
    make(
      'LW119',
      'error',
      'resolve',
      say(
        `${label} shares weights with ${difference.en}; a shared layer is the same layer at every call — give both nodes the same kind or stop sharing`,
        `${label} 与 ${difference.zh}；共享的层在每次调用时都是同一个层，请让两个节点使用同一种层，或取消共享`,
      ),
      { nodeId, path, related: [{ nodeId: target, message: say('the layer it shares', '被共享的层') }] },
    ),
  sharedParamsDiffer: (nodeId: string, label: string, target: string, param: string, mine: string, theirs: string, path: string, fix?: FixDraft) =>
    make(
      'LW120',
      'error',
      'resolve',
      say(
        `${label} shares the layer ${quote(target)} but sets ${param} to ${mine} where ${quote(target)} has ${theirs}; a shared layer has one configuration — leave this node's params empty to use ${quote(target)}'s, or make them equal`,
        `${label} 共享了层 ${quote(target)}，但把 ${param} 设为 ${mine}，而 ${quote(target)} 的是 ${theirs}；共享的层只有一套配置，请清空此节点的参数以沿用 ${quote(target)} 的配置，或让两者相同`,
      ),
      { nodeId, path, related: [{ nodeId: target, message: say(`owns the shared layer; its ${param} is ${theirs}`, `拥有该共享层；其 ${param} 为 ${theirs}`) }], fix },
    ),
  sharedChain: (nodeId: string, label: string, message: Text, path: string, related: { nodeId: string; message: Text }[]) =>
    make('LW121', 'error', 'resolve', say(`${label} ${message.en}`, `${label} ${message.zh}`), { nodeId, path, related }),
  sharedInput: (nodeId: string, label: string, input: string | undefined, path: string) =>
    make(
      'LW122',
      'error',
      'resolve',
      input === undefined
        ? say(
            `${label} cannot share weights: an Input is not a layer and has none; wire the same Input to every layer that needs its data instead`,
            `${label} 不能共享权重：Input 不是层，没有权重；请把同一个 Input 连接到每个需要这份数据的层`,
          )
        : say(
            `${label} shares weights with Input ${quote(input)}, which is not a layer and has none; to feed the same data twice, wire ${quote(input)} to both layers`,
            `${label} 与 Input ${quote(input)} 共享权重，但 Input 不是层，没有权重；若要把同一份数据输入两次，请把 ${quote(input)} 同时连接到两个层`,
          ),
      { nodeId, path },
    ),
  weightsOnSharingNode: (nodeId: string, label: string, target: string, path: string) =>
    make(
      'LW123',
      'error',
      'resolve',
      say(
        `${label} carries weights but shares the layer ${quote(target)}, whose weights are the ones used; remove the weights from this node (they belong on ${quote(target)})`,
        `${label} 带有权重，但它共享了层 ${quote(target)}，实际使用的是后者的权重；请删除此节点上的权重（权重应放在 ${quote(target)} 上）`,
      ),
      { nodeId, path, related: [{ nodeId: target, message: say('owns the shared weights', '拥有共享的权重') }] },
    ),

  // check (LW2xx)
  badParam: (nodeId: string, path: string, message: Detail) => {
    const text = detail(message, (en) => `参数无效（${en}）`);
    return make('LW201', 'error', 'check', say(`${path}: ${text.en}`, `${path}：${text.zh}`), { nodeId, path });
  },
  rankMismatch: (nodeId: string, label: string, port: string, expected: Text, shape: Shape, fix?: FixDraft) =>
    make('LW202', 'error', 'check', say(`${label} needs ${expected.en} input but gets ${formatShape(shape)}`, `${label} 需要${expected.zh}输入，但实际输入为 ${formatShape(shape)}`), { nodeId, port, fix }),
  shapeError: (nodeId: string, message: Detail, where: Omit<Located, 'nodeId'> = {}) =>
    make('LW203', 'error', 'check', detail(message, (en) => `形状错误：${en}`), { nodeId, ...where }),
  shapeWarning: (nodeId: string, message: Detail, where: Omit<Located, 'nodeId'> = {}) =>
    make('LW204', 'warning', 'check', detail(message, (en) => `形状警告：${en}`), { nodeId, ...where }),
  lossShapeMismatch: (nodeId: string, message: Detail, fix?: Fix | FixDraft) =>
    make('LW205', 'error', 'check', detail(message, (en) => `损失函数与输出形状不匹配：${en}`), { nodeId, fix }),
  badTrainingConfig: (message: Detail, path: string, nodeId?: string) =>
    make('LW206', 'error', 'check', detail(message, (en) => `训练配置有误：${en}`), { path, nodeId }),
  sharedWeightsMismatch: (nodeId: string, message: Detail, target: string, targetMessage: Detail) =>
    make('LW207', 'error', 'check', detail(message, (en) => `共享权重不匹配：${en}`), {
      nodeId,
      related: [{ nodeId: target, message: detail(targetMessage, (en) => `共享权重的所有者：${en}`) }],
    }),
  datasetMismatch: (message: Text, nodeId?: string, fix?: FixDraft) => make('LW208', 'error', 'check', message, { path: 'training.dataset', nodeId, fix }),
  /** The model is over the document's budget; blamed on its heaviest node, the next heaviest as related locations. */
  overBudget: (what: 'weightMB' | 'megaflops', nodeId: string, message: Text, related: { nodeId: string; message: Text }[]) =>
    make('LW209', 'warning', 'check', message, { nodeId, path: `budget.${what}`, related }),

  // emit (LW3xx)
  notCompilable: (message: Text) => make('LW301', 'error', 'emit', message),

  // import (LW4xx): every message starts with the imported file's name; `path` is the field inside that file
  notAModel: (file: string, text: Text) => make('LW401', 'error', 'import', say(`${file}: ${text.en}`, `${file}：${text.zh}`), { path: '(document)' }),
  unsupportedFormat: (file: string, path: string, text: Text) => make('LW402', 'error', 'import', say(`${file}: ${text.en}`, `${file}：${text.zh}`), { path }),
  badModelField: (file: string, path: string, text: Text, nodeId?: string) =>
    make('LW403', 'error', 'import', say(`${file}: ${path}: ${text.en}`, `${file}：${path}：${text.zh}`), { path, nodeId }),
  unknownLayerClass: (file: string, layer: string, className: string, path: string, nodeId: string) =>
    make(
      'LW404',
      'warning',
      'import',
      say(
        `${file}: layer ${quote(layer)} is a ${className}, which Layerwire does not know; it is kept with its Keras config so nothing is lost, but it cannot be checked or compiled`,
        `${file}：层 ${quote(layer)} 是 ${className}，Layerwire 不认识这种层；它会连同 Keras 配置一起保留，不会丢失任何内容，但无法检查或编译`,
      ),
      { path, nodeId },
    ),
  droppedLayerFields: (file: string, layer: string, className: string, fields: string[], path: string, nodeId: string) =>
    make(
      'LW405',
      'warning',
      'import',
      say(
        `${file}: layer ${quote(layer)} (${className}): Layerwire does not keep ${fields.join(', ')}; the imported layer works without ${fields.length === 1 ? 'it' : 'them'}`,
        `${file}：层 ${quote(layer)}（${className}）：Layerwire 不保留 ${fields.join(', ')}；导入的层没有这些字段也能正常工作`,
      ),
      { path, nodeId },
    ),
  /** Retired: shared layers import as one node per call (`sharesWeightsWith`); LW406 is not reported any more and not reused. */
  sharedLayer: (file: string, layer: string, calls: number, path: string, nodeId: string) =>
    make(
      'LW406',
      'error',
      'import',
      say(
        `${file}: layer ${quote(layer)} is called ${calls} times (a shared layer); Layerwire does not support shared layers yet, so only its first call is imported and whatever used its other calls is left unconnected`,
        `${file}：层 ${quote(layer)} 被调用了 ${calls} 次（共享层）；Layerwire 暂不支持共享层，因此只导入第一次调用，用到其他调用的部分将保持未连接`,
      ),
      { path, nodeId },
    ),
  badLayerConfig: (file: string, layer: string, className: string, path: string, text: Text, nodeId: string) =>
    make('LW407', 'error', 'import', say(`${file}: layer ${quote(layer)} (${className}): ${path}: ${text.en}`, `${file}：层 ${quote(layer)}（${className}）：${path}：${text.zh}`), { path, nodeId }),
  /** `reason` is a Text when we wrote it, a plain string when the system did (ENOENT, EACCES…). */
  missingWeightFile: (file: string, weightFile: string, path: string, reason?: string | Text) =>
    make(
      'LW408',
      'error',
      'import',
      say(
        `${file}: weight file ${quote(weightFile)} (${path}) could not be read${reason ? ` (${typeof reason === 'string' ? reason : reason.en})` : ''}; the weights it holds are left out`,
        `${file}：无法读取权重文件 ${quote(weightFile)}（${path}）${reason ? `（${typeof reason === 'string' ? reason : reason.zh}）` : ''}；其中的权重未导入`,
      ),
      { path },
    ),
  truncatedWeightFile: (file: string, weightFiles: string[], got: number, needed: number, path: string, weights: string[]) =>
    make(
      'LW409',
      'error',
      'import',
      say(
        `${file}: weight file${weightFiles.length === 1 ? '' : 's'} ${list(weightFiles)} hold${weightFiles.length === 1 ? 's' : ''} ${got} bytes but ${path} needs ${needed}; is a file truncated? Its weights (${weights.slice(0, 6).join(', ')}${weights.length > 6 ? ', …' : ''}) are left out`,
        `${file}：权重文件 ${list(weightFiles)} 共有 ${got} 字节，但 ${path} 需要 ${needed} 字节；文件是否被截断了？其中的权重（${weights.slice(0, 6).join(', ')}${weights.length > 6 ? ', …' : ''}）未导入`,
      ),
      { path },
    ),
  quantizedWeights: (file: string, weights: string[]) =>
    make(
      'LW410',
      'warning',
      'import',
      say(
        `${file}: ${weights.length} weight${weights.length === 1 ? ' is' : 's are'} quantized (${weights.slice(0, 4).join(', ')}${weights.length > 4 ? ', …' : ''}); they are dequantized to float32, so their values are approximate`,
        `${file}：有 ${weights.length} 个权重经过量化（${weights.slice(0, 4).join(', ')}${weights.length > 4 ? ', …' : ''}）；它们已反量化为 float32，数值是近似值`,
      ),
      { path: 'weightsManifest' },
    ),
  /** `text` goes on from the weight's name: `is stored as string…` / `以 string 存储…`. */
  unsupportedWeight: (file: string, weight: string, text: Text, path: string) =>
    make('LW411', 'error', 'import', say(`${file}: weight ${quote(weight)} ${text.en}`, `${file}：权重 ${quote(weight)} ${text.zh}`), { path }),
  unmatchedWeights: (file: string, weights: string[]) =>
    make(
      'LW412',
      'warning',
      'import',
      say(
        `${file}: ${weights.length === 1 ? 'weight' : `${weights.length} weights`} ${weights.slice(0, 5).map(quote).join(', ')}${weights.length > 5 ? ', …' : ''} belong${weights.length === 1 ? 's' : ''} to no layer of the model and ${weights.length === 1 ? 'is' : 'are'} left out`,
        `${file}：${weights.length === 1 ? '权重' : `${weights.length} 个权重`} ${weights.slice(0, 5).map(quote).join(', ')}${weights.length > 5 ? ', …' : ''} 不属于模型中的任何层，未导入`,
      ),
      { path: 'weightsManifest' },
    ),
  /** `text` goes on from the layer's name, in both languages. */
  weightLayout: (file: string, layer: string, text: Text, path: string, nodeId: string) =>
    make('LW413', 'error', 'import', say(`${file}: layer ${quote(layer)} ${text.en}`, `${file}：层 ${quote(layer)} ${text.zh}`), { path, nodeId }),
  /** `text` goes on from the layer's name, in both languages. */
  unsupportedCall: (file: string, layer: string, text: Text, path: string, nodeId: string) =>
    make('LW414', 'error', 'import', say(`${file}: layer ${quote(layer)} ${text.en}`, `${file}：层 ${quote(layer)} ${text.zh}`), { path, nodeId }),
  trainingNotMapped: (file: string, path: string, text: Text) => make('LW415', 'warning', 'import', say(`${file}: ${path}: ${text.en}`, `${file}：${path}：${text.zh}`), { path }),
  inputShapeUnknown: (file: string, what: string, path: string, nodeId: string) =>
    make(
      'LW416',
      'error',
      'import',
      say(
        `${file}: cannot tell the input shape of ${what}: it has no batch_input_shape, batch_shape or build_input_shape; set the Input node's shape`,
        `${file}：无法确定 ${what} 的输入形状：它没有 batch_input_shape、batch_shape 或 build_input_shape；请设置 Input 节点的形状`,
      ),
      { path, nodeId },
    ),
  weightsNotRead: (file: string, files: number) =>
    make(
      'LW417',
      'warning',
      'import',
      say(
        `${file}: the weights manifest names ${files} weight file${files === 1 ? '' : 's'} but no way to read them was given; the model is imported without weights`,
        `${file}：权重清单列出了 ${files} 个权重文件，但没有提供读取它们的方式；模型将不带权重导入`,
      ),
      { path: 'weightsManifest' },
    ),
} as const;

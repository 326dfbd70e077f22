import type { CheckResult } from '../compiler/check';
import { diagnostics, say, type Diagnostic } from '../compiler/diagnostics';
import { formatShape } from '../compiler/shapes';
import type { Shape } from '../schemas/shape';
import type { Dataset } from './datasets/dataset';
import { DATASETS } from './datasets';

/** Which dataset array feeds each model input and labels each model output, in the model's own order. */
export interface DatasetBinding {
  inputs: string[];
  outputs: string[];
}

export type DatasetCheck = { ok: true; binding: DatasetBinding; diagnostics: [] } | { ok: false; diagnostics: Diagnostic[] };

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Does the dataset fit the checked model? Every model Input must accept the
 * dataset's samples (a number must match, a symbol such as `timesteps`
 * accepts any size) and every output must be [batch, classes] of its label
 * set. Inputs pair up by name where the names agree, else in order; outputs in
 * order. Each mismatch says what to change, with a fix the editor can apply.
 */
export function checkDataset(result: CheckResult, dataset: Dataset): DatasetCheck {
  const { graph } = result;
  const out: Diagnostic[] = [];
  const nameOf = (id: string) => graph.nodes.get(id)?.name ?? id;
  const shapeOf = (id: string, port = 'out'): Shape | undefined => result.byId.get(id)?.outputs.find((o) => o.port === port)?.shape;

  if (graph.inputs.length !== dataset.inputs.length || graph.outputs.length !== dataset.outputs.length) {
    const fitting = [...DATASETS.values()].filter((d) => d.inputs.length === graph.inputs.length && d.outputs.length === graph.outputs.length).map((d) => `'${d.name}'`);
    const given = `${dataset.inputs.map((i) => i.name).join(', ')}`;
    const labels = `${dataset.outputs.map((o) => o.name).join(', ')}`;
    const inputNames = graph.inputs.map(nameOf).join(', ');
    const outputNames = graph.outputs.map((o) => nameOf(o.node)).join(', ');
    out.push(
      diagnostics.datasetMismatch(
        say(
          `dataset '${dataset.name}' gives ${plural(dataset.inputs.length, 'input')} (${given}) and ${plural(dataset.outputs.length, 'label set')} (${labels}), ` +
            `but the model has ${plural(graph.inputs.length, 'Input')} (${inputNames}) and ${plural(graph.outputs.length, 'output')} (${outputNames}); ` +
            (fitting.length ? `pick a dataset that fits: ${fitting.join(', ')}` : 'no built-in dataset has that many inputs and outputs'),
          `数据集 '${dataset.name}' 提供 ${dataset.inputs.length} 个输入（${given}）和 ${dataset.outputs.length} 组标签（${labels}），` +
            `但模型有 ${graph.inputs.length} 个 Input（${inputNames}）和 ${graph.outputs.length} 个输出（${outputNames}）；` +
            (fitting.length ? `请选择匹配的数据集：${fitting.join('、')}` : '没有内置数据集具有这么多输入和输出'),
        ),
      ),
    );
    return { ok: false, diagnostics: out };
  }

  const modelNames = graph.inputs.map(nameOf);
  const byName = dataset.inputs.every((input) => modelNames.includes(input.name));
  const inputs = byName ? modelNames : dataset.inputs.map((input) => input.name);
  graph.inputs.forEach((id, i) => {
    const given = dataset.inputs.find((input) => input.name === inputs[i])!;
    const expected = shapeOf(id);
    if (!expected) return; // the check already reported why this Input has no shape
    const perSample = expected.slice(1);
    const fits = perSample.length === given.shape.length && perSample.every((dim, d) => typeof dim !== 'number' || dim === given.shape[d]);
    if (fits) return;
    const wanted = perSample.length === given.shape.length ? perSample.map((dim, d) => (typeof dim === 'string' ? dim : given.shape[d]!)) : given.shape;
    out.push(
      diagnostics.datasetMismatch(
        say(
          `dataset '${dataset.name}' gives ${given.kind} ${formatShape([null, ...given.shape])} but Input '${nameOf(id)}' expects ${formatShape(expected)}: set the Input shape to ${wanted.join(', ')} or pick another dataset`,
          `数据集 '${dataset.name}' 提供的数据形状为 ${formatShape([null, ...given.shape])}，但 Input '${nameOf(id)}' 需要 ${formatShape(expected)}：请把 Input 的形状设为 ${wanted.join(', ')}，或换一个数据集`,
        ),
        id,
        { kind: 'set-param', title: `Set the shape of '${nameOf(id)}' to [${wanted.join(', ')}]`, titleZh: `把 '${nameOf(id)}' 的形状设为 [${wanted.join(', ')}]`, node: id, param: 'shape', value: wanted },
      ),
    );
  });

  graph.outputs.forEach((ref, i) => {
    const labels = dataset.outputs[i]!;
    const shape = shapeOf(ref.node, ref.port);
    if (!shape) return;
    const classes = labels.classes.length;
    if (shape.length === 2 && shape[1] === classes) return;
    const node = graph.nodes.get(ref.node);
    const isDense = node?.node.type === 'Dense';
    const name = nameOf(ref.node);
    const settable = shape.length === 2 && isDense;
    out.push(
      diagnostics.datasetMismatch(
        say(
          `dataset '${dataset.name}' labels output ${i + 1} with ${classes} classes (${labels.name}) but output '${name}' gives ${formatShape(shape)}: ` +
            (settable ? `set units of '${name}' to ${classes}` : `make it [batch, ${classes}]`) +
            ' or pick another dataset',
          `数据集 '${dataset.name}' 为第 ${i + 1} 个输出提供 ${classes} 个类别（${labels.name}），但输出 '${name}' 的形状为 ${formatShape(shape)}：` +
            (settable ? `请把 '${name}' 的 units 设为 ${classes}` : `请让它变为 [batch, ${classes}]`) +
            '，或换一个数据集',
        ),
        ref.node,
        settable ? { kind: 'set-param', title: `Set units of '${name}' to ${classes}`, titleZh: `把 '${name}' 的 units 设为 ${classes}`, node: ref.node, param: 'units', value: classes } : undefined,
      ),
    );
  });

  out.push(...labelEncodingMismatches(result, dataset));
  return out.length ? { ok: false, diagnostics: out } : { ok: true, binding: { inputs, outputs: dataset.outputs.map((o) => o.name) }, diagnostics: [] };
}

/**
 * Class indices (a 'sparse' label set) train only with
 * sparseCategoricalCrossentropy, and one-hot rows only without it: tfjs
 * would stop at the first batch with a shape error, or, for a loss such as
 * meanSquaredError, broadcast [batch, 1] against [batch, classes] and learn
 * nothing. A graph without a training config trains with
 * categoricalCrossentropy (the schema's default).
 */
function labelEncodingMismatches(result: CheckResult, dataset: Dataset): Diagnostic[] {
  const loss = result.document.training?.loss ?? 'categoricalCrossentropy';
  return result.graph.outputs.flatMap((ref, i) => {
    const labels = dataset.outputs[i]!;
    const lossName = typeof loss === 'string' ? loss : loss[ref.node];
    if (lossName === undefined) return []; // check-training reports an output without a loss
    const sparse = labels.encoding === 'sparse';
    if (sparse === (lossName === 'sparseCategoricalCrossentropy')) return [];
    const name = result.graph.nodes.get(ref.node)?.name ?? ref.node;
    const [given, givenZh] = sparse ? ['class indices (sparse labels)', '类别序号（稀疏标签）'] : ['one-hot labels', 'one-hot 标签'];
    const wanted = sparse ? 'sparseCategoricalCrossentropy' : 'categoricalCrossentropy';
    return [
      diagnostics.datasetMismatch(
        say(
          `dataset '${dataset.name}' gives ${given} for output ${i + 1} (${labels.name}) but the loss of output '${name}' is ${lossName}: set the loss to ${wanted}` +
            (sparse ? ' or give the labels one-hot' : ' or give the labels as class indices'),
          `数据集 '${dataset.name}' 为第 ${i + 1} 个输出（${labels.name}）提供的是${givenZh}，但输出 '${name}' 的损失函数是 ${lossName}：请把损失函数设为 ${wanted}` +
            (sparse ? '，或改用 one-hot 标签' : '，或改用类别序号标签'),
        ),
        ref.node,
      ),
    ];
  });
}

/**
 * The dataset problems of a graph that names one in `training.dataset`, for
 * `layerwire check` beside the shape diagnostics. Only a graph that checks
 * cleanly has the shapes to compare.
 */
export function datasetDiagnostics(result: CheckResult): Diagnostic[] {
  const name = result.document.training?.dataset?.name;
  if (name === undefined || !result.ok) return [];
  const dataset = DATASETS.get(name);
  const known = [...DATASETS.keys()].map((n) => `'${n}'`);
  if (!dataset) {
    return [
      diagnostics.datasetMismatch(
        say(`training.dataset names '${name}', which is not a built-in dataset; use one of ${known.join(', ')}`, `training.dataset 指定的 '${name}' 不是内置数据集；请使用 ${known.join('、')} 之一`),
      ),
    ];
  }
  return checkDataset(result, dataset).diagnostics;
}

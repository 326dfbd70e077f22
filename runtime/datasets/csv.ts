/**
 * A person's own table as a dataset: CSV text in, a Dataset out (or every
 * problem found, each with its file, line and column). No files and no DOM:
 * the browser passes the text of a picked File, the CLI the text it read.
 *
 *   const read = parseCsvDataset(text, { fileName: 'iris.csv', labels: ['species'] });
 *   if (read.ok) checkDataset(result, read.dataset) … else show(read.problems)
 *
 * The feature columns (all but the label columns unless `features` names
 * them) must hold numbers; they become one input, `features`, of shape
 * [features.length]. Each label column becomes one output named after it,
 * its classes the distinct values (numeric order when all are numbers, else
 * code-point order). generate() returns the rows shuffled by the seed, at
 * most `samples` of them. Parsing is papaparse's (quoted commas and line
 * breaks, CRLF, delimiter detection: comma, tab, semicolon, pipe); a UTF-8
 * BOM (Excel writes one) and blank lines are skipped.
 */
import Papa from 'papaparse';
import { say, type Text } from '../../compiler/diagnostics';
import { sampleArray, type Dataset, type LabelEncoding } from './dataset';
import { capProblems, type DataProblem, type DataResult } from './data-problem';
import { sampleOrder } from './sample-order';

export interface CsvOptions {
  /** The name the person knows the file by: every problem and the dataset's name use it. */
  fileName: string;
  /** The columns to predict, one output each, in this order. */
  labels: string[];
  /** The columns the model reads, in this order; every column but the labels when left out. */
  features?: string[];
  /** One-hot rows (the default) or class indices for sparseCategoricalCrossentropy. */
  labelEncoding?: LabelEncoding;
}

/** A decimal number as people write them in tables: no hex, no separators, no words. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseCsvDataset(text: string, options: CsvOptions): DataResult<Dataset> {
  const { fileName: file } = options;
  const problem = (text: Text, line?: number, column?: number): DataProblem => ({ file, line, column, text });
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') {
    return fail(file, [problem(say(`${file}: the file is empty; expected a header line of column names, then one row per sample`, `${file}：文件是空的；第一行应为列名，之后每行一个样本`))]);
  }

  const rows = readRows(body);
  const problems: DataProblem[] = rows.problems.map((p) => problem(say(`${file} line ${p.line}: ${p.text.en}`, `${file} 第 ${p.line} 行：${p.text.zh}`), p.line));
  if (problems.length) return fail(file, problems);
  const [header, ...data] = rows.rows;
  const names = header!.cells.map((name) => name.trim());
  const columnLabel = (index: number) => `'${names[index]}' (${index + 1})`;
  const at = (line: number, index: number) => ({ en: `${file} line ${line}, column ${columnLabel(index)}`, zh: `${file} 第 ${line} 行，第 ${index + 1} 列 '${names[index]}'` });

  // The header: names the person can refer to, once each.
  names.forEach((name, index) => {
    const first = names.indexOf(name);
    if (name !== '' && first !== index) {
      problems.push(
        problem(
          say(`${file} line 1: columns ${first + 1} and ${index + 1} are both named '${name}'; give every column its own name`, `${file} 第 1 行：第 ${first + 1} 列和第 ${index + 1} 列都叫 '${name}'；请给每一列起不同的名字`),
          1,
          index + 1,
        ),
      );
    }
  });
  const columns = names.map((name) => `'${name}'`).join(', ');
  const lookUp = (name: string, role: 'label' | 'feature'): number | undefined => {
    const index = names.indexOf(name);
    if (index >= 0) return index;
    problems.push(
      problem(
        say(`${file}: no column named '${name}' (given as a ${role}); the header (line 1) has ${columns}`, `${file}：没有名为 '${name}' 的列（作为${role === 'label' ? '标签' : '特征'}给出）；表头（第 1 行）中的列是 ${columns}`),
        1,
      ),
    );
    return undefined;
  };
  if (options.labels.length === 0) {
    problems.push(problem(say(`${file}: name the label column to predict; the columns are ${columns}`, `${file}：请指定要预测的标签列；文件中的列是 ${columns}`), 1));
  }
  const labelColumns = options.labels.map((name) => lookUp(name, 'label'));
  const featureColumns = options.features ? options.features.map((name) => lookUp(name, 'feature')) : names.map((_, i) => i).filter((i) => !labelColumns.includes(i));
  for (const index of featureColumns) {
    if (index !== undefined && labelColumns.includes(index)) {
      problems.push(problem(say(`${file}: column ${columnLabel(index)} is both a feature and a label; a model must not read its own answer`, `${file}：第 ${index + 1} 列 '${names[index]}' 既是特征又是标签；模型不能读到自己要预测的答案`), 1, index + 1));
    }
    if (index !== undefined && names[index] === '') {
      problems.push(problem(say(`${file} line 1: column ${index + 1} has no name; name it in the header, or leave it out of the features`, `${file} 第 1 行：第 ${index + 1} 列没有名字；请在表头中给它命名，或不把它作为特征`), 1, index + 1));
    }
  }
  if (options.features?.length === 0 || (!options.features && featureColumns.length === 0)) {
    problems.push(problem(say(`${file}: no feature columns: every column is a label`, `${file}：没有特征列：所有列都是标签`), 1));
  }
  if (data.length === 0) {
    problems.push(problem(say(`${file}: has a header (line 1) but no rows of data`, `${file}：只有表头（第 1 行），没有数据行`), 1));
  }
  if (problems.length) return fail(file, problems);
  const features = featureColumns as number[];
  const labels = labelColumns as number[];

  // The rows: as many cells as the header, numbers where the model reads numbers, a label in every label column.
  const values = new Float32Array(data.length * features.length);
  data.forEach((row, r) => {
    if (row.cells.length !== names.length) {
      const count = row.cells.length;
      problems.push(
        problem(
          say(
            `${file} line ${row.line}: ${count} cell${count === 1 ? '' : 's'} but the header has ${names.length} columns${count > names.length ? ' (an unquoted comma inside a value?)' : ''}`,
            `${file} 第 ${row.line} 行：有 ${count} 个单元格，但表头有 ${names.length} 列${count > names.length ? '（值里是否有未加引号的逗号？）' : ''}`,
          ),
          row.line,
        ),
      );
      return;
    }
    features.forEach((index, f) => {
      const cell = row.cells[index]!.trim();
      const bad = (en: string, zh: string) => {
        const where = at(row.line, index);
        problems.push(problem(say(`${where.en}: ${en}`, `${where.zh}：${zh}`), row.line, index + 1));
      };
      if (cell === '') return bad('empty; every feature needs a number', '为空；每个特征都需要一个数');
      if (!NUMBER.test(cell)) {
        return /^[+-]?(nan|inf(inity)?)$/i.test(cell) ? bad(`'${cell}' is not a finite number`, `'${cell}' 不是有限的数`) : bad(`'${cell}' is not a number`, `'${cell}' 不是数字`);
      }
      const value = Math.fround(Number(cell));
      if (!Number.isFinite(value)) return bad(`'${cell}' is too large for a 32-bit float`, `'${cell}' 超出 32 位浮点数的范围`);
      values[r * features.length + f] = value;
    });
    for (const index of labels) {
      if (row.cells[index]!.trim() === '') {
        problems.push(problem(say(`${at(row.line, index).en}: the label is empty; every row needs one`, `${at(row.line, index).zh}：标签为空；每一行都需要标签`), row.line, index + 1));
      }
    }
  });
  const classLists = labels.map((index) => classesOf(data.map((row) => row.cells[index]?.trim() ?? '').filter((v) => v !== '')));
  labels.forEach((index, l) => {
    const classes = classLists[l]!;
    if (classes.length === 1) {
      problems.push(
        problem(
          say(`${file}: label column ${columnLabel(index)} has one class only ('${classes[0]}'); a classifier needs at least 2`, `${file}：标签列第 ${index + 1} 列 '${names[index]}' 只有一个类别（'${classes[0]}'）；分类至少需要 2 个类别`),
          undefined,
          index + 1,
        ),
      );
    }
  });
  if (problems.length) return fail(file, problems);

  const encoding = options.labelEncoding ?? 'one-hot';
  const classIndices = labels.map((index, l) => {
    const position = new Map(classLists[l]!.map((name, i) => [name, i]));
    return data.map((row) => position.get(row.cells[index]!.trim())!);
  });
  const featureNames = features.map((index) => names[index]!);
  const outputs = labels.map((index, l) => ({ name: names[index]!, classes: classLists[l]!, ...(encoding === 'sparse' ? { encoding } : {}) }));
  const dataset: Dataset = {
    name: file,
    description: `${file}: ${data.length} rows, ${featureNames.length} features (${featureNames.join(', ')}); ${outputs.map((o) => `${o.name}: ${o.classes.length} classes`).join('; ')}`,
    descriptionZh: `${file}：${data.length} 行，${featureNames.length} 个特征（${featureNames.join('、')}）；${outputs.map((o) => `${o.name}：${o.classes.length} 类`).join('；')}`,
    inputs: [{ name: 'features', shape: [featureNames.length], kind: 'feature vectors' }],
    outputs,
    defaultSamples: data.length,
    async generate({ samples, seed }) {
      const order = sampleOrder(data.length, samples, seed);
      const width = featureNames.length;
      const x = sampleArray(order.length, [width]);
      order.forEach((row, i) => x.data.set(values.subarray(row * width, (row + 1) * width), i * width));
      const ys = Object.fromEntries(
        outputs.map((output, l) => {
          const y = sampleArray(order.length, [encoding === 'sparse' ? 1 : output.classes.length]);
          order.forEach((row, i) => {
            const label = classIndices[l]![row]!;
            if (encoding === 'sparse') y.data[i] = label;
            else y.data[i * output.classes.length + label] = 1;
          });
          return [output.name, y];
        }),
      );
      return { inputs: { features: x }, outputs: ys };
    },
  };
  return { ok: true, dataset };
}

const fail = (file: string, problems: DataProblem[]): DataResult<Dataset> => ({ ok: false, problems: capProblems(file, problems) });

/** The distinct values: in numeric order when every one is a number (so '10' follows '9'), else in code-point order, the same in every locale. */
function classesOf(values: string[]): string[] {
  const distinct = [...new Set(values)];
  return distinct.every((v) => NUMBER.test(v)) ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** papaparse's quote errors in the person's words; any other error keeps papaparse's English. */
const QUOTE_PROBLEMS: Record<string, Text> = {
  MissingQuotes: say('a quoted value is never closed (a missing ")', '带引号的值没有结束（缺少 "）'),
  InvalidQuotes: say('a quote inside a quoted value must be doubled ("")', '带引号的值内部的引号必须写两次（""）'),
};

interface CsvRow {
  /** The line the row starts on, as an editor numbers lines: the header is line 1. */
  line: number;
  cells: string[];
}

/**
 * The non-blank rows with the line each starts on. papaparse reports where
 * each row ends (`meta.cursor`), not its line, and a quoted value may span
 * lines, so we count the line breaks between one row's end and the next.
 */
function readRows(text: string): { rows: CsvRow[]; problems: { line: number; text: Text }[] } {
  const rows: CsvRow[] = [];
  const problems: { line: number; text: Text }[] = [];
  let offset = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    step: (result) => {
      const start = line;
      const end = result.meta.cursor;
      for (let i = text.indexOf('\n', offset); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line += 1;
      offset = end;
      // A 'Delimiter' error only says papaparse fell back to commas; the header checks say what that means here.
      for (const error of result.errors.filter((e) => e.type !== 'Delimiter')) problems.push({ line: start, text: QUOTE_PROBLEMS[error.code] ?? say(error.message, error.message) });
      const cells = result.data;
      if (cells.length === 1 && cells[0]!.trim() === '') return; // a blank line
      rows.push({ line: start, cells });
    },
  });
  return { rows, problems };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { encode as encodePng } from 'fast-png';
import { zipSync } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { checkDataset } from '../runtime/check-dataset';
import { DATASETS } from '../runtime/datasets';
import { parseCsvDataset, type CsvOptions } from '../runtime/datasets/csv';
import type { DataProblem } from '../runtime/datasets/data-problem';
import { imageSizeForInput, readImageFolder, writeResized, type DataFile } from '../runtime/datasets/image-folder';
import { unzipFiles } from '../runtime/datasets/zip';
import { trainModel } from '../runtime/train';
import { parseGraphDocument } from '../schemas';
import { cli, loadFromDirectory } from './cli-harness';

const IRIS = ['sepal_length,sepal_width,petal_length,petal_width,species', '5.1,3.5,1.4,0.2,setosa', '7.0,3.2,4.7,1.4,versicolor', '6.3,3.3,6.0,2.5,virginica', '4.9,3.0,1.4,0.2,setosa'].join('\n');
const csv = (text: string, options: Partial<CsvOptions> = {}) => parseCsvDataset(text, { fileName: 'data.csv', labels: ['species'], ...options });

function problemsOf(result: ReturnType<typeof csv>): DataProblem[] {
  if (result.ok) throw new Error('expected problems, got a dataset');
  return result.problems;
}
function datasetOf<T>(result: { ok: true; dataset: T } | { ok: false; problems: DataProblem[] }): T {
  if (!result.ok) throw new Error(result.problems.map((p) => p.text.en).join('\n'));
  return result.dataset;
}
const rows = (array: { data: Float32Array; shape: number[] }) => Array.from({ length: array.shape[0]! }, (_, i) => [...array.data.slice(i * array.shape[1]!, (i + 1) * array.shape[1]!)]);

/** A graph: Input → Dense(16, relu) → one softmax Dense per head, with the given loss. */
function denseGraph(inputShape: (number | string)[], heads: [string, number][], loss = 'categoricalCrossentropy', first: Record<string, unknown> = { type: 'Dense', params: { units: 16, activation: 'relu' } }): CheckResult {
  const doc = {
    format: 'layerwire.graph',
    version: 1,
    name: 'tiny',
    nodes: [
      { id: 'x', type: 'Input', params: { shape: inputShape }, position: { x: 0, y: 0 } },
      { id: 'hidden', ...first, position: { x: 0, y: 100 } },
      ...heads.map(([id, units], i) => ({ id, type: 'Dense', params: { units, activation: 'softmax' }, position: { x: 200 * i, y: 200 } })),
    ],
    edges: [{ from: { node: 'x', port: 'out' }, to: { node: 'hidden', port: 'in' } }, ...heads.map(([id]) => ({ from: { node: 'hidden', port: 'out' }, to: { node: id, port: 'in' } }))],
    outputs: heads.map(([id]) => ({ node: id, port: 'out' })),
    training: { optimizer: { type: 'adam', learningRate: 0.05 }, loss, metrics: ['accuracy'] },
  };
  const parsed = parseGraphDocument(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return checkGraph(parsed.document);
}

describe('CSV datasets', () => {
  it('reads features and one-hot labels; classes sorted; a BOM, CRLF, quoted commas and line breaks and blank lines are fine', async () => {
    const text = '\uFEFFid,"width, cm",note,height,kind\r\n1,2.5,"a, b",3,cat\r\n2,-1e1,"two\r\nlines",.5,dog\r\n\r\n3,0,x,+4,cat\r\n\r\n\r\n';
    const dataset = datasetOf(parseCsvDataset(text, { fileName: 'pets.csv', labels: ['kind'], features: ['width, cm', 'height'] }));
    expect(dataset.name).toBe('pets.csv');
    expect(dataset.inputs).toEqual([{ name: 'features', shape: [2], kind: 'feature vectors' }]);
    expect(dataset.outputs).toEqual([{ name: 'kind', classes: ['cat', 'dog'] }]);
    expect(dataset.defaultSamples).toBe(3);
    const { inputs, outputs } = await dataset.generate({ samples: 3, seed: 1 });
    const pairs = rows(inputs.features!).map((x, i) => [x, rows(outputs.kind!)[i]]);
    expect(pairs.sort((a, b) => a[0]![0]! - b[0]![0]!)).toEqual([
      [[-10, 0.5], [0, 1]],
      [[0, 4], [1, 0]],
      [[2.5, 3], [1, 0]],
    ]);
  });

  it('features default to every column but the labels, in file order; several label columns are several outputs', () => {
    const text = 'a,y1,b,y2\n1,p,2,u\n3,q,4,v\n';
    const dataset = datasetOf(parseCsvDataset(text, { fileName: 'd.csv', labels: ['y2', 'y1'] }));
    expect(dataset.inputs[0]!.shape).toEqual([2]);
    expect(dataset.description).toBe('d.csv: 2 rows, 2 features (a, b); y2: 2 classes; y1: 2 classes');
    expect(dataset.outputs.map((o) => o.name)).toEqual(['y2', 'y1']);
  });

  it('numeric classes sort as numbers; sparse labels are class indices of shape [samples, 1]', async () => {
    const text = 'x,digit\n' + [9, 10, 2, 10, 9].map((d, i) => `${i},${d}`).join('\n');
    const sparse = datasetOf(csv(text, { labels: ['digit'], labelEncoding: 'sparse' }));
    expect(sparse.outputs).toEqual([{ name: 'digit', classes: ['2', '9', '10'], encoding: 'sparse' }]);
    const { inputs, outputs } = await sparse.generate({ samples: 5, seed: 3 });
    expect(outputs.digit!.shape).toEqual([5, 1]);
    const byRow = new Map([...inputs.features!.data].map((x, i) => [x, outputs.digit!.data[i]]));
    expect([0, 1, 2, 3, 4].map((x) => byRow.get(x))).toEqual([1, 2, 0, 2, 1]);
  });

  it('generate() shuffles by the seed, the same for the same seed, and caps at `samples`', async () => {
    const text = 'x,y\n' + Array.from({ length: 30 }, (_, i) => `${i},${i % 2 ? 'odd' : 'even'}`).join('\n');
    const dataset = datasetOf(csv(text, { labels: ['y'] }));
    const a = await dataset.generate({ samples: 100, seed: 5 });
    const b = await dataset.generate({ samples: 100, seed: 5 });
    const c = await dataset.generate({ samples: 100, seed: 6 });
    expect(a.inputs.features!.shape).toEqual([30, 1]);
    expect([...a.inputs.features!.data].sort((p, q) => p - q)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(a.inputs.features!.data).toEqual(b.inputs.features!.data);
    expect(a.inputs.features!.data).not.toEqual(c.inputs.features!.data);
    expect([...a.inputs.features!.data]).not.toEqual(Array.from({ length: 30 }, (_, i) => i));
    const few = await dataset.generate({ samples: 4, seed: 5 });
    expect(few.inputs.features!.shape).toEqual([4, 1]);
    expect(few.outputs.y!.shape).toEqual([4, 2]);
    // the label travels with its row
    rows(a.outputs.y!).forEach((label, i) => expect(label).toEqual(a.inputs.features!.data[i]! % 2 ? [0, 1] : [1, 0]));
  });

  const HEADER = 'sepal_length,sepal_width,petal_length,petal_width,species';
  it.each<[string, string, Partial<CsvOptions>, { en: string; line?: number; column?: number }[]]>([
    ['a word for a number', `${HEADER}\n5.1,3.5,1.4,0.2,setosa\n5,3,1,abc,setosa\n6,3,4,1,versicolor`, {}, [{ en: "data.csv line 3, column 'petal_width' (4): 'abc' is not a number", line: 3, column: 4 }]],
    ['NaN and Infinity', `${HEADER}\n1,NaN,1,1,a\n1,1,-Infinity,1,b`, {}, [
      { en: "data.csv line 2, column 'sepal_width' (2): 'NaN' is not a finite number", line: 2, column: 2 },
      { en: "data.csv line 3, column 'petal_length' (3): '-Infinity' is not a finite number", line: 3, column: 3 },
    ]],
    ['too big for float32', `${HEADER}\n1,1e39,1,1,a\n1,1,1,1,b`, {}, [{ en: "data.csv line 2, column 'sepal_width' (2): '1e39' is too large for a 32-bit float", line: 2, column: 2 }]],
    ['an empty cell', `${HEADER}\n1,,1,1,a\n1,1,1,1,b`, {}, [{ en: "data.csv line 2, column 'sepal_width' (2): empty; every feature needs a number", line: 2, column: 2 }]],
    ['an empty label', `${HEADER}\n1,1,1,1,a\n1,1,1,1,b\n1,1,1,1,`, {}, [{ en: "data.csv line 4, column 'species' (5): the label is empty; every row needs one", line: 4, column: 5 }]],
    ['ragged rows', `${HEADER}\n1,1,1,1\n1,1,1,1,a,b\n1,1,1,1,b`, {}, [
      { en: 'data.csv line 2: 4 cells but the header has 5 columns', line: 2 },
      { en: 'data.csv line 3: 6 cells but the header has 5 columns (an unquoted comma inside a value?)', line: 3 },
    ]],
    ['the lines after quoted line breaks (the header spans lines 1–2)', `x,"y\ny",species\n1,2,a\n"3\n\n",4,b\n5,z,a`, {}, [{ en: "data.csv line 7, column 'y\ny' (2): 'z' is not a number", line: 7, column: 2 }]],
    ['an unknown label column', IRIS, { labels: ['class'] }, [{ en: "data.csv: no column named 'class' (given as a label); the header (line 1) has 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'", line: 1 }]],
    ['an unknown feature column', IRIS, { features: ['sepal_length', 'petal'] }, [{ en: "data.csv: no column named 'petal' (given as a feature); the header (line 1) has 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'", line: 1 }]],
    ['no label given', IRIS, { labels: [] }, [{ en: "data.csv: name the label column to predict; the columns are 'sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'", line: 1 }]],
    ['a label as a feature', IRIS, { features: ['sepal_length', 'species'] }, [{ en: "data.csv: column 'species' (5) is both a feature and a label; a model must not read its own answer", line: 1, column: 5 }]],
    ['an empty file', '', {}, [{ en: 'data.csv: the file is empty; expected a header line of column names, then one row per sample' }]],
    ['a file of blank lines and a BOM', '\uFEFF\r\n  \r\n', {}, [{ en: 'data.csv: the file is empty; expected a header line of column names, then one row per sample' }]],
    ['a header only', `${HEADER}\r\n\r\n`, {}, [{ en: 'data.csv: has a header (line 1) but no rows of data', line: 1 }]],
    ['duplicate header names', 'a,b,a,species\n1,2,3,x\n1,2,3,y', {}, [{ en: "data.csv line 1: columns 1 and 3 are both named 'a'; give every column its own name", line: 1, column: 3 }]],
    ['one class only', `${HEADER}\n1,1,1,1,setosa\n2,2,2,2,setosa`, {}, [{ en: "data.csv: label column 'species' (5) has one class only ('setosa'); a classifier needs at least 2", column: 5 }]],
    ['a stray quote in a quoted value', `${HEADER}\n1,1,1,1,a\n1,1,1,1,"b"c"\n1,1,1,1,b`, {}, [{ en: 'data.csv line 3: a quote inside a quoted value must be doubled ("")', line: 3 }]],
    ['an unclosed quote', `${HEADER}\n1,1,1,1,a\n1,1,"1,1,b`, {}, [{ en: 'data.csv line 3: a quoted value is never closed (a missing ")', line: 3 }]],
  ])('%s: a problem with the file, line and column', (_case, text, options, expected) => {
    const problems = problemsOf(csv(text, options));
    expect(problems.map((p) => ({ en: p.text.en, ...(p.line === undefined ? {} : { line: p.line }), ...(p.column === undefined ? {} : { column: p.column }) }))).toEqual(expected);
    for (const p of problems) {
      expect(p.file).toBe('data.csv');
      expect(p.text.zh).toMatch(/data\.csv/);
      expect(p.text.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('the Chinese text names the same line and column', () => {
    const [problem] = problemsOf(csv(`${HEADER}\n5,3,1,abc,setosa\n1,1,1,1,b`));
    expect(problem!.text.zh).toBe("data.csv 第 2 行，第 4 列 'petal_width'：'abc' 不是数字");
  });

  it('a file full of problems lists the first 20 and counts the rest', () => {
    const text = `x,y\n${Array.from({ length: 50 }, (_, i) => `bad${i},${i % 2 ? 'a' : 'b'}`).join('\n')}`;
    const problems = problemsOf(csv(text, { labels: ['y'] }));
    expect(problems).toHaveLength(21);
    expect(problems[19]!.text.en).toBe("data.csv line 21, column 'x' (1): 'bad19' is not a number");
    expect(problems[20]!.text.en).toBe('data.csv: … and 30 more problems');
  });

  it('a CSV of a separable problem trains a small Dense model: loss falls (one-hot and sparse)', async () => {
    // Two clusters in 2-D: class 'left' around (-1, 0), 'right' around (1, 0).
    const lines = Array.from({ length: 80 }, (_, i) => {
      const side = i % 2 ? 1 : -1;
      return `${side + 0.3 * Math.sin(i * 7.1)},${0.5 * Math.cos(i * 3.3)},${side > 0 ? 'right' : 'left'}`;
    });
    const text = `x,y,side\n${lines.join('\n')}\n`;
    await tf.setBackend('cpu');
    for (const [encoding, loss] of [
      ['one-hot', 'categoricalCrossentropy'],
      ['sparse', 'sparseCategoricalCrossentropy'],
    ] as const) {
      const dataset = datasetOf(csv(text, { labels: ['side'], labelEncoding: encoding }));
      const result = denseGraph([2], [['out', 2]], loss);
      const fit = checkDataset(result, dataset);
      if (!fit.ok) throw new Error(fit.diagnostics.map((d) => d.message).join('\n'));
      const built = buildTfjsModel(result);
      if (!built.ok) throw new Error('not built');
      const trained = await trainModel(built.model, await dataset.generate({ samples: 80, seed: 1 }), fit.binding, { epochs: 8, batchSize: 16 });
      expect(trained.history.loss!.at(-1)!, encoding).toBeLessThan(trained.history.loss![0]! * 0.8);
      expect(trained.history.val_acc!.at(-1)!, encoding).toBeGreaterThan(0.7);
      built.model.dispose();
    }
  });

  it('LW208: a CSV whose feature count or label encoding does not fit the model says what to change', () => {
    const dataset = datasetOf(csv(IRIS));
    const fit = checkDataset(denseGraph([8], [['out', 3]]), dataset);
    expect(fit.diagnostics.map((d) => [d.code, d.message, d.fix])).toEqual([
      [
        'LW208',
        "dataset 'data.csv' gives feature vectors [?, 4] but Input 'x' expects [?, 8]: set the Input shape to 4 or pick another dataset",
        { kind: 'set-param', title: "Set the shape of 'x' to [4]", node: 'x', param: 'shape', value: [4] },
      ],
    ]);
    const sparse = datasetOf(csv(IRIS, { labelEncoding: 'sparse' }));
    expect(checkDataset(denseGraph([4], [['out', 3]]), sparse).diagnostics.map((d) => d.message)).toEqual([
      "dataset 'data.csv' gives class indices (sparse labels) for output 1 (species) but the loss of output 'out' is categoricalCrossentropy: set the loss to sparseCategoricalCrossentropy or give the labels one-hot",
    ]);
    expect(checkDataset(denseGraph([4], [['out', 3]], 'sparseCategoricalCrossentropy'), dataset).diagnostics.map((d) => d.message)).toEqual([
      "dataset 'data.csv' gives one-hot labels for output 1 (species) but the loss of output 'out' is sparseCategoricalCrossentropy: set the loss to categoricalCrossentropy or give the labels as class indices",
    ]);
    expect(checkDataset(denseGraph([4], [['out', 3]], 'sparseCategoricalCrossentropy'), sparse).ok).toBe(true);
  });
});

/** A w×h image whose pixel (x, y) is [r, g, b] = colour(x, y). */
function pixels(width: number, height: number, colour: (x: number, y: number) => number[]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...colour(x, y), 255], (y * width + x) * 4);
  return data;
}
const png = (width: number, height: number, colour: (x: number, y: number) => number[]) => encodePng({ width, height, data: pixels(width, height, colour), channels: 4, depth: 8 });
const jpeg = (width: number, height: number, colour: (x: number, y: number) => number[]) => new Uint8Array(encodeJpeg({ width, height, data: pixels(width, height, colour) }, 95).data);
const red = () => [230, 20, 20];
const blue = () => [20, 20, 230];
const file = (p: string, bytes: Uint8Array): DataFile => ({ path: p, bytes });

describe('image-folder datasets', () => {
  const petFiles = () => [
    file('cats/1.png', png(6, 4, red)),
    file('cats/2.jpg', jpeg(16, 16, red)),
    file('dogs/a.png', png(5, 5, blue)),
    file('dogs/b.jpeg', jpeg(9, 7, blue)),
    file('dogs/c.png', png(4, 4, blue)),
  ];

  it('one class per folder, resized to the asked size, RGB in [0, 1]; hidden files and __MACOSX skipped', async () => {
    const files = [...petFiles(), file('.DS_Store', new Uint8Array([1, 2, 3])), file('__MACOSX/cats/._1.png', new Uint8Array([0])), file('dogs/.hidden.png', new Uint8Array([9]))];
    const dataset = datasetOf(await readImageFolder(files, { name: 'pets', size: { height: 8, width: 8, channels: 3 } }));
    expect(dataset.inputs).toEqual([{ name: 'image', shape: [8, 8, 3], kind: 'RGB images' }]);
    expect(dataset.outputs).toEqual([{ name: 'class', classes: ['cats', 'dogs'] }]);
    expect(dataset.defaultSamples).toBe(5);
    const { inputs, outputs } = await dataset.generate({ samples: 5, seed: 2 });
    expect(inputs.image!.shape).toEqual([5, 8, 8, 3]);
    expect(outputs.class!.shape).toEqual([5, 2]);
    const perImage = 8 * 8 * 3;
    rows(outputs.class!).forEach((label, i) => {
      const image = inputs.image!.data.slice(i * perImage, (i + 1) * perImage);
      const mean = (c: number) => image.filter((_, k) => k % 3 === c).reduce((a, b) => a + b, 0) / 64;
      // JPEG is lossy: the colour is near, not exact
      if (label[0] === 1) expect([mean(0), mean(2)].map((v) => Math.round(v * 10))).toEqual([9, 1]);
      else expect([mean(0), mean(2)].map((v) => Math.round(v * 10))).toEqual([1, 9]);
      expect(Math.min(...image)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...image)).toBeLessThanOrEqual(1);
    });
  });

  it('a zip of a folder of class folders is the same dataset, through the common folder', async () => {
    const zip = zipSync(Object.fromEntries([['pets/', new Uint8Array()], ...petFiles().map((f) => [`pets/${f.path}`, f.bytes]), ['__MACOSX/pets/._x', new Uint8Array([1])]]));
    const unzipped = unzipFiles(zip, 'pets.zip');
    if (!unzipped.ok) throw new Error('not unzipped');
    const fromZip = datasetOf(await readImageFolder(unzipped.files, { name: 'pets.zip', size: { height: 4, width: 4 } }));
    const fromFolder = datasetOf(await readImageFolder(petFiles(), { name: 'pets', size: { height: 4, width: 4 } }));
    expect(fromZip.outputs).toEqual(fromFolder.outputs);
    expect((await fromZip.generate({ samples: 5, seed: 1 })).inputs.image!.data).toEqual((await fromFolder.generate({ samples: 5, seed: 1 })).inputs.image!.data);
  });

  it('grey: one channel of ITU-R 601 luma, as tf.image.rgbToGrayscale; size left out comes from the first image', async () => {
    const colour = (x: number, y: number) => [x * 40, y * 50, 200 - x * 10];
    const dataset = datasetOf(await readImageFolder([file('a/1.png', png(5, 4, colour)), file('b/1.png', png(5, 4, colour))], { name: 'g', size: { channels: 1 } }));
    expect(dataset.inputs[0]).toEqual({ name: 'image', shape: [4, 5, 1], kind: 'grey images' });
    const { inputs } = await dataset.generate({ samples: 1, seed: 1 });
    const rgb = tf.tensor3d([...pixels(5, 4, colour)].filter((_, i) => i % 4 !== 3), [4, 5, 3]).div<tf.Tensor3D>(255);
    const grey = tf.image.rgbToGrayscale(rgb);
    expect([...inputs.image!.data].map((v) => +v.toFixed(4))).toEqual([...grey.dataSync()].map((v) => +v.toFixed(4)));
    tf.dispose([rgb, grey]);
  });

  it.each([
    [7, 5, 3, 4],
    [3, 4, 8, 9],
    [6, 6, 6, 6],
  ])('bilinear resize %i×%i → %i×%i matches tf.image.resizeBilinear with half-pixel centres', (width, height, outWidth, outHeight) => {
    const colour = (x: number, y: number) => [(x * 37 + y * 11) % 256, (x * 5 + y * 71) % 256, (x * y * 13) % 256];
    const data = pixels(width, height, colour);
    const out = new Float32Array(outHeight * outWidth * 4);
    writeResized({ width, height, rgba: data }, { height: outHeight, width: outWidth, channels: 4 }, out);
    const expected = tf.image.resizeBilinear(tf.tensor3d([...data], [height, width, 4]), [outHeight, outWidth], false, true).div(255);
    const wanted = expected.dataSync();
    out.forEach((v, i) => expect(v).toBeCloseTo(wanted[i]!, 5));
    expected.dispose();
  });

  it('imageSizeForInput takes the numbers of a rank-3 Input and leaves symbols to the images', () => {
    expect(imageSizeForInput([28, 28, 1])).toEqual({ height: 28, width: 28, channels: 1 });
    expect(imageSizeForInput(['h', 'w', 3])).toEqual({ height: undefined, width: undefined, channels: 3 });
    expect(imageSizeForInput([64])).toEqual({});
  });

  it.each<[string, DataFile[], string[]]>([
    ['not an image', [file('cats/1.png', png(2, 2, red)), file('cats/003.png', new TextEncoder().encode('hello')), file('dogs/1.png', png(2, 2, blue))], ['cats/003.png: not a PNG or JPEG image']],
    [
      'a corrupt PNG',
      [file('cats/1.png', png(2, 2, red).slice(0, 30)), file('dogs/1.png', png(2, 2, blue))],
      ['cats/1.png: a corrupt PNG image ('],
    ],
    ['a corrupt JPEG', [file('cats/1.jpg', jpeg(8, 8, red).slice(0, 40)), file('dogs/1.png', png(2, 2, blue))], ['cats/1.jpg: a corrupt JPEG image (']],
    ['a file outside the class folders', [file('readme.txt', new Uint8Array([1])), file('cats/1.png', png(2, 2, red)), file('dogs/1.png', png(2, 2, blue))], ['readme.txt: a file outside any class folder; put every image in a folder named after its class']],
    ['one class', [file('cats/1.png', png(2, 2, red)), file('cats/2.png', png(2, 2, red))], ['pets: one class folder only (cats); a classifier needs at least 2: one folder of images per class']],
    ['an empty class folder', [file('cats/1.png', png(2, 2, red)), file('dogs/1.png', png(2, 2, blue)), file('birds/', new Uint8Array()), file('birds/.DS_Store', new Uint8Array([0]))], ['birds/: an empty class folder; put images in it or remove it']],
    ['nothing but hidden files', [file('.DS_Store', new Uint8Array([0])), file('__MACOSX/x', new Uint8Array([0]))], ['pets: no images found; expected one folder per class with PNG or JPEG images inside']],
  ])('%s: a problem naming the file', async (_case, files, expected) => {
    const read = await readImageFolder(files, { name: 'pets' });
    if (read.ok) throw new Error('expected problems');
    expect(read.problems).toHaveLength(expected.length);
    read.problems.forEach((p, i) => {
      expect(p.text.en.startsWith(expected[i]!)).toBe(true);
      expect(p.text.zh.startsWith(expected[i]!.split(':')[0]!)).toBe(true);
    });
  });

  it('a caller can bring its own decoder (the page: createImageBitmap)', async () => {
    const seen: string[] = [];
    const read = await readImageFolder(petFiles(), {
      name: 'pets',
      size: { height: 2, width: 2 },
      decode: (_bytes, format) => {
        seen.push(format);
        return { width: 1, height: 1, rgba: new Uint8Array([255, 0, 0, 255]) };
      },
    });
    const dataset = datasetOf(read);
    expect(seen.sort()).toEqual(['JPEG', 'JPEG', 'PNG', 'PNG', 'PNG']);
    expect([...(await dataset.generate({ samples: 1, seed: 1 })).inputs.image!.data]).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
  });

  it('a zip that is not a zip is a problem naming it', () => {
    const read = unzipFiles(new TextEncoder().encode('not a zip at all'), 'pets.zip');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]!.text.en).toMatch(/^pets\.zip: not a readable zip file \(/);
  });
});

describe('spirals', () => {
  it('points on the arms: 2 features, two label sets, radius grows with the band', async () => {
    const spirals = DATASETS.get('spirals')!;
    expect(spirals.inputs).toEqual([{ name: 'point', shape: [2], kind: 'points (x, y)' }]);
    expect(spirals.outputs.map((o) => [o.name, o.classes.length])).toEqual([
      ['arm', 3],
      ['band', 3],
    ]);
    const { inputs, outputs } = await spirals.generate({ samples: 300, seed: 4 });
    const radius = rows(inputs.point!).map(([x, y]) => Math.hypot(x!, y!));
    const band = rows(outputs.band!).map((r) => r.indexOf(1));
    const meanRadius = (b: number) => {
      const r = radius.filter((_, i) => band[i] === b);
      return r.reduce((a, c) => a + c, 0) / r.length;
    };
    expect(meanRadius(0)).toBeLessThan(meanRadius(1));
    expect(meanRadius(1)).toBeLessThan(meanRadius(2));
    expect(Math.max(...radius)).toBeLessThan(1.2);
    // every arm is drawn
    expect(new Set(rows(outputs.arm!).map((r) => r.indexOf(1)))).toEqual(new Set([0, 1, 2]));
  });

  it('every built-in dataset has a Chinese description', () => {
    for (const dataset of DATASETS.values()) expect(dataset.descriptionZh, dataset.name).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('layerwire train --data PATH', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'layerwire-user-data-'));
  function graphFile(dir: string, result: CheckResult): string {
    const file = path.join(dir, 'graph.json');
    fs.writeFileSync(file, JSON.stringify(result.document));
    return file;
  }

  it('trains on a CSV: model.json that tfjs loads', async () => {
    const dir = tmp();
    const data = path.join(dir, 'iris.csv');
    fs.writeFileSync(data, `${IRIS}\n${IRIS.split('\n').slice(1).join('\n')}\n`);
    const out = path.join(dir, 'out');
    const { code, out: printed, err } = await cli('train', graphFile(dir, denseGraph([4], [['out', 3]])), '--data', data, '--label', 'species', '--epochs', '2', '--backend', 'cpu', '-o', out);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(printed).toContain(`on '${data}' (8 samples`);
    const loaded = await tf.loadLayersModel(loadFromDirectory(out));
    expect(loaded.inputs[0]!.shape).toEqual([null, 4]);
    expect(loaded.outputs[0]!.shape).toEqual([null, 3]);
  });

  it('--features picks columns; a sparse loss gets class indices; two --label flags are two heads', async () => {
    const dir = tmp();
    const data = path.join(dir, 'two.csv');
    fs.writeFileSync(data, `a,b,c,y1,y2\n${Array.from({ length: 12 }, (_, i) => `${i},${i * 2},x,${i % 3},${i % 2 ? 'odd' : 'even'}`).join('\n')}\n`);
    const graph = graphFile(dir, denseGraph([2], [['h1', 3], ['h2', 2]], 'sparseCategoricalCrossentropy'));
    const out = path.join(dir, 'out');
    const { code, err } = await cli('train', graph, '--data', data, '--label', 'y1', '--label', 'y2', '--features', 'a, b', '--epochs', '1', '--backend', 'cpu', '-o', out);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'history.json'), 'utf8')).loss).toHaveLength(1);
  });

  it('trains on a zip of image folders resized to the Input', async () => {
    const dir = tmp();
    const zip = path.join(dir, 'pets.zip');
    const images = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [[`cats/${i}.png`, png(10 + i, 9, red)], [`dogs/${i}.jpg`, jpeg(12, 8 + i, blue)]]).flat());
    fs.writeFileSync(zip, zipSync(images));
    const graph = graphFile(dir, denseGraph([8, 8, 3], [['out', 2]], 'categoricalCrossentropy', { type: 'Flatten', params: {} }));
    const out = path.join(dir, 'out');
    const { code, out: printed, err } = await cli('train', graph, '--data', zip, '--epochs', '1', '--backend', 'cpu', '-o', out);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(printed).toContain(`on '${zip}' (12 samples`);
    const loaded = await tf.loadLayersModel(loadFromDirectory(out));
    expect(loaded.inputs[0]!.shape).toEqual([null, 8, 8, 3]);
  });

  it('trains on a folder of class folders', async () => {
    const dir = tmp();
    const data = path.join(dir, 'pets');
    for (const [p, bytes] of [['cats/1.png', png(3, 3, red)], ['cats/2.png', png(4, 4, red)], ['dogs/1.png', png(3, 3, blue)], ['dogs/2.png', png(5, 5, blue)]] as const) {
      fs.mkdirSync(path.dirname(path.join(data, p)), { recursive: true });
      fs.writeFileSync(path.join(data, p), bytes);
    }
    const graph = graphFile(dir, denseGraph([4, 4, 1], [['out', 2]], 'categoricalCrossentropy', { type: 'Flatten', params: {} }));
    const { code, err } = await cli('train', graph, '--data', data, '--epochs', '1', '--backend', 'cpu', '-o', path.join(dir, 'out'));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('a CSV that does not fit the model: LW208 with its fix, exit 1, nothing written', async () => {
    const dir = tmp();
    const data = path.join(dir, 'iris.csv');
    fs.writeFileSync(data, IRIS);
    const out = path.join(dir, 'out');
    const { code, err } = await cli('train', graphFile(dir, denseGraph([8], [['out', 3]])), '--data', data, '--label', 'species', '-o', out);
    expect(code).toBe(1);
    expect(err).toContain(`error LW208 in 'x' (Input): dataset '${data}' gives feature vectors [?, 4] but Input 'x' expects [?, 8]: set the Input shape to 4 or pick another dataset`);
    expect(err).toContain("fix: Set the shape of 'x' to [4]");
    expect(fs.existsSync(out)).toBe(false);
  });

  it.each<[string, (dir: string) => string[], (dir: string) => string]>([
    ['a bad cell', (dir) => ['--data', write(dir, 'bad.csv', `${IRIS}\n1,2,x,4,setosa`), '--label', 'species'], (dir) => `${dir}/bad.csv line 6, column 'petal_length' (3): 'x' is not a number`],
    ['no --label', (dir) => ['--data', write(dir, 'iris.csv', IRIS)], (dir) => `${dir}/iris.csv: a CSV needs --label COLUMN, the column to predict; its header is: sepal_length,sepal_width,petal_length,petal_width,species`],
    ['an unknown --label', (dir) => ['--data', write(dir, 'iris.csv', IRIS), '--label', 'kind'], (dir) => `${dir}/iris.csv: no column named 'kind' (given as a label)`],
    ['a missing file', (dir) => ['--data', `${dir}/nope.csv`, '--label', 'y'], (dir) => `--data ${dir}/nope.csv: cannot read it (no such file or folder)`],
    ['--label with a built-in dataset', () => ['--data', 'waves', '--label', 'y'], () => "--label and --features are for CSV data; 'waves' is a built-in dataset"],
    ['a corrupt image in a zip', (dir) => ['--data', writeBytes(dir, 'p.zip', zipSync({ 'cats/1.png': png(2, 2, red), 'dogs/003.png': new Uint8Array([1, 2, 3]) }))], (dir) => `${dir}/p.zip: dogs/003.png: not a PNG or JPEG image`],
  ])('%s: exit 2, the file (line, column) named, nothing written', async (_case, args, message) => {
    const dir = tmp();
    const out = path.join(dir, 'out');
    const { code, out: printed, err } = await cli('train', graphFile(dir, denseGraph([4], [['out', 3]])), ...args(dir), '-o', out);
    expect(code).toBe(2);
    expect(printed).toBe('');
    expect(err).toContain(message(dir));
    expect(fs.existsSync(out)).toBe(false);
  });
});

function write(dir: string, name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}
function writeBytes(dir: string, name: string, bytes: Uint8Array): string {
  fs.writeFileSync(path.join(dir, name), bytes);
  return path.join(dir, name);
}

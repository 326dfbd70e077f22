/**
 * The Train tab's "Your data…": a person's CSV file (feature and label
 * columns chosen in the page) or a zip of images in class folders becomes
 * the dataset the model trains on. Its LW208 check and fix work against it,
 * a file with a bad cell says where and changes nothing, and the text
 * follows the language. Files are made here, as bytes (fflate's zip, the
 * same PNG codec the runtime reads with), and given to the real file inputs.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GraphDocument } from '../../schemas/graph';
import { launch, openApp, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const panel = (page: Page) => page.locator('lw-train-panel');
const inPanel = (page: Page, testid: string) => panel(page).locator(`[data-testid=${testid}]`);

/** Input → (Flatten) → Dense softmax with `classes` units, trained with categoricalCrossentropy on a built-in dataset by name. */
function classifier(inputShape: number[], classes: number): GraphDocument {
  const flatten = inputShape.length > 1;
  const at = (y: number) => ({ x: 0, y });
  return {
    format: 'layerwire.graph',
    version: 1,
    name: 'own_data',
    nodes: [
      { id: 'features', type: 'Input', params: { shape: inputShape }, position: at(0) },
      ...(flatten ? [{ id: 'flatten', type: 'Flatten', params: {}, position: at(140) }] : []),
      { id: 'hidden', type: 'Dense', params: { units: 8, activation: 'relu' }, position: at(280) },
      { id: 'out', type: 'Dense', params: { units: classes, activation: 'softmax' }, position: at(420) },
    ],
    edges: [
      ...(flatten
        ? [
            { from: { node: 'features', port: 'out' }, to: { node: 'flatten', port: 'in' } },
            { from: { node: 'flatten', port: 'out' }, to: { node: 'hidden', port: 'in' } },
          ]
        : [{ from: { node: 'features', port: 'out' }, to: { node: 'hidden', port: 'in' } }]),
      { from: { node: 'hidden', port: 'out' }, to: { node: 'out', port: 'in' } },
    ],
    outputs: [{ node: 'out', port: 'out' }],
    training: { optimizer: { type: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], dataset: { name: 'blobs' } },
  } as GraphDocument;
}

async function openDocument(page: Page, graph: GraphDocument): Promise<void> {
  await page.evaluate((d) => {
    (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { graph: unknown }).graph = d;
  }, graph);
  await settled(page);
}

const documentDataset = (page: Page) =>
  page.evaluate(() => (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { graph: GraphDocument }).graph.training?.dataset);

/** 24 rows: an id column to leave out, 4 features, a 2-class label; row 2 + i is line 2 + i. */
function flowersCsv(): string {
  const rows = Array.from({ length: 24 }, (_, i) => {
    const big = i % 2 === 0;
    const base = big ? 5 : 1;
    return [i + 1, base + (i % 3) * 0.1, base + 0.5, (i % 5) * 0.2, big ? 2.5 : -2.5, big ? 'big' : 'small'].join(',');
  });
  return ['id,length,width,depth,weight,kind', ...rows].join('\n');
}

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

/** A width×height RGB PNG filled with one grey level. */
const png = (width: number, height: number, level: number) => encodePng({ width, height, channels: 3, depth: 8, data: new Uint8Array(width * height * 3).fill(level) });

async function chooseOwnData(page: Page) {
  await page.locator('[data-tab=train]').click();
  await inPanel(page, 'train-dataset').selectOption('your data');
  await expect.poll(() => panel(page).locator('lw-user-data').count()).toBe(1);
}

const chartPoints = (page: Page, curve: string) => panel(page).locator(`lw-train-chart[data-curve="${curve}"]`).evaluate((el) => (el as unknown as { points: number }).points);

async function trainOneEpoch(page: Page) {
  await page.locator('[data-tab=train]').click(); // a fix selects the node it changed, in the Inspector tab
  const setNumber = async (testid: string, value: number) => {
    await inPanel(page, testid).fill(String(value));
    await inPanel(page, testid).press('Enter');
  };
  await setNumber('train-epochs', 1);
  await setNumber('train-batch-size', 4);
  await setNumber('train-validation', 0);
  await inPanel(page, 'train').click();
  await expect.poll(() => inPanel(page, 'train-status').getAttribute('data-phase'), { timeout: 200_000 }).toBe('done');
}

describe('training on the person\'s own data', { timeout: 240_000 }, () => {
  test('a CSV: columns chosen in the page, LW208 for a mismatched Input and its fix, one epoch of training; a bad cell is located and changes nothing', async () => {
    const { page, errors } = await openApp(browser);
    await openDocument(page, classifier([3], 2));
    await chooseOwnData(page);
    expect(await inPanel(page, 'dataset-check').textContent()).toContain('Choose a CSV file');
    expect(await inPanel(page, 'user-data-not-saved').textContent()).toContain('it is not saved with the graph');
    await inPanel(page, 'user-csv').setInputFiles(csvFile('flowers.csv', flowersCsv()));

    // The usual layout is guessed (label last, every other column a feature); the person leaves out the id.
    await expect.poll(() => inPanel(page, 'user-data-classes').textContent()).toMatch(/big\s*12\s*small\s*12/);
    expect(await inPanel(page, 'user-csv-label').inputValue()).toBe('kind');
    expect(await inPanel(page, 'user-csv-preview').locator('tr').count()).toBe(6); // the header and 5 rows
    await inPanel(page, 'user-csv-features').getByLabel('id', { exact: true }).uncheck();
    await expect.poll(() => panel(page).locator('.desc').textContent()).toContain('4 features (length, width, depth, weight)');
    expect(await inPanel(page, 'train-dataset').inputValue()).toBe('your data');
    expect(await panel(page).locator('[data-testid=train-dataset] option:checked').textContent()).toBe('Your data: flowers.csv');
    expect(await inPanel(page, 'train-samples').inputValue()).toBe('24');

    // The model's Input takes 3 numbers, the file gives 4: LW208, and its fix sets the Input's shape.
    const check = panel(page).locator('[data-testid=dataset-check][data-code=LW208]');
    await expect.poll(() => check.textContent()).toContain("set the Input shape to 4");
    expect(await inPanel(page, 'train').isDisabled()).toBe(true);
    await check.locator('[data-testid=dataset-fix]').click();
    await expect.poll(() => inPanel(page, 'dataset-check').textContent()).toContain('The dataset fits the model');
    // The document still names its built-in dataset: the file is not part of the graph.
    expect(await documentDataset(page)).toEqual({ name: 'blobs' });

    // 24 samples in batches of 4, none held out: 6 batches, one chart point each.
    await trainOneEpoch(page);
    await expect.poll(() => chartPoints(page, 'loss')).toBe(6);

    // A file with a bad cell: where it is, and the data in use stays.
    const bad = flowersCsv().split('\n');
    bad[3] = bad[3]!.replace(/^(\d+),[^,]+,/, '$1,abc,'); // line 4, column 'length'
    await inPanel(page, 'user-csv').setInputFiles(csvFile('broken.csv', bad.join('\n')));
    await expect.poll(() => inPanel(page, 'user-data-problems').textContent()).toContain("broken.csv line 4, column 'length' (2): 'abc' is not a number");
    expect(await inPanel(page, 'user-data-kept').textContent()).toBe('Nothing changed: training still uses flowers.csv.');
    expect(await panel(page).locator('[data-testid=train-dataset] option:checked').textContent()).toBe('Your data: flowers.csv');
    expect(await inPanel(page, 'dataset-check').textContent()).toContain('The dataset fits the model');

    // Chinese: the panel's words and the problem's location.
    await page.locator('[data-testid=language]').selectOption('zh-CN');
    await expect.poll(() => inPanel(page, 'user-data-problems').textContent()).toContain("broken.csv 第 4 行，第 2 列 'length'：'abc' 不是数字");
    expect(await inPanel(page, 'user-data-kept').textContent()).toBe('没有任何改变：训练仍使用 flowers.csv。');
    expect(await inPanel(page, 'user-data-not-saved').textContent()).toContain('不会随图一起保存');
    expect(await panel(page).locator('[data-testid=train-dataset] option:checked').textContent()).toBe('你的数据：flowers.csv');
    expect(errors).toEqual([]);
  });

  test('a zip of PNGs in class folders: classes with counts and thumbnails, resized to the Input, it trains and Inspect uses it; a folder of 3 classes gets LW208 and its fix', async () => {
    const { page, errors } = await openApp(browser);
    await openDocument(page, classifier([8, 8, 1], 2));
    await chooseOwnData(page);
    // 6×6 colour images, zipped inside one top folder as people zip a folder: resized to the Input's 8×8 grey.
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`shades/dark/${i}.png`] = png(6, 6, 20 + i);
    for (let i = 0; i < 3; i++) files[`shades/light/${i}.png`] = png(6, 6, 230 - i);
    await inPanel(page, 'user-zip').setInputFiles({ name: 'shades.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });

    await expect.poll(() => inPanel(page, 'user-data-classes').textContent()).toMatch(/dark\s*5\s*light\s*3/);
    expect(await inPanel(page, 'user-data-classes').locator('img').count()).toBe(6); // up to 3 pictures a class
    expect(await inPanel(page, 'user-data-size').textContent()).toContain('8 × 8 × 1');
    expect(await inPanel(page, 'dataset-check').textContent()).toContain('The dataset fits the model');

    // 8 images in batches of 4: 2 batches.
    await trainOneEpoch(page);
    await expect.poll(() => chartPoints(page, 'loss')).toBe(2);

    // The Inspect tab picks its samples from the same images.
    await page.locator('[data-tab=inspect]').click();
    await expect.poll(() => page.locator('lw-inspect-panel').locator('.sample-controls .hint').textContent()).toContain('shades.zip');

    // A folder (the webkitdirectory input) with a third class: LW208 for the 2-unit output, and its fix.
    const folder = await mkdtemp(join(tmpdir(), 'lw-user-data-'));
    for (const [name, level] of [['red', 40], ['green', 120], ['blue', 200]] as const) {
      await mkdir(join(folder, 'colours', name), { recursive: true });
      for (let i = 0; i < 2; i++) await writeFile(join(folder, 'colours', name, `${i}.png`), png(4, 4, level + i));
    }
    await page.locator('[data-tab=train]').click();
    await inPanel(page, 'user-folder').setInputFiles(join(folder, 'colours'));
    await expect.poll(() => inPanel(page, 'user-data-classes').textContent()).toMatch(/blue\s*2\s*green\s*2\s*red\s*2/);
    const check = panel(page).locator('[data-testid=dataset-check][data-code=LW208]');
    await expect.poll(() => check.textContent()).toContain("set units of 'out' to 3");
    await check.locator('[data-testid=dataset-fix]').click();
    await expect.poll(() => inPanel(page, 'dataset-check').textContent()).toContain('The dataset fits the model');
    await rm(folder, { recursive: true });

    await page.locator('[data-testid=language]').selectOption('zh-CN');
    await page.locator('[data-tab=train]').click();
    await expect.poll(() => inPanel(page, 'user-data-size').textContent()).toContain('图像会缩放为 8 × 8 × 1');
    expect(await panel(page).locator('[data-testid=train-dataset] option:checked').textContent()).toBe('你的数据：colours');
    expect(errors).toEqual([]);
  });
});

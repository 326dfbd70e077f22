/**
 * The Code tab's quantized download, after training on the person's own CSV:
 * the accuracy change is measured on that CSV (the data the weights were
 * trained on) and the panel says so, also once the Train tab's dataset list
 * has moved back to a built-in dataset. Before, it looked for a built-in
 * dataset and, none fitting this model, measured nothing.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import type { GraphDocumentInput } from '../../schemas/graph';
import { launch, openApp, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const train = (page: Page, testid: string) => page.locator('lw-train-panel').locator(`[data-testid=${testid}]`);
const code = (page: Page, testid: string) => page.locator('lw-code-panel').locator(`[data-testid=${testid}]`);

/** Input [4] → Dense(8, relu) → Dense(2, softmax); its document names `blobs`, which does not fit it (2 classes, not 10 and 5). */
const classifier: GraphDocumentInput = {
  format: 'layerwire.graph',
  version: 1,
  name: 'flowers',
  nodes: [
    { id: 'features', type: 'Input', params: { shape: [4] }, position: { x: 0, y: 0 } },
    { id: 'hidden', type: 'Dense', params: { units: 8, activation: 'relu' }, position: { x: 0, y: 140 } },
    { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' }, position: { x: 0, y: 280 } },
  ],
  edges: [
    { from: { node: 'features', port: 'out' }, to: { node: 'hidden', port: 'in' } },
    { from: { node: 'hidden', port: 'out' }, to: { node: 'out', port: 'in' } },
  ],
  outputs: [{ node: 'out', port: 'out' }],
  training: { optimizer: { type: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], dataset: { name: 'blobs' } },
};

/** 40 rows, 4 features, labels big / small: 10% held out is 4 samples. */
const flowersCsv = ['length,width,depth,weight,kind', ...Array.from({ length: 40 }, (_, i) => (i % 2 ? [5 + (i % 3) * 0.1, 5.5, (i % 5) * 0.2, 2.5, 'big'] : [1 + (i % 3) * 0.1, 1.5, (i % 5) * 0.2, -2.5, 'small']).join(','))].join('\n');

/** Downloads the tfjs model quantized to uint8; resolves once both files are saved. */
async function downloadUint8(page: Page) {
  await page.locator('[data-tab=code]').click();
  await code(page, 'quantize').selectOption('uint8');
  const downloads: Download[] = [];
  const collect = (d: Download) => downloads.push(d);
  page.on('download', collect);
  await code(page, 'download-tfjs').click();
  await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
  page.off('download', collect);
  const json = JSON.parse(await readFile((await downloads.find((d) => d.suggestedFilename().endsWith('.json'))!.path())!, 'utf8'));
  expect(json.weightsManifest[0].weights.every((w: { quantization?: { dtype: string } }) => w.quantization?.dtype === 'uint8')).toBe(true);
}

/** The validation line, once measured: its accuracy before and after. */
async function validation(page: Page, dataset: RegExp) {
  await expect.poll(() => code(page, 'export-validation').textContent(), { timeout: 60_000 }).toMatch(/acc \d\.\d{3} → \d\.\d{3}/);
  const text = (await code(page, 'export-validation').textContent())!;
  expect(text).toMatch(dataset);
  const [, before, after] = /acc (\d\.\d+) → (\d\.\d+)/.exec(text)!;
  return [Number(before), Number(after)];
}

describe('quantized download after training on the person’s own data', () => {
  test('the accuracy change is measured on the CSV the weights were trained on, and the panel names it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
    context.setDefaultNavigationTimeout(120_000);
    const { page, errors } = await openApp(browser, { context });
    await page.evaluate((d) => {
      (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { graph: unknown }).graph = d;
    }, classifier);
    await settled(page);

    await page.locator('[data-tab=train]').click();
    await train(page, 'train-dataset').selectOption('your data');
    await expect.poll(() => page.locator('lw-train-panel lw-user-data').count(), { timeout: 30_000 }).toBe(1);
    await train(page, 'user-csv').setInputFiles({ name: 'flowers.csv', mimeType: 'text/csv', buffer: Buffer.from(flowersCsv) });
    await expect.poll(() => train(page, 'user-data-classes').textContent(), { timeout: 30_000 }).toMatch(/big\s*20\s*small\s*20/);
    await expect.poll(() => train(page, 'dataset-check').textContent(), { timeout: 30_000 }).toContain('The dataset fits the model');
    for (const [testid, value] of [
      ['train-epochs', 1],
      ['train-batch-size', 8],
    ] as const) {
      await train(page, testid).fill(String(value));
      await train(page, testid).press('Enter');
    }
    await train(page, 'train').click();
    await expect.poll(() => train(page, 'train-status').getAttribute('data-phase'), { timeout: 120_000 }).toBe('done');

    await downloadUint8(page);
    const own = /^Validation on your data, flowers\.csv, which the weights were trained on \(4 samples\): acc /;
    // 4 samples: every accuracy is a multiple of 1/4.
    for (const acc of await validation(page, own)) expect((acc * 4) % 1, String(acc)).toBeCloseTo(0, 6);

    // The dataset list back on a built-in dataset: the weights were still trained on flowers.csv.
    await page.locator('[data-tab=train]').click();
    await train(page, 'train-dataset').selectOption('blobs');
    await downloadUint8(page);
    await validation(page, own);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

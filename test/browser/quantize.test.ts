/**
 * The Code tab's quantized download: picking uint8 saves a weights file a
 * quarter the size of the float one, with tfjs quantization entries in its
 * model.json; the panel says the sizes, and for trained weights how the
 * validation accuracy changes.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { launch, openApp, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const code = (page: Page) => page.locator('lw-code-panel');

/** The app in a fresh profile that accepts downloads; the first page load may wait on Vite transforming modules on a busy machine. */
async function open() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
  context.setDefaultNavigationTimeout(120_000);
  return openApp(browser, { context });
}

async function openExample(page: Page, file: string) {
  await page.locator('[data-testid=examples]').click();
  await page.locator(`[data-testid=gallery] .card[data-file="${file}"]`).click();
  await settled(page);
}

/** Clicks the tfjs download with `dtype` picked; resolves with model.json (parsed) and the weights file's bytes. */
async function download(page: Page, dtype: string): Promise<{ modelJson: { weightsManifest: { paths: string[]; weights: { name: string; dtype: string; quantization?: { dtype: string } }[] }[] }; weights: Buffer }> {
  await code(page).locator('[data-testid=quantize]').selectOption(dtype);
  const downloads: Download[] = [];
  const listener = (d: Download) => downloads.push(d);
  page.on('download', listener);
  await code(page).locator('[data-testid=download-tfjs]').click();
  await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
  page.off('download', listener);
  const json = downloads.find((d) => d.suggestedFilename().endsWith('.json'))!;
  const bin = downloads.find((d) => d.suggestedFilename().endsWith('.bin'))!;
  return { modelJson: JSON.parse(await readFile((await json.path())!, 'utf8')), weights: await readFile((await bin.path())!) };
}

const report = (page: Page, part: string) => code(page).locator(`[data-testid=export-${part}]`);

describe('quantized download in the Code tab', () => {
  test('uint8: the weights file is 1/4 of the float one, model.json says how to dequantize, and the panel shows both sizes', async () => {
    const { page, errors } = await open();
    await openExample(page, 'seed-lstm.json');
    await page.locator('[data-tab=code]').click();

    const float = await download(page, 'none');
    await expect.poll(() => report(page, 'size').textContent()).toBe(`Weights: ${float.weights.length.toLocaleString('en-US')} bytes (float32)`);
    expect(float.modelJson.weightsManifest[0]!.weights.some((w) => w.quantization)).toBe(false);

    const uint8 = await download(page, 'uint8');
    expect(uint8.weights.length * 4).toBe(float.weights.length);
    const entries = uint8.modelJson.weightsManifest[0]!.weights;
    expect(entries.map((w) => w.name)).toEqual(float.modelJson.weightsManifest[0]!.weights.map((w) => w.name));
    for (const entry of entries) expect(entry).toMatchObject({ dtype: 'float32', quantization: { dtype: 'uint8', scale: expect.any(Number), min: expect.any(Number) } });
    await expect
      .poll(() => report(page, 'size').textContent())
      .toBe(`Weights: ${float.weights.length.toLocaleString('en-US')} → ${uint8.weights.length.toLocaleString('en-US')} bytes (25.0%, uint8)`);
    expect(await report(page, 'validation').textContent()).toContain('Untrained weights');

    const half = await download(page, 'float16');
    expect(half.weights.length * 2).toBe(float.weights.length);
    expect(half.modelJson.weightsManifest[0]!.weights.every((w) => w.quantization?.dtype === 'float16')).toBe(true);
    expect(errors).toEqual([]);
  }, 240_000);

  test('trained weights: the panel shows the validation accuracy before → after uint8', async () => {
    const { page, errors } = await open();
    await openExample(page, 'seed-lstm.json');
    await page.locator('[data-tab=train]').click();
    const train = page.locator('lw-train-panel');
    for (const [testid, value] of [
      ['train-samples', 48],
      ['train-epochs', 1],
      ['train-batch-size', 8],
    ] as const) {
      await train.locator(`[data-testid=${testid}]`).fill(String(value));
      await train.locator(`[data-testid=${testid}]`).press('Enter');
    }
    await train.locator('[data-testid=train]').click();
    await expect.poll(() => train.locator('[data-testid=train-status]').getAttribute('data-phase'), { timeout: 90_000 }).toBe('done');

    await page.locator('[data-tab=code]').click();
    const uint8 = await download(page, 'uint8');
    expect(uint8.modelJson.weightsManifest[0]!.weights.every((w) => w.quantization?.dtype === 'uint8')).toBe(true);
    // waves' default 3000 samples, 10% held out, as training holds them out
    await expect.poll(() => report(page, 'validation').textContent(), { timeout: 60_000 }).toMatch(/^Validation on waves \(300 samples\): acc \d\.\d{3} → \d\.\d{3} \([-+±]\d\.\d{3}\), loss \d+\.\d{4} → \d+\.\d{4} \([-+±]\d\.\d{4}\)$/);
    const text = (await report(page, 'validation').textContent())!;
    const [, before, after] = /acc (\d\.\d+) → (\d\.\d+)/.exec(text)!;
    expect(Math.abs(Number(after) - Number(before))).toBeLessThanOrEqual(0.05);
    expect(errors).toEqual([]);
  }, 240_000);
});

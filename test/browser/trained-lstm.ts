/**
 * The steps two browser tests share: open the seed LSTM, train it for one short
 * epoch on wasm, and read back what the Code tab's tfjs download holds.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { openApp, settled } from './harness';

export const trainPanel = (page: Page) => page.locator('lw-train-panel');

async function setNumber(page: Page, testid: string, value: number) {
  const input = trainPanel(page).locator(`[data-testid=${testid}]`);
  await input.fill(String(value));
  await input.press('Enter');
}

/** A fresh page with the seed LSTM trained (24 samples, one epoch, wasm); the caller closes the context. */
export async function openTrainedSeedLstm(browser: Browser) {
  // A first page load can take long on a busy machine (Vite bundles on demand); give it room rather than flake.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
  context.setDefaultNavigationTimeout(120_000);
  const { page, errors } = await openApp(browser, { context });
  await page.locator('[data-testid=examples]').click();
  await page.locator('[data-testid=gallery] .card[data-file="seed-lstm.json"]').click();
  await settled(page);
  await page.locator('[data-tab=train]').click();
  await setNumber(page, 'train-samples', 24);
  await setNumber(page, 'train-epochs', 1);
  await setNumber(page, 'train-batch-size', 8);
  await trainPanel(page).locator('[data-testid=train-backend]').selectOption('wasm');
  await trainPanel(page).locator('[data-testid=train]').click();
  await expect.poll(() => trainPanel(page).locator('[data-testid=train-status]').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
  return { context, page, errors };
}

/** Every weight tensor of the Code tab's tfjs download by its manifest name (`lstm/kernel`), with its shape and bytes (base64). */
export async function downloadedWeights(page: Page): Promise<Map<string, { shape: number[]; bytes: string }>> {
  const downloads: Download[] = [];
  const collect = (d: Download) => downloads.push(d);
  page.on('download', collect);
  await page.locator('[data-tab=code]').click();
  await page.locator('[data-testid=download-tfjs]').click();
  await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
  page.off('download', collect);
  const file = async (suffix: string) => readFile((await downloads.find((d) => d.suggestedFilename().endsWith(suffix))!.path())!);
  const json = JSON.parse((await file('.json')).toString('utf8')) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] };
  const data = await file('.bin');
  const tensors = new Map<string, { shape: number[]; bytes: string }>();
  let offset = 0;
  for (const { name, shape } of json.weightsManifest.flatMap((group) => group.weights)) {
    const length = shape.reduce((n, d) => n * d, 1) * 4;
    tensors.set(name, { shape, bytes: data.subarray(offset, offset + length).toString('base64') });
    offset += length;
  }
  expect(offset).toBe(data.length);
  return tensors;
}

/**
 * After training, an edit of the graph keeps the trained weights of the layers it
 * left alone: the Train tab says which were kept and which reset (and why), and the
 * Code tab's download saves the kept layers' trained weights, byte for byte as the
 * download before the edit saved them.
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

const panel = (page: Page) => page.locator('lw-train-panel');

async function setNumber(page: Page, testid: string, value: number) {
  const input = panel(page).locator(`[data-testid=${testid}]`);
  await input.fill(String(value));
  await input.press('Enter');
}

/** Every weight tensor of a tfjs download by its manifest name (`lstm/kernel`), with its shape and bytes. */
async function download(page: Page): Promise<Map<string, { shape: number[]; bytes: string }>> {
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

describe('trained weights across an edit of the graph', () => {
  test('changing the last Dense of the trained seed LSTM resets it alone: the tab names it, the download keeps the LSTM\'s trained weights', async () => {
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
    await panel(page).locator('[data-testid=train-backend]').selectOption('wasm');
    await panel(page).locator('[data-testid=train]').click();
    await expect.poll(() => panel(page).locator('[data-testid=train-status]').getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    const trained = await download(page);
    expect([...trained.keys()]).toEqual(['lstm/kernel', 'lstm/recurrent_kernel', 'lstm/bias', 'dense/kernel', 'dense/bias']);

    await page.evaluate(() => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { edit(f: (d: { nodes: { id: string; params: object }[] }) => unknown): void };
      editor.edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'dense' ? { ...n, params: { ...n.params, units: 4 } } : n)) }));
    });
    await settled(page);
    await page.locator('[data-tab=train]').click();
    await expect.poll(() => panel(page).locator('[data-testid=weights-carried]').textContent()).toBe('Kept the trained weights of 1 layer; reset 1: dense (units 10 → 4).');

    const carried = await download(page);
    for (const name of ['lstm/kernel', 'lstm/recurrent_kernel', 'lstm/bias']) expect(carried.get(name), name).toEqual(trained.get(name));
    expect(carried.get('dense/kernel')!.shape).toEqual([50, 4]);
    expect(carried.get('dense/bias')!.shape).toEqual([4]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

/**
 * Trained weights belong to the graph they were trained on. An edit keeps those
 * that still fit (keep-weights.test.ts); opening another document lets them
 * go, even one whose node ids and shapes happen to match the trained graph.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { graphOf, launch, openApp, settled } from './harness';

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

/** The weights of the Code tab's tfjs download, base64 by manifest name. */
async function downloadedWeights(page: Page): Promise<Map<string, string>> {
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
  const tensors = new Map<string, string>();
  let offset = 0;
  for (const { name, shape } of json.weightsManifest.flatMap((group) => group.weights)) {
    const length = shape.reduce((n, d) => n * d, 1) * 4;
    tensors.set(name, data.subarray(offset, offset + length).toString('base64'));
    offset += length;
  }
  return tensors;
}

describe('opening another document', () => {
  test('after training the seed LSTM, a file with the same ids and shapes opens without its trained weights', async () => {
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
    const trained = await downloadedWeights(page);
    // The download of the trained graph is the trained model, every time.
    expect(await downloadedWeights(page)).toEqual(trained);

    // Another model that happens to have the same layers, ids and shapes: another name, other positions.
    const graph = await graphOf(page);
    const other = { ...graph, name: 'someone_elses_lstm', nodes: graph.nodes.map((n) => ({ ...n, position: { x: n.position.x + 40, y: n.position.y + 40 } })) };
    const dir = mkdtempSync(join(tmpdir(), 'layerwire-open-'));
    writeFileSync(join(dir, 'other.layerwire.json'), JSON.stringify(other));
    await page.locator('[data-testid=file-input]').setInputFiles(join(dir, 'other.layerwire.json'));
    await expect.poll(async () => (await graphOf(page)).name).toBe('someone_elses_lstm');
    await settled(page);

    const opened = await downloadedWeights(page);
    expect([...opened.keys()]).toEqual([...trained.keys()]);
    // Freshly initialised: no tensor carries the trained values (the biases start at zero; kernels are random).
    for (const name of ['lstm/kernel', 'lstm/recurrent_kernel', 'dense/kernel']) expect(opened.get(name), name).not.toBe(trained.get(name));
    await page.locator('[data-tab=train]').click();
    expect(await panel(page).locator('[data-testid=weights-carried]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

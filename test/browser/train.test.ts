/**
 * The Train tab: the graph trains in the page on a built-in dataset, the
 * charts and progress follow every batch, Stop keeps the weights trained so
 * far, convolutions never train on wasm, and the Code tab's download saves
 * the trained weights. Each run is a few batches: the machine is small.
 */
import { readFile } from 'node:fs/promises';
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

async function openExample(page: Page, file: string) {
  await page.locator('[data-testid=examples]').click();
  await page.locator(`[data-testid=gallery] .card[data-file="${file}"]`).click();
  await settled(page);
}

async function setNumber(page: Page, testid: string, value: number) {
  const input = panel(page).locator(`[data-testid=${testid}]`);
  await input.fill(String(value));
  await input.press('Enter');
}

/** Opens an example on the Train tab with a run's settings. */
async function prepare(page: Page, file: string, run: { samples: number; epochs: number; batchSize: number; backend: string }) {
  await openExample(page, file);
  await page.locator('[data-tab=train]').click();
  await setNumber(page, 'train-samples', run.samples);
  await setNumber(page, 'train-epochs', run.epochs);
  await setNumber(page, 'train-batch-size', run.batchSize);
  await panel(page).locator('[data-testid=train-backend]').selectOption(run.backend);
}

/**
 * Records every weight training starts from and every weight it reached, node
 * by node in the graph's order, through the panel's `training-start` /
 * `training-end` events (training runs in a worker: these are the weights it
 * posts back to the page).
 */
async function recordWeights(page: Page) {
  await page.evaluate(() => {
    type Weights = Map<string, { values: Float32Array }[]>;
    const read = (weights: Weights) => [...weights.values()].flatMap((tensors) => tensors.map((t) => Array.from(t.values)));
    const target = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('lw-train-panel')!;
    const w = window as unknown as Record<string, number[][]>;
    target.addEventListener('training-start', (e) => (w.before = read((e as CustomEvent<{ weights: Weights }>).detail.weights)));
    target.addEventListener('training-end', (e) => (w.after = read((e as CustomEvent<{ weights: Weights }>).detail.weights)));
  });
}

const recorded = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as Record<string, number[][]>;
    return { before: w.before!, after: w.after! };
  });

/** The largest change of any weight between two recordings. */
const largestChange = (a: number[][], b: number[][]) => Math.max(...a.flatMap((w, i) => w.map((v, j) => Math.abs(v - b[i]![j]!))));

const status = (page: Page) => panel(page).locator('[data-testid=train-status]');
const chartPoints = (page: Page, curve: string) => panel(page).locator(`lw-train-chart[data-curve="${curve}"]`).evaluate((el) => (el as unknown as { points: number }).points);

// Training runs in a worker that loads tfjs and the compiler afresh: give each run time to start on a busy machine.
describe('training in the editor', { timeout: 240_000 }, () => {
  test('the seed LSTM trains on waves: charts get a point per batch, progress reaches 100%, the weights change and the Code tab saves them', async () => {
    const { page, errors } = await openApp(browser);
    // 48 samples, 10% held out: 44 to train on, in batches of 8 → 6 batches.
    await prepare(page, 'seed-lstm.json', { samples: 48, epochs: 1, batchSize: 8, backend: 'wasm' });
    expect(await panel(page).locator('[data-testid=dataset-check]').textContent()).toContain('The dataset fits the model');
    expect(await panel(page).locator('lw-train-chart').count()).toBe(0);
    // Opening the tab starts tfjs, on wasm first: the tab says which backend runs before anything trains.
    await expect.poll(() => panel(page).locator('[data-testid=train-backend-active]').textContent()).toBe('running on wasm');
    await recordWeights(page);

    await panel(page).locator('[data-testid=train]').click();
    await expect.poll(() => status(page).getAttribute('data-phase'), { timeout: 200_000 }).toBe('done');
    expect(await panel(page).locator('[data-testid=train-progress]').getAttribute('aria-valuenow')).toBe('100');
    expect(await panel(page).locator('[data-testid=train-figures]').textContent()).toContain('Epoch 1/1 · batch 6/6');
    expect(await panel(page).locator('[data-testid=train-backend-active]').textContent()).toContain('wasm');
    await expect.poll(() => chartPoints(page, 'loss')).toBe(6);
    expect(await chartPoints(page, 'acc')).toBe(6);

    const { before, after } = await recorded(page);
    expect(after.map((w) => w.length)).toEqual(before.map((w) => w.length));
    expect(largestChange(before, after)).toBeGreaterThan(1e-4);

    // The Code tab's tfjs download saves the trained weights, not freshly initialised ones.
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.locator('[data-tab=code]').click();
    await page.locator('[data-testid=download-tfjs]').click();
    await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(2);
    const weightsFile = downloads.find((d) => d.suggestedFilename().endsWith('.bin'))!;
    const bytes = await readFile((await weightsFile.path())!);
    const saved = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    expect(saved).toEqual(after.flat().map((v) => Math.fround(v)));
    expect(errors).toEqual([]);
  });

  test('Stop mid-epoch stops at the next batch and keeps the weights; a later graph edit resets the layers it changes', async () => {
    const { page, errors } = await openApp(browser);
    // 2000 samples in batches of 16: 113 batches an epoch, far more than the few this test lets run.
    await prepare(page, 'seed-lstm.json', { samples: 2000, epochs: 3, batchSize: 16, backend: 'wasm' });
    await recordWeights(page);
    await panel(page).locator('[data-testid=train]').click();
    await expect.poll(() => panel(page).locator('[data-testid=train-progress]').getAttribute('aria-valuenow'), { timeout: 200_000 }).not.toBe('0');

    // Press Stop and note, in the same turn of the page's event loop, how many batches had finished.
    const pressedAt = await panel(page).evaluate((el) => {
      const batch = (el as unknown as { progress: { batch: number } }).progress.batch;
      (el.shadowRoot!.querySelector('[data-testid=stop]') as HTMLButtonElement).click();
      return batch;
    });
    await expect.poll(() => status(page).getAttribute('data-phase'), { timeout: 30_000 }).toBe('stopped');
    const text = (await status(page).textContent())!;
    const stoppedAt = Number(text.match(/epoch 1, batch (\d+)/)?.[1]);
    expect(stoppedAt, text).toBeGreaterThanOrEqual(pressedAt);
    expect(stoppedAt).toBeLessThanOrEqual(pressedAt + 1);
    expect(text).toContain('the weights trained so far are kept');
    expect(await chartPoints(page, 'loss')).toBe(stoppedAt);
    const { before, after } = await recorded(page);
    expect(largestChange(before, after)).toBeGreaterThan(0);
    expect(await panel(page).locator('[data-testid=train]').isEnabled()).toBe(true);

    // Moving a node keeps the trained weights; changing a layer resets it and what its output feeds, and the tab says so.
    await page.evaluate(() => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { edit(f: (d: { nodes: { id: string; position: { x: number; y: number }; params: object }[] }) => unknown): void };
      editor.edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'dense' ? { ...n, position: { x: n.position.x + 40, y: n.position.y } } : n)) }));
    });
    await settled(page);
    expect(await panel(page).locator('[data-testid=weights-carried]').count()).toBe(0);
    await page.evaluate(() => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { edit(f: (d: { nodes: { id: string; params: object }[] }) => unknown): void };
      editor.edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'lstm' ? { ...n, params: { ...n.params, units: 20 } } : n)) }));
    });
    await settled(page);
    await expect.poll(() => panel(page).locator('[data-testid=weights-carried]').textContent()).toContain('reset 2: lstm (units 50 → 20), dense (input shape [?, 50] → [?, 20])');
    expect(errors).toEqual([]);
  });

  test('the CNN example, asked to train on wasm, trains one short epoch on another backend: the tab says why, the chart updates, the weights change', async () => {
    const { page, errors } = await openApp(browser);
    await prepare(page, 'mnist-cnn.json', { samples: 20, epochs: 1, batchSize: 6, backend: 'wasm' });
    const note = panel(page).locator('[data-testid=backend-note]');
    expect(await note.textContent()).toContain("tfjs's wasm backend cannot train convolutions (Conv2D 'conv2d')");
    await recordWeights(page);
    await panel(page).locator('[data-testid=train]').click();
    await expect.poll(() => status(page).getAttribute('data-phase'), { timeout: 200_000 }).toBe('done');
    const running = (await panel(page).locator('[data-testid=train-backend-active]').textContent())!;
    expect(running).toMatch(/running on (webgl|cpu)/);
    expect(await note.textContent()).toContain(`training on ${running.replace('running on ', '').trim()} instead`);
    // It trained in the worker: the page's own tfjs stays where it was.
    expect(await page.locator('[data-testid=backend]').textContent()).toContain('wasm');
    expect(await chartPoints(page, 'loss')).toBe(3);
    const { before, after } = await recorded(page);
    expect(after.map((w) => w.length)).toEqual(before.map((w) => w.length));
    expect(largestChange(before, after)).toBeGreaterThan(1e-4);
    expect(errors).toEqual([]);
  });

  test('choosing a dataset is an undoable document edit, checked against the model with its fix', async () => {
    const { page } = await openApp(browser);
    await openExample(page, 'seed-lstm.json');
    await page.locator('[data-tab=train]').click();
    await panel(page).locator('[data-testid=train-dataset]').selectOption('blobs');
    await settled(page);
    expect((await graphOf(page)).training!.dataset).toEqual({ name: 'blobs' });
    const check = panel(page).locator('[data-testid=dataset-check][data-code=LW208]');
    await expect.poll(() => check.count()).toBeGreaterThan(0);
    expect(await panel(page).locator('[data-testid=train]').isDisabled()).toBe(true);

    await page.locator('[data-testid=undo]').click();
    await settled(page);
    expect((await graphOf(page)).training!.dataset).toEqual({ name: 'waves' });
    await expect.poll(() => panel(page).locator('[data-testid=dataset-check]').textContent()).toContain('The dataset fits the model');
    expect(await panel(page).locator('[data-testid=train-dataset]').inputValue()).toBe('waves');
  });

  test("a dataset check's fix is applied to the graph, after which the dataset fits", async () => {
    const { page } = await openApp(browser);
    await openExample(page, 'mnist-cnn.json');
    await page.locator('[data-tab=train]').click();
    await panel(page).locator('[data-testid=train-dataset]').selectOption('shapes');
    await settled(page);
    const fix = panel(page).locator('[data-testid=dataset-fix]');
    expect(await fix.textContent()).toContain("Set the shape of 'digit' to [64, 64, 3]");
    await fix.click();
    await settled(page);
    expect((await graphOf(page)).nodes.find((n) => n.id === 'digit')!.params).toMatchObject({ shape: [64, 64, 3] });
    await expect.poll(() => panel(page).locator('[data-testid=dataset-check]').textContent()).toContain('The dataset fits the model');
    expect(await panel(page).locator('[data-testid=train]').isEnabled()).toBe(true);
  });
});

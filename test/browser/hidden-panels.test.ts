/**
 * A tab that is not showing skips its work on each edit (the Summary table has a
 * row per layer; Train and Inspect check the dataset against the model; Code writes
 * TypeScript) and catches up when it shows: what it then shows is the graph as it
 * is, never as it was when the tab was left. A training run goes on meanwhile.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, selectNode, setField, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function openExample(page: Page, file: string) {
  await page.locator('[data-testid=examples]').click();
  await page.locator(`[data-testid=gallery] .card[data-file="${file}"]`).click();
  await settled(page);
}

/** Selects a node (which shows the Inspector: the other tabs are hidden) and sets one of its fields. */
async function editWhileHidden(page: Page, id: string, key: string, value: string) {
  await page.locator('[data-tab=inspector]').click();
  await selectNode(page, id);
  await setField(page, key, value);
}

const train = (page: Page) => page.locator('lw-train-panel');
/** The Train panel's own run state, read from the element (its DOM is not drawn while hidden). */
const trainPhase = (page: Page) => page.evaluate(() => (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('lw-train-panel') as unknown as { phase: string }).phase);

describe('the Summary tab', () => {
  test('edited while hidden, it shows the edited graph when opened again', async () => {
    const { page, errors } = await openApp(browser);
    const totals = page.locator('[data-testid=summary-totals]');
    const denseRow = page.locator('lw-summary-panel tbody tr', { hasText: 'dense' }).first();
    await page.locator('[data-tab=summary]').click();
    // (polled: on a cold dev server the seed graph can still be on its way in when the page first settles)
    await expect.poll(() => totals.textContent()).toContain('3,938,570');

    await selectNode(page, 'dense'); // opens the Inspector: the Summary is hidden from here
    await setField(page, 'units', '64');
    await page.locator('[data-tab=summary]').click();
    // Seed CNN with Dense(64): Conv2D 3·3·3·32 + 32, Dense 30752·64 + 64, Dense 64·10 + 10.
    const params = 3 * 3 * 3 * 32 + 32 + (30752 * 64 + 64) + (64 * 10 + 10);
    await expect.poll(() => totals.textContent()).toContain(params.toLocaleString('en-US'));
    expect(await denseRow.textContent()).toContain('[?, 64]');
    expect(errors).toEqual([]);
  });
});

describe('the Train tab', () => {
  test('edited while hidden so that its dataset no longer fits, then fits again, it says so each time it is opened', async () => {
    const { page, errors } = await openApp(browser);
    await openExample(page, 'seed-lstm.json'); // trains on 'waves': 10 classes
    const check = train(page).locator('[data-testid=dataset-check]');
    await page.locator('[data-tab=train]').click();
    await expect.poll(() => check.textContent()).toContain('The dataset fits the model');

    await editWhileHidden(page, 'dense', 'units', '4');
    // Hidden, it did nothing with the edit: what it last drew is still there.
    expect(await check.textContent()).toContain('The dataset fits the model');
    await page.locator('[data-tab=train]').click();
    await expect.poll(() => check.first().getAttribute('data-code')).toBe('LW208');
    expect(await check.first().textContent()).toContain("dataset 'waves'");
    expect(await train(page).locator('[data-testid=train]').isDisabled()).toBe(true);

    await editWhileHidden(page, 'dense', 'units', '10');
    await page.locator('[data-tab=train]').click();
    await expect.poll(() => check.textContent()).toContain('The dataset fits the model');
    expect(await train(page).locator('[data-testid=train]').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  test('a run goes on while the tab is hidden and the graph is edited: opened, it shows every batch, then which trained weights the edited graph keeps', { timeout: 240_000 }, async () => {
    const { page, errors } = await openApp(browser);
    await openExample(page, 'seed-lstm.json');
    await page.locator('[data-tab=train]').click();
    // 1200 samples, 10% held out: 1080 to train on, in batches of 8 → 135 batches an epoch, 270 in all (seconds of training).
    for (const [testid, value] of [['train-samples', 1200], ['train-epochs', 2], ['train-batch-size', 8]] as const) {
      const input = train(page).locator(`[data-testid=${testid}]`);
      await input.fill(String(value));
      await input.press('Enter');
    }
    await train(page).locator('[data-testid=train-backend]').selectOption('wasm');
    await train(page).locator('[data-testid=train]').click();
    await expect.poll(() => train(page).locator('[data-testid=train-progress]').getAttribute('aria-valuenow'), { timeout: 200_000 }).not.toBe('0');

    await page.locator('[data-tab=inspector]').click();
    expect(await trainPhase(page)).toBe('training'); // hidden mid-run
    await editWhileHidden(page, 'dense', 'units', '4');
    await editWhileHidden(page, 'dense', 'units', '7');
    await expect.poll(() => trainPhase(page), { timeout: 200_000 }).toBe('done');

    await page.locator('[data-tab=train]').click();
    await expect.poll(() => train(page).locator('[data-testid=train-status]').getAttribute('data-phase')).toBe('done');
    expect(await train(page).locator('[data-testid=train-figures]').textContent()).toContain('Epoch 2/2 · batch 135/135');
    expect(await train(page).locator('lw-train-chart[data-curve="loss"]').evaluate((el) => (el as unknown as { points: number }).points)).toBe(270);
    // It trained the graph as it was when Train was pressed (Dense 10); the graph now has Dense 7, the latest edit.
    const carried = train(page).locator('[data-testid=weights-carried]');
    expect(await carried.textContent()).toBe('Kept the trained weights of 1 layer; reset 1: dense (units 10 → 7).');

    // Back to the trained graph while hidden: nothing to say when it shows.
    await editWhileHidden(page, 'dense', 'units', '10');
    await page.locator('[data-tab=train]').click();
    await expect.poll(() => carried.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('the Inspect tab', () => {
  test('edited while hidden, it shows the cards of the edited graph when opened again', { timeout: 180_000 }, async () => {
    const { page, errors } = await openApp(browser);
    await openExample(page, 'seed-lstm.json');
    const lstmShape = page.locator('lw-inspect-panel [data-testid=inspect-card][data-node-id=lstm] .shape');
    await page.locator('[data-tab=inspect]').click();
    await expect.poll(() => lstmShape.textContent(), { timeout: 120_000 }).toBe('[1, 50]');

    await editWhileHidden(page, 'lstm', 'units', '20');
    await page.locator('[data-tab=inspect]').click();
    await expect.poll(() => lstmShape.textContent(), { timeout: 120_000 }).toBe('[1, 20]');
    expect(await page.locator('lw-inspect-panel [data-testid=inspect-card][data-node-id=dense] .shape').textContent()).toBe('[1, 10]');

    // Edited so that no dataset fits: opened, it says so instead of showing the old cards.
    await editWhileHidden(page, 'dense', 'units', '4');
    await page.locator('[data-tab=inspect]').click();
    await expect.poll(() => page.locator('lw-inspect-panel [data-testid=inspect-unavailable]').count()).toBe(1);
    expect(await page.locator('lw-inspect-panel [data-testid=inspect-card]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('the Code tab', () => {
  test('edited while hidden, it shows the code of the edited graph when opened again', async () => {
    const { page, errors } = await openApp(browser);
    await openExample(page, 'seed-lstm.json');
    const code = page.locator('lw-code-panel [data-testid=code]');
    await page.locator('[data-tab=code]').click();
    await expect.poll(() => code.textContent()).toContain('units: 10');

    await editWhileHidden(page, 'dense', 'units', '4');
    await page.locator('[data-tab=code]').click();
    await expect.poll(() => code.textContent()).toContain('units: 4');
    expect(await code.textContent()).not.toContain('units: 10');
    expect(errors).toEqual([]);
  });
});

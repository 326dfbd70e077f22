/**
 * The Summary tab's cost tools in a real Chromium: Profile measures every layer
 * of the seed CNN on the page's tfjs backend, the heat overlay tints the nodes
 * and goes when the graph changes; a budget set low warns on the heaviest node
 * and in the problems panel, as one undoable edit.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { graphOf, launch, node, openApp, selectNode, setField, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const LAYERS = ['conv2d', 'max_pooling2d', 'flatten', 'dense', 'dense_1'];
const summary = (page: Page) => page.locator('lw-summary-panel');
const heats = (page: Page) => page.locator('lw-node [data-testid=node-heat]');

/** The app in a fresh context whose first load may take long: a cold dev server on a loaded 2-core machine. */
async function open() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });
  context.setDefaultNavigationTimeout(180_000);
  context.setDefaultTimeout(180_000);
  return openApp(browser, { context });
}

async function openSummary(page: Page) {
  await page.locator('[data-tab=summary]').click();
  await settled(page);
}

describe('profile', () => {
  test('measures every layer, tints the canvas, and a graph edit clears both', async () => {
    const { page, errors } = await open();
    await openSummary(page);
    await summary(page).locator('[data-testid=profile-run]').click();
    // tfjs loads on first use: on a cold dev server that can take minutes.
    await summary(page).locator('[data-testid=profile-note], [data-testid=profile-error]').waitFor({ timeout: 300_000 });
    expect(await summary(page).locator('[data-testid=profile-error]').count(), await summary(page).locator('[data-testid=profile-error]').allTextContents().then(String)).toBe(0);
    for (const id of LAYERS) {
      const ms = await summary(page).locator(`tr[data-node-id="${id}"] [data-testid=row-ms]`).textContent();
      expect(ms, id).toMatch(/^\d+\.\d+ ms$/);
    }
    expect(await summary(page).locator('tr[data-node-id="image"] [data-testid=row-ms]').count()).toBe(0);

    // Profiling turns the overlay on, by time: every layer tinted, the hottest at full heat, the Input not at all.
    expect(await summary(page).locator('[data-testid=cost-overlay]').inputValue()).toBe('time');
    await settled(page);
    const tinted = await page.locator('lw-node:has([data-testid=node-heat])').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.nodeId).sort());
    expect(tinted).toEqual([...LAYERS].sort());
    const levels = await heats(page).evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.heat)));
    expect(Math.max(...levels)).toBe(1);
    expect(await heats(page).first().evaluate((e) => getComputedStyle(e).getPropertyValue('--heat'))).not.toBe('');
    expect(await node(page, 'dense').locator('[data-testid=node-cost]').textContent()).toMatch(/ms · \d+%$/);

    // FLOPs need no profile and follow the checker: the conv and the big Dense hold nearly all of them.
    await summary(page).locator('[data-testid=cost-overlay]').selectOption('flops');
    await settled(page);
    expect(await node(page, 'dense').locator('[data-testid=node-cost]').textContent()).toMatch(/^7\.9 M FLOPs · 53%$/);
    await summary(page).locator('[data-testid=cost-overlay]').selectOption('off');
    await settled(page);
    expect(await heats(page).count()).toBe(0);
    await summary(page).locator('[data-testid=cost-overlay]').selectOption('time');
    await settled(page);
    expect(await heats(page).count()).toBe(LAYERS.length);

    // A graph edit makes the measurement stale: rows lose their times, nodes their tint.
    await selectNode(page, 'dense');
    await setField(page, 'units', '64');
    await openSummary(page);
    expect(await heats(page).count()).toBe(0);
    expect(await summary(page).locator('[data-testid=row-ms]').count()).toBe(0);
    expect(await summary(page).locator('[data-testid=cost-overlay]').inputValue()).toBe('off');
    expect(errors).toEqual([]);
  }, 480_000);
});

describe('budget', () => {
  test('a low weight budget warns on the heaviest node and in the problems panel; undo takes it back', async () => {
    const { page, errors } = await open();
    await openSummary(page);
    const field = summary(page).locator('[data-testid=budget-weightMB]');
    await field.fill('1');
    await field.press('Enter');
    await settled(page);
    expect((await graphOf(page)).budget).toEqual({ weightMB: 1 });
    await expect.poll(() => node(page, 'dense').getAttribute('class')).toContain('warning');
    expect(await node(page, 'dense').getAttribute('title')).toContain('over the budget of 1.00 MB');
    const problems = await page.locator('lw-diagnostics-panel [data-testid=diagnostics]').textContent();
    expect(problems).toContain("The weights take 15.02 MB, over the budget of 1.00 MB: 'dense' holds 100%");
    expect(await summary(page).locator('[data-testid=total-weights]').getAttribute('class')).toContain('over');

    await page.locator('[data-testid=undo]').click();
    await settled(page);
    expect((await graphOf(page)).budget).toBeUndefined();
    expect(await node(page, 'dense').getAttribute('class')).not.toContain('warning');
    expect(await page.locator('lw-diagnostics-panel').textContent()).not.toContain('over the budget');
    expect(await field.inputValue()).toBe('');

    // A value the schema refuses is not applied: the field shows the document's value again.
    await field.fill('-5');
    await field.press('Enter');
    await settled(page);
    expect((await graphOf(page)).budget).toBeUndefined();
    expect(await field.inputValue()).toBe('');
    expect(errors).toEqual([]);
  }, 240_000);
});

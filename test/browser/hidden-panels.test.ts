/**
 * A tab that is not showing skips its work on each edit (the Summary table has a
 * row per layer) and catches up when it shows: what it then shows is the graph
 * as it is, never as it was when the tab was left.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openApp, selectNode, setField } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

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

/**
 * The editor never loses work: every edit is in localStorage before the tab
 * can die, a reload brings it back, and a file or link that cannot be opened
 * changes neither the graph on screen nor the autosave.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, graphOf, launch, openApp, selectNode, setField, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const autosaved = (page: Page) => page.evaluate(() => localStorage.getItem('layerwire:autosave'));
const unitsOf = async (page: Page, id: string) => (await graphOf(page)).nodes.find((n) => n.id === id)?.params.units;

/**
 * A fresh profile like openApp's, with room for a slow machine: every test
 * here loads the app several times, and a cold Vite dev server on a busy
 * 2-core box can take longer than Playwright's 30 s per navigation.
 */
async function freshApp(): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(120_000);
  return { page: (await openApp(browser, { context })).page, context };
}

/** A second tab of the same profile (same origin, same storage), opened after the first one is gone. */
async function reopen(context: BrowserContext, url = baseURL()): Promise<Page> {
  return (await openApp(browser, { context, url })).page;
}

/** An edit a person makes: Dense's units through the inspector. */
async function edit(page: Page, units: string) {
  await selectNode(page, 'dense');
  await setField(page, 'units', units);
}

describe('autosave', { timeout: 300_000 }, () => {
  test('a tab that crashes right after an edit, without any unload event: the next tab has the edit', async () => {
    const { page, context } = await freshApp();
    expect(await unitsOf(page, 'dense')).not.toBe(77);
    await edit(page, '77');
    // The renderer dies at once: no beforeunload, no unload, no pagehide.
    const cdp = await context.newCDPSession(page);
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await page.close().catch(() => undefined);

    const next = await reopen(context);
    expect(await unitsOf(next, 'dense')).toBe(77);
    await context.close();
  });

  test('a tab closed without running unload handlers, and a reload: the edit is there each time', async () => {
    const { page, context } = await freshApp();
    await edit(page, '55');
    await page.close({ runBeforeUnload: false });
    const next = await reopen(context);
    expect(await unitsOf(next, 'dense')).toBe(55);

    await edit(next, '56');
    const before = await graphOf(next);
    await next.reload();
    await settled(next);
    expect(await graphOf(next)).toEqual(before);
    expect(await unitsOf(next, 'dense')).toBe(56);
    await context.close();
  });

  test('a corrupt file keeps the graph and the autosave as they were', async () => {
    const { page, context } = await freshApp();
    await edit(page, '33');
    const graph = await graphOf(page);
    const saved = await autosaved(page);
    expect(JSON.parse(saved!)).toEqual(graph);

    const dir = mkdtempSync(join(tmpdir(), 'layerwire-autosave-'));
    for (const [name, text] of [
      ['truncated.layerwire.json', JSON.stringify(graph).slice(0, 200)],
      ['wrong-version.layerwire.json', JSON.stringify({ ...graph, version: 99 })],
      ['nodes-not-a-list.layerwire.json', JSON.stringify({ ...graph, nodes: 'oops' })],
    ] as const) {
      writeFileSync(join(dir, name), text);
      await page.evaluate(() => document.querySelector('layerwire-app')!.shadowRoot!.querySelector('[data-testid=notice]')?.remove());
      await page.locator('[data-testid=file-input]').setInputFiles(join(dir, name));
      // Whichever answer comes: the "Opened …" notice would mean the file replaced the graph.
      await page.locator('[data-testid=notice], [data-testid=load-error][open]').first().waitFor();
      await settled(page);
      expect(await page.locator('[data-testid=load-error][open]').isVisible(), name).toBe(true);
      expect(await graphOf(page), name).toEqual(graph);
      expect(await autosaved(page), name).toBe(saved);
      await page.evaluate(() => document.querySelector('layerwire-app')!.shadowRoot!.querySelector('lw-load-error')!.shadowRoot!.querySelector('dialog')!.close());
    }
    await context.close();
  });

  test('a broken share link (#graph=) keeps the autosaved graph and the autosave as they were', async () => {
    const { page, context } = await freshApp();
    await edit(page, '44');
    const graph = await graphOf(page);
    const saved = await autosaved(page);
    await page.close();

    for (const hash of ['#graph=not-base64-deflate!!', '#graph=', '#graph=AAAA']) {
      const next = await reopen(context, `${baseURL()}${hash}`);
      await next.locator('[data-testid=load-error][open]').waitFor();
      expect(await graphOf(next), hash).toEqual(graph);
      expect(await autosaved(next), hash).toBe(saved);
      await next.close();
    }
    await context.close();
  });
});

/**
 * The editor never loses work: every edit is in localStorage before the tab
 * can die, a reload brings it back, a file or link that cannot be opened
 * changes neither the graph on screen nor the autosave, and an autosave this
 * version cannot read is kept, never overwritten.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

const BASE = 'layerwire:autosave';
const JOURNAL = 'layerwire:autosave:journal';
/** Everything the autosave stores, as stored: the base document and the journal of edits since. */
const autosaved = (page: Page) => page.evaluate(([base, journal]) => [localStorage.getItem(base), localStorage.getItem(journal)], [BASE, JOURNAL]);
/** The document the stored autosave gives, read as the app reads it at startup. */
const autosavedGraph = (page: Page): Promise<unknown> => page.evaluate(`import('/src/document/autosave.ts').then((m) => m.loadLocal()?.json)`);
/** Every key an unreadable autosave was moved to, with its text. */
const keptAside = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('layerwire:autosave:unreadable:')).map((k) => [k, localStorage.getItem(k)])));
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
    // The edit went to the journal, on top of the base written at startup: the crash tests that path.
    const [, journal] = await autosaved(page);
    expect(journal).toContain('"units":77');
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
    expect(await autosavedGraph(page)).toEqual(graph);

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
      expect(await autosaved(page), name).toEqual(saved);
      await page.evaluate(() => document.querySelector('layerwire-app')!.shadowRoot!.querySelector('lw-load-error')!.shadowRoot!.querySelector('dialog')!.close());
    }
    await context.close();
  });

  test('a broken share link (#graph=) keeps the autosaved graph and the autosave as they were', async () => {
    const { page, context } = await freshApp();
    await edit(page, '44');
    const graph = await graphOf(page);
    expect(await autosavedGraph(page)).toEqual(graph);
    await page.close();

    for (const hash of ['#graph=not-base64-deflate!!', '#graph=', '#graph=AAAA']) {
      const next = await reopen(context, `${baseURL()}${hash}`);
      await next.locator('[data-testid=load-error][open]').waitFor();
      expect(await graphOf(next), hash).toEqual(graph);
      // Opening the tab stores the graph afresh (the whole of it, no journal), the same graph.
      expect(await autosavedGraph(next), hash).toEqual(graph);
      await next.close();
    }
    await context.close();
  });

  /** Replaces the autosave with `text` (and no journal), as another program or a newer Layerwire could have left it, and reloads. */
  async function reloadWithAutosave(page: Page, text: string) {
    await page.evaluate(([base, journal, value]) => {
      localStorage.setItem(base!, value!);
      localStorage.removeItem(journal!);
    }, [BASE, JOURNAL, text]);
    await page.reload();
    await settled(page);
  }

  test('an autosave written by a newer Layerwire is kept aside, said so and offered as a file; edits never overwrite it', async () => {
    const { page, context } = await freshApp();
    const newer = JSON.stringify({ ...(await graphOf(page)), version: 99, name: 'my_week_of_work' });
    await reloadWithAutosave(page, newer);

    const dialog = page.locator('[data-testid=load-error][open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('version');
    const kept = await keptAside(page);
    expect(Object.values(kept)).toEqual([newer]);
    expect(await page.locator('[data-testid=autosave-kept]').textContent()).toContain(Object.keys(kept)[0]);
    expect((await graphOf(page)).name).not.toBe('my_week_of_work');

    const download = page.waitForEvent('download');
    await page.locator('[data-testid=autosave-download]').click();
    expect(readFileSync((await (await download).path())!, 'utf8')).toBe(newer);
    await page.locator('[data-testid=load-error] header button').click();

    await edit(page, '21');
    expect(await keptAside(page)).toEqual(kept);
    expect(((await autosavedGraph(page)) as { nodes: { id: string; params: { units?: number } }[] }).nodes.find((n) => n.id === 'dense')?.params.units).toBe(21);
    // Read once, kept once: the next load opens the new autosave without a word.
    await page.reload();
    await settled(page);
    expect(await unitsOf(page, 'dense')).toBe(21);
    expect(await page.locator('[data-testid=load-error][open]').count()).toBe(0);
    expect(await keptAside(page)).toEqual(kept);
    await context.close();
  });

  test('a damaged autosave (not JSON) is kept aside too, and the note is in Chinese for a Chinese browser', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', colorScheme: 'light' });
    context.setDefaultTimeout(120_000);
    context.setDefaultNavigationTimeout(120_000);
    const { page } = await openApp(browser, { context });
    const damaged = JSON.stringify(await graphOf(page)).slice(0, 300);
    await reloadWithAutosave(page, damaged);
    await page.locator('[data-testid=load-error][open]').waitFor();
    expect(Object.values(await keptAside(page))).toEqual([damaged]);
    expect(await page.locator('[data-testid=autosave-kept]').textContent()).toContain('没有覆盖任何内容');
    expect(await page.locator('[data-testid=autosave-download]').textContent()).toContain('下载');
    await context.close();
  });
});

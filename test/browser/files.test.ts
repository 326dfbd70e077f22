import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { graphOf, launch, node, openApp, selectNode, setField, settled } from './harness';

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'layerwire-files-'));
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function downloadsOf(page: Page, count: number, action: () => Promise<void>): Promise<Download[]> {
  const downloads: Download[] = [];
  const done = new Promise<void>((resolve) => {
    page.on('download', (d) => {
      downloads.push(d);
      if (downloads.length === count) resolve();
    });
  });
  await action();
  await done;
  return downloads;
}

/** Opens files through the file picker and waits for the app's answer: the "Opened …" notice, or the load-error dialog. */
async function openFiles(page: Page, paths: string[]) {
  await page.evaluate(() => {
    const app = document.querySelector('layerwire-app')!.shadowRoot!;
    app.querySelector('[data-testid=notice]')?.remove();
    app.querySelector('lw-load-error')!.shadowRoot!.querySelector('dialog')!.close();
  });
  await page.locator('[data-testid=file-input]').setInputFiles(paths);
  await page.locator('[data-testid=notice], [data-testid=load-error][open]').first().waitFor();
  await settled(page);
}

describe('files', () => {
  test('save, then open the file in a fresh browser: the same document', async () => {
    const { page } = await openApp(browser);
    await selectNode(page, 'dense');
    await setField(page, 'units', '64');
    await setField(page, 'name', 'hidden');
    const [download] = await downloadsOf(page, 1, () => page.locator('[data-testid=save]').click());
    expect(download!.suggestedFilename()).toBe('seed_cnn.layerwire.json');
    const path = join(dir, 'saved.layerwire.json');
    await download!.saveAs(path);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved).toEqual(await graphOf(page));

    const other = await openApp(browser);
    await openFiles(other.page, [path]);
    expect(await graphOf(other.page)).toEqual(saved);
    expect(await node(other.page, 'dense').locator('[data-testid=node-name]').textContent()).toBe('hidden');
  });

  test('every change is autosaved: a reload restores the last state', async () => {
    const { page } = await openApp(browser);
    await selectNode(page, 'conv2d');
    await setField(page, 'filters', '12');
    await selectNode(page, 'flatten');
    await page.keyboard.press('Delete');
    await settled(page);
    const before = await graphOf(page);
    await page.reload();
    await settled(page);
    expect(await graphOf(page)).toEqual(before);
    await expect.poll(() => node(page, 'conv2d').locator('[data-testid=node-shape]').textContent()).toBe('[?, 62, 62, 12]');
  });

  test('a file that fails to load is reported with its JSON paths, and the graph is kept', async () => {
    const { page } = await openApp(browser);
    const before = await graphOf(page);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'layerwire.graph', version: 1, nodes: [{ id: 'a', type: 'Dense', params: {}, position: { x: 'left', y: 0 } }], edges: [{ from: { node: 'a' } }] }));
    await openFiles(page, [bad]);
    const dialog = page.locator('[data-testid=load-error]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const text = await dialog.textContent();
    expect(text).toContain('bad.json');
    expect(text).toContain('nodes[0].position.x');
    expect(text).toContain('edges[0].from.port');
    expect(text).toContain('kept');
    expect(await graphOf(page)).toEqual(before);

    await page.keyboard.press('Escape');
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"format": "layerwire.graph", nodes: oops');
    await openFiles(page, [garbage]);
    await expect.poll(() => dialog.textContent()).toContain('not valid JSON');
    expect(await graphOf(page)).toEqual(before);
  });

  test('a Keras model.json opens through the importer', async () => {
    const { page } = await openApp(browser);
    await openFiles(page, [fileURLToPath(new URL('../fixtures/keras3-seed-cnn.json', import.meta.url))]);
    const graph = await graphOf(page);
    expect(graph.name).toBe('seed_cnn');
    expect(graph.nodes.map((n) => n.type)).toContain('Conv2D');
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toContain('No errors');
  });

  test('the tfjs artifacts download (WASM backend, served locally) and open again with their weights', async () => {
    const { page, errors } = await openApp(browser);
    await page.locator('[data-tab=code]').click();
    await expect.poll(() => page.locator('[data-testid=backend]').textContent(), { timeout: 30_000 }).toBe('tfjs · wasm');
    const downloads = await downloadsOf(page, 2, () => page.locator('[data-testid=download-tfjs]').click());
    const names = downloads.map((d) => d.suggestedFilename()).sort();
    expect(names).toEqual(['seed_cnn.json', 'seed_cnn.weights.bin']);
    const paths = await Promise.all(downloads.map(async (d) => {
      const path = join(dir, d.suggestedFilename());
      await d.saveAs(path);
      return path;
    }));
    const modelJson = JSON.parse(readFileSync(paths.find((p) => p.endsWith('.json'))!, 'utf8'));
    expect(modelJson.format).toBe('layers-model');

    const other = await openApp(browser);
    await openFiles(other.page, paths);
    const imported = await graphOf(other.page);
    expect(imported.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense']);
    expect(imported.nodes.find((n) => n.type === 'Conv2D')!.weights?.map((w) => w.shape)).toEqual([[3, 3, 3, 32], [32]]);
    expect(errors).toEqual([]);
  });

  test('a share link carries the whole graph', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const { page } = await openApp(browser, { context });
    await selectNode(page, 'dense');
    await setField(page, 'units', '42');
    await page.locator('[data-testid=share]').click();
    const link = await page.locator('[data-testid=share-link]').inputValue();
    expect(link).toMatch(/#graph=[\w-]+$/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const shared = await graphOf(page);

    const fresh = await openApp(browser, { url: link });
    expect(await graphOf(fresh.page)).toEqual(shared);
    expect(fresh.page.url()).not.toContain('#graph=');
    // The link opened on top of what this browser had: undo goes back to it.
    await fresh.page.locator('[data-testid=undo]').click();
    await settled(fresh.page);
    expect((await graphOf(fresh.page)).nodes.find((n) => n.id === 'dense')!.params.units).toBe(128);
  });
});

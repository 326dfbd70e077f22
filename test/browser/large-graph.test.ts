/**
 * A 1,000-node graph: only the nodes and wires on the canvas are drawn in
 * full (the rest are empty boxes of the same size until scrolled to), and
 * none of that may show: a node brought into view by scrolling, zooming,
 * fitting or selecting shows its current name, shape and parameters, edits
 * made while it was off screen included, and the minimap shows every node.
 * Wires far from the canvas are not drawn at all until it comes near them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { shapeChain } from '../../bench/editor';
import { graphOf, launch, openApp, setField, settled } from './harness';

const SIZE = 1000;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await openApp(browser));
  page.setDefaultTimeout(120_000);
  await page.evaluate(async (d) => {
    const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { load(d: unknown, o: unknown): Promise<void> };
    await editor.load(d, { record: false, fit: true });
  }, shapeChain(SIZE));
  await settled(page);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

/** Runs a method of the editor element in the page, then waits for the canvas to catch up. */
async function call(method: 'zoomToFit' | 'focusNode', ...args: unknown[]): Promise<void> {
  await page.evaluate(
    async ({ method, args }) => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as Record<string, (...a: unknown[]) => Promise<void>>;
      await editor[method]!(...args);
    },
    { method, args },
  );
  await settled(page);
}

/** Per node on the canvas: whether it overlaps the canvas, whether it is drawn in full, and its texts. */
async function drawnNodes(page: Page) {
  // The observer that reveals nodes reports after a frame's layout: let two frames pass.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    const root = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor')!.shadowRoot!;
    const canvas = root.querySelector('.canvas')!.getBoundingClientRect();
    return [...root.querySelectorAll('lw-node')].map((el) => {
      const r = el.getBoundingClientRect();
      return {
        id: (el as HTMLElement).dataset.nodeId!,
        onScreen: r.right > canvas.left && r.left < canvas.right && r.bottom > canvas.top && r.top < canvas.bottom,
        full: el.querySelector('.node') !== null,
        name: el.querySelector('[data-testid=node-name]')?.textContent ?? null,
        shape: el.querySelector('[data-testid=node-shape]')?.textContent ?? null,
        summary: el.querySelector('.summary')?.textContent?.trim() ?? null,
      };
    });
  });
}

const byId = async (id: string) => (await drawnNodes(page)).find((n) => n.id === id)!;

/** The ids (source and target node) of the wires drawn on the canvas. */
function drawnWires(page: Page): Promise<{ from: string; to: string }[]> {
  return page.evaluate(() => {
    const root = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor')!.shadowRoot!;
    return [...root.querySelectorAll('rete-connection-wrapper')]
      .map((w) => w.shadowRoot?.querySelector('lw-wire')?.shadowRoot?.querySelector('[data-testid=wire]')?.getAttribute('data-wire-id'))
      .filter((id): id is string => Boolean(id))
      .map((id) => ({ from: id.split('\u0000')[0]!, to: id.split('\u0000')[2]! }));
  });
}

describe('a 1,000-node graph', { timeout: 300_000 }, () => {
  test('opens with every node on the canvas, those on screen drawn in full, the far ones not yet', async () => {
    const nodes = await drawnNodes(page);
    expect(nodes).toHaveLength(SIZE);
    const onScreen = nodes.filter((n) => n.onScreen);
    expect(onScreen.length).toBeGreaterThan(0);
    expect(onScreen.filter((n) => !n.full)).toEqual([]);
    expect(nodes.find((n) => n.id === 'n1')).toMatchObject({ full: true, shape: '[?, 64]' });
    // n999 sits about 40,000 px to the right of a graph opened at a readable zoom from its inputs.
    expect(nodes.find((n) => n.id === `n${SIZE - 1}`)).toMatchObject({ onScreen: false, full: false });
    expect(nodes.filter((n) => n.full).length).toBeLessThan(SIZE / 2);
    // Every wire into or out of a node on screen is drawn; the far ones are not.
    const wires = await drawnWires(page);
    const shown = new Set(onScreen.map((n) => n.id));
    const touching = shapeChain(SIZE).edges.filter((e) => shown.has(e.from.node) || shown.has(e.to.node));
    expect(touching.length).toBeGreaterThan(0);
    for (const e of touching) expect(wires).toContainEqual({ from: e.from.node, to: e.to.node });
    expect(wires.some((w) => w.to === `n${SIZE - 1}`)).toBe(false);
    expect(wires.length).toBeLessThan(SIZE / 4);
  });

  test('an edit made while a node is off screen shows on it when it is brought into view', async () => {
    const far = `n${SIZE - 1}`; // a Dropout, never drawn yet
    const renders = () =>
      page.evaluate((far) => {
        const root = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor')!.shadowRoot!;
        return (root.querySelector(`lw-node[data-node-id="${far}"]`) as unknown as { renderCount: number }).renderCount;
      }, far);
    const rendersBefore = await renders();
    await page.evaluate((far) => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { edit(f: (d: unknown) => unknown): boolean };
      editor.edit((d) => {
        const doc = d as ReturnType<typeof shapeChain>;
        return { ...doc, nodes: doc.nodes.map((n) => (n.id === 'n1' ? { ...n, params: { ...n.params, units: 48 } } : n.id === far ? { ...n, name: 'far_dropout', params: { ...n.params, rate: 0.35 } } : n)) };
      });
    }, far);
    await settled(page);
    expect(await byId(far)).toMatchObject({ full: false });
    // A plain box shows none of what changed: the edit did not draw it again.
    expect(await renders()).toBe(rendersBefore);
    await call('focusNode', far);
    expect(await byId(far)).toMatchObject({ onScreen: true, full: true, name: 'far_dropout', shape: '[?, 48]' });
    expect((await byId(far)).summary).toContain('rate 0.35');
    // Its wires are drawn too, labelled with the new shape.
    const labels = await page.locator(`[data-testid=wire-label]`).allTextContents();
    expect(labels).toContain('[?, 48]');
    expect(labels).not.toContain('[?, 64]');
  });

  test('a node edited through the inspector after it was scrolled away shows the edit when scrolled back', async () => {
    const node = `n${SIZE - 5}`; // a Dropout near the end
    await call('focusNode', node);
    await setField(page, 'rate', '0.45');
    await call('focusNode', 'n1');
    expect(await byId(node)).toMatchObject({ onScreen: false });
    await setField(page, 'units', '40'); // n1 is selected now: its edit reshapes every node, n995 included
    await call('focusNode', node);
    const shown = await byId(node);
    expect(shown).toMatchObject({ onScreen: true, full: true, shape: '[?, 40]' });
    expect(shown.summary).toContain('rate 0.45');
    expect((await graphOf(page)).nodes.find((n) => n.id === node)?.params.rate).toBe(0.45);
  });

  test('zoomed to fit, every node on screen is drawn in full and the minimap shows all of them', async () => {
    await call('zoomToFit');
    const nodes = await drawnNodes(page);
    const onScreen = nodes.filter((n) => n.onScreen);
    expect(onScreen.length).toBeGreaterThan(100);
    expect(onScreen.filter((n) => !n.full)).toEqual([]);
    for (const n of onScreen) if (n.id !== 'n0') expect(n.shape).toBe('[?, 40]');
    const minimapNodes = await page.evaluate(() => {
      const minimap = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor')!.shadowRoot!.querySelector('lw-minimap');
      return minimap?.shadowRoot?.querySelectorAll('svg rect').length ?? 0;
    });
    expect(minimapNodes).toBe(SIZE);
  });

  test('arranged on load, every wire counts, also those not drawn: each layer sits below the one that feeds it', async () => {
    // One long row, every wire running sideways: the editor arranges it as it opens, when only the wires near the canvas are drawn.
    await call('focusNode', 'n0'); // at a readable zoom again, as a graph opens: far from most of the row
    // New ids, so that no node or wire drawn for the 1,000-node graph stays.
    const stacked = shapeChain(200);
    const renamed = (id: string) => `row${id}`;
    const piled = {
      ...stacked,
      nodes: stacked.nodes.map((n, i) => ({ ...n, id: renamed(n.id), position: { x: i * 300, y: 0 } })),
      edges: stacked.edges.map((e) => ({ from: { ...e.from, node: renamed(e.from.node) }, to: { ...e.to, node: renamed(e.to.node) } })),
    };
    await page.evaluate(async (d) => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { load(d: unknown, o: unknown): Promise<void> };
      await editor.load(d, { record: false, fit: true });
    }, piled);
    await settled(page);
    const arranged = new Map((await graphOf(page)).nodes.map((n) => [n.id, n.position]));
    const below = piled.edges.filter((e) => arranged.get(e.to.node)!.y > arranged.get(e.from.node)!.y);
    expect(below.length).toBe(piled.edges.length);
    expect((await drawnWires(page)).length).toBeLessThan(piled.edges.length);
  });
});

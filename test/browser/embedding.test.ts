import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { graphOf, launch, mod, node, openApp, selectNode, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('<layerwire-editor> on its own', () => {
  test('setting `graph` renders and checks it; `graph-change` and `diagnostics` follow every edit', async () => {
    const { page } = await openApp(browser);
    const result = await page.evaluate(async () => {
      const host = document.createElement('div');
      host.style.cssText = 'position:fixed;left:0;top:0;width:600px;height:400px;z-index:100';
      document.body.append(host);
      const editor = document.createElement('layerwire-editor') as HTMLElement & { graph: unknown; edit(f: (d: any) => any): boolean; whenSettled(): Promise<void> };
      editor.style.cssText = 'display:block;width:100%;height:100%';
      const events: { type: string; detail: any }[] = [];
      editor.addEventListener('graph-change', (e) => events.push({ type: 'graph-change', detail: (e as CustomEvent).detail }));
      editor.addEventListener('diagnostics', (e) => events.push({ type: 'diagnostics', detail: (e as CustomEvent).detail }));
      host.append(editor);
      editor.graph = {
        format: 'layerwire.graph',
        version: 1,
        name: 'tiny',
        nodes: [
          { id: 'x', type: 'Input', params: { shape: [8] }, position: { x: 0, y: 0 } },
          { id: 'y', type: 'Dense', params: { units: 3 }, position: { x: 400, y: 0 } },
        ],
        edges: [{ from: { node: 'x', port: 'out' }, to: { node: 'y', port: 'in' } }],
        blocks: {},
      };
      await editor.whenSettled();
      const drawn = editor.shadowRoot!.querySelectorAll('lw-node').length;
      const firstDiagnostics = events.filter((e) => e.type === 'diagnostics').at(-1)!.detail;
      editor.edit((d) => ({ ...d, edges: [] }));
      await editor.whenSettled();
      const last = events.filter((e) => e.type === 'diagnostics').at(-1)!.detail as { severity: string; code: string }[];
      const lastGraph = events.filter((e) => e.type === 'graph-change').at(-1)!.detail as { edges: unknown[] };
      let refused: { path: string }[] = [];
      editor.addEventListener('load-error', (e) => (refused = (e as CustomEvent).detail));
      editor.graph = { format: 'layerwire.graph', version: 1, nodes: [{ id: 'x', type: 'Input' }], edges: 'none' };
      const kept = (editor.graph as { name: string }).name;
      return { drawn, firstDiagnostics, last: last.map((d) => `${d.severity} ${d.code}`), edges: lastGraph.edges.length, refused: refused.map((e) => e.path), kept };
    });
    expect(result.drawn).toBe(2);
    expect(result.firstDiagnostics).toEqual([]);
    expect(result.last).toContain('error LW107');
    expect(result.edges).toBe(0);
    expect(result.refused).toContain('edges');
    expect(result.kept).toBe('tiny');
  });
});

describe('moving and selecting', () => {
  test('dragging a node is one undoable edit', async () => {
    const { page } = await openApp(browser);
    const before = (await graphOf(page)).nodes.find((n) => n.id === 'flatten')!.position;
    const box = (await node(page, 'flatten').boundingBox())!;
    await page.mouse.move(box.x + 60, box.y + 14);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + 114, { steps: 8 });
    await page.mouse.up();
    await settled(page);
    const after = (await graphOf(page)).nodes.find((n) => n.id === 'flatten')!.position;
    expect(after.x - before.x).toBeGreaterThan(50);
    expect(after.y - before.y).toBeGreaterThan(50);
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect((await graphOf(page)).nodes.find((n) => n.id === 'flatten')!.position).toEqual(before);
  });

  test('a wire can be selected and deleted', async () => {
    const { page } = await openApp(browser);
    await selectNode(page, 'dense');
    const wires = await page.locator('[data-testid=wire]').count();
    const label = page.locator('[data-testid=wire-label]', { hasText: '[?, 128]' });
    const box = (await label.boundingBox())!;
    // The label sits on the wire, which runs down through it, and lets a click through to the wire.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await settled(page);
    await page.keyboard.press('Delete');
    await settled(page);
    const graph = await graphOf(page);
    expect(graph.edges.some((e) => e.from.node === 'dense' && e.to.node === 'dense_1')).toBe(false);
    expect(graph.nodes).toHaveLength(6);
    expect(await page.locator('[data-testid=wire]').count()).toBe(wires - 1);
  });
});

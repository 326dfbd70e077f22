/**
 * `<layerwire-editor>` listens on itself, the window and the document while it
 * is in the page; taken out of the page, it must stop listening everywhere,
 * or every editor ever shown keeps handling keys and pointers. A listener
 * added for the capture phase is removed only when removal names the capture
 * phase too, so each removal must match its addition, options included.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp } from './harness';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ page } = await openApp(browser));
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('an editor taken out of the page', () => {
  test('removes every listener it added, each for the phase it was added for', async () => {
    const calls = await page.evaluate(() => {
      const editor = document.createElement('layerwire-editor');
      const added: string[] = [];
      const removed: string[] = [];
      const phase = (options: boolean | EventListenerOptions | undefined) => (typeof options === 'boolean' ? options : Boolean(options?.capture)) ? 'capture' : 'bubble';
      // Spies on the editor itself, the window and the document, wherever the editor adds a listener.
      for (const [name, target] of [['editor', editor], ['window', window], ['document', document]] as const) {
        const add = target.addEventListener.bind(target);
        const remove = target.removeEventListener.bind(target);
        target.addEventListener = (type: string, handler: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) => {
          added.push(`${name} ${type} ${phase(options)}`);
          add(type, handler as EventListenerOrEventListenerObject, options);
        };
        target.removeEventListener = (type: string, handler: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) => {
          removed.push(`${name} ${type} ${phase(options)}`);
          remove(type, handler as EventListenerOrEventListenerObject, options);
        };
      }
      document.body.append(editor);
      editor.remove();
      for (const target of [editor, window, document]) {
        delete (target as Partial<EventTarget>).addEventListener;
        delete (target as Partial<EventTarget>).removeEventListener;
      }
      return { added, removed };
    });
    expect(calls.added).toContain('editor pointerdown capture');
    expect(calls.added).toContain('window keydown bubble');
    expect([...calls.removed].sort()).toEqual([...calls.added].sort());
  });
});

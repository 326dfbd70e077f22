/**
 * The journaled autosave loads back exactly the document that was saved:
 * after every kind of edit, after a crash between any two storage writes,
 * and with a journal that belongs to another base left aside.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { GraphDocument } from '../schemas/graph';
import { documentText, journalBase, journalText, readJournal } from '../src/document/autosave-journal';
import { example } from './documents';

/** Input → Dense → a chain of Dropouts, like the editor benchmark's graphs. */
function chain(size: number): GraphDocument {
  const nodes: GraphDocument['nodes'] = [
    { id: 'n0', type: 'Input', params: { shape: [16] }, position: { x: 0, y: 0 } },
    { id: 'n1', type: 'Dense', params: { units: 64 }, position: { x: 0, y: 160 } },
  ];
  const edges: GraphDocument['edges'] = [{ from: { node: 'n0', port: 'out' }, to: { node: 'n1', port: 'in' } }];
  for (let i = 2; i < size; i++) {
    nodes.push({ id: `n${i}`, type: 'Dropout', params: { rate: 0.1 }, position: { x: Math.floor(i / 10) * 400, y: (i % 10) * 160 } });
    edges.push({ from: { node: `n${i - 1}`, port: 'out' }, to: { node: `n${i}`, port: 'in' } });
  }
  return { format: 'layerwire.graph', version: 1, name: `chain_${size}`, nodes, edges, blocks: {} };
}

const setParam = (d: GraphDocument, id: string, params: Record<string, unknown>): GraphDocument => ({
  ...d,
  nodes: d.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } } : n)),
});

/** Edits as the editor makes them: new objects only for what changed. */
const edits: [string, (d: GraphDocument) => GraphDocument][] = [
  ['a parameter', (d) => setParam(d, 'n1', { units: 65 })],
  ['two parameters far apart', (d) => setParam(setParam(d, 'n2', { rate: 0.5 }), 'n40', { rate: 0.2 })],
  ['a move', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'n3' ? { ...n, position: { x: 5, y: 6 } } : n)) })],
  ['a node added at the end', (d) => ({ ...d, nodes: [...d.nodes, { id: 'x', type: 'Dense', params: { units: 3 }, position: { x: 1, y: 2 } }] })],
  ['a node added in the middle', (d) => ({ ...d, nodes: [...d.nodes.slice(0, 5), { id: 'x', type: 'ReLU', params: {}, position: { x: 0, y: 0 } }, ...d.nodes.slice(5)] })],
  ['a node removed with its wires', (d) => ({ ...d, nodes: d.nodes.filter((n) => n.id !== 'n7'), edges: d.edges.filter((e) => e.from.node !== 'n7' && e.to.node !== 'n7') })],
  ['nodes reordered', (d) => ({ ...d, nodes: [...d.nodes].reverse() })],
  ['every node moved', (d) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: n.position.x + 1, y: n.position.y } })) })],
  ['a wire added', (d) => ({ ...d, edges: [...d.edges, { from: { node: 'n2', port: 'out' }, to: { node: 'n9', port: 'in' } }] })],
  ['a wire repeated (a diagnostic, still saved as it is)', (d) => ({ ...d, edges: [...d.edges, d.edges[3]!] })],
  ['the graph renamed', (d) => ({ ...d, name: 'renamed' })],
  ['a description added', (d) => ({ ...d, description: 'a model' })],
  ['training settings added', (d) => ({ ...d, training: { optimizer: { type: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'], epochs: 3, batchSize: 8 } as unknown as GraphDocument['training'] })],
  ['everything removed', (d) => ({ ...d, nodes: [], edges: [] })],
  ['nothing', (d) => d],
];

describe('documentText', () => {
  test.each([
    ['the seed CNN', example('seed-cnn.json')],
    ['the multi-task seed', example('seed-multitask.json')],
    ['a 300-node chain', chain(300)],
    ['a document with an undefined optional field', { ...chain(5), description: undefined }],
  ])('%s: exactly JSON.stringify', (_, document) => {
    expect(documentText(document)).toBe(JSON.stringify(document));
  });
});

describe('a journal loads back exactly the edited document', () => {
  for (const start of [chain(60), example('seed-multitask.json')]) {
    test.each(edits)(`${start.name}: %s`, (_, change) => {
      const base = journalBase(start);
      const edited = change(start);
      const journal = journalText(base, edited);
      if (journal === undefined) {
        expect(JSON.stringify(edited)).toBe(base.text);
        return;
      }
      const reading = readJournal(base.text, JSON.parse(base.text), journal);
      expect(reading.ok).toBe(true);
      // The same text: same values, same key order, same element order.
      expect(reading.ok && JSON.stringify(reading.document)).toBe(JSON.stringify(edited));
    });
  }

  test('a chain of edits, each journaled against the same base', () => {
    const start = chain(80);
    const base = journalBase(start);
    let document = start;
    for (const [, change] of edits.slice(0, -2)) {
      document = change(document);
      const reading = readJournal(base.text, JSON.parse(base.text), journalText(base, document)!);
      expect(reading.ok && JSON.stringify(reading.document)).toBe(JSON.stringify(document));
    }
  });

  test('undoing back to the base: nothing to journal', () => {
    const start = chain(20);
    expect(journalText(journalBase(start), setParam(setParam(start, 'n1', { units: 9 }), 'n1', { units: 64 }))).toBeUndefined();
  });

  test('an edit of one node of 1,000 journals that node, not the graph', () => {
    const start = chain(1000);
    const base = journalBase(start);
    const journal = journalText(base, setParam(start, 'n500', { rate: 0.3 }))!;
    expect(base.text.length).toBeGreaterThan(100_000);
    expect(journal.length).toBeLessThan(400);
    expect(journal).toContain('"rate":0.3');
  });
});

describe('a journal that does not fit its base', () => {
  const start = chain(10);
  const base = journalBase(start);
  const journal = journalText(base, setParam(start, 'n1', { units: 3 }))!;

  test('written against another base: stale', () => {
    const other = JSON.stringify(setParam(start, 'n2', { rate: 0.9 }));
    expect(readJournal(other, JSON.parse(other), journal)).toEqual({ ok: false, reason: 'stale' });
  });

  test.each([
    ['not JSON', '{"format":'],
    ['another format', JSON.stringify({ ...JSON.parse(journal), format: 'layerwire.autosave-journal/2' })],
    ['a run past the end of the base', journal.replace(/\[2,9\]/, '[2,99]')],
    ['keys that are not a list', JSON.stringify({ ...JSON.parse(journal), keys: 'nodes' })],
  ])('%s: unreadable', (_, text) => {
    expect(text).not.toBe(journal);
    expect(readJournal(base.text, JSON.parse(base.text), text)).toEqual({ ok: false, reason: 'unreadable' });
  });
});

/** localStorage for Node, which can take a picture of itself after every write. */
class RecordingStorage {
  items = new Map<string, string>();
  pictures: Map<string, string>[] = [];
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => {
    this.items.set(key, String(value));
    this.pictures.push(new Map(this.items));
  };
  removeItem = (key: string) => {
    this.items.delete(key);
    this.pictures.push(new Map(this.items));
  };
}

describe('autosave.ts in storage', () => {
  let storage: RecordingStorage;
  let autosave: typeof import('../src/document/autosave');
  beforeEach(async () => {
    storage = new RecordingStorage();
    vi.stubGlobal('localStorage', storage);
    vi.resetModules();
    vi.useFakeTimers();
    autosave = await import('../src/document/autosave');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  /** What a tab opened on this storage would load. */
  const loadFrom = (items: Map<string, string>) => {
    const saved = storage.items;
    storage.items = items;
    const loaded = autosave.loadLocal();
    storage.items = saved;
    return loaded?.json;
  };

  test('a crash after any single storage write loads the document before or after that edit, and the last write the last edit', () => {
    let document = chain(200);
    const saved = [document];
    autosave.saveLocally(document);
    // Edits that journal, grow the journal past folding, fold at idle time, and rewrite the base outright.
    const steps: ((d: GraphDocument) => GraphDocument)[] = [];
    for (let i = 2; i < 160; i++) steps.push((d) => setParam(d, `n${i}`, { rate: 0.2 + i / 1000 }));
    steps.push((d) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: n.position.x + 7, y: n.position.y } })) }));
    steps.push((d) => setParam(d, 'n1', { units: 5 }));
    let folded = false;
    for (const step of steps) {
      const writesBefore = storage.pictures.length;
      document = step(document);
      expect(autosave.saveLocally(document)).toBe(true);
      saved.push(document);
      const before = JSON.stringify(saved.at(-2));
      const after = JSON.stringify(document);
      const writes = storage.pictures.slice(writesBefore);
      expect(writes.length).toBeGreaterThan(0);
      for (const picture of writes.slice(0, -1)) expect([before, after]).toContain(JSON.stringify(loadFrom(picture)));
      expect(JSON.stringify(loadFrom(writes.at(-1)!))).toBe(after);
      // Folding at idle time: every picture on the way loads the same document.
      const foldFrom = storage.pictures.length;
      vi.runAllTimers();
      if (storage.pictures.length > foldFrom) folded = true;
      for (const picture of storage.pictures.slice(foldFrom)) expect(JSON.stringify(loadFrom(picture))).toBe(after);
    }
    expect(folded).toBe(true);
  });

  test('an edit of one node of 1,000 writes a small journal, not the graph', () => {
    const start = chain(1000);
    autosave.saveLocally(start);
    const writes = storage.pictures.length;
    autosave.saveLocally(setParam(start, 'n700', { rate: 0.4 }));
    const written = storage.pictures.slice(writes);
    expect(written).toHaveLength(1);
    expect(written[0]!.get('layerwire:autosave')).toBe(JSON.stringify(start));
    expect(written[0]!.get('layerwire:autosave:journal')!.length).toBeLessThan(400);
  });

  test('folding (when the tab is hidden) leaves the whole graph in the base key, and no journal', () => {
    const start = chain(50);
    autosave.saveLocally(start);
    const edited = setParam(start, 'n9', { rate: 0.6 });
    autosave.saveLocally(edited);
    expect(storage.items.has('layerwire:autosave:journal')).toBe(true);
    autosave.foldLocally();
    expect(storage.items.get('layerwire:autosave')).toBe(JSON.stringify(edited));
    expect(storage.items.has('layerwire:autosave:journal')).toBe(false);
  });

  test('a base rewritten by another tab: the next save writes the whole document again', () => {
    const start = chain(30);
    autosave.saveLocally(start);
    const elsewhere = setParam(start, 'n3', { rate: 0.7 });
    storage.setItem('layerwire:autosave', JSON.stringify(elsewhere));
    const mine = setParam(start, 'n1', { units: 2 });
    autosave.saveLocally(mine);
    expect(storage.items.get('layerwire:autosave')).toBe(JSON.stringify(mine));
    expect(storage.items.has('layerwire:autosave:journal')).toBe(false);
  });

  test('an unreadable autosave is copied to keys of its own, base and journal', () => {
    storage.setItem('layerwire:autosave', '{"format":"layerwire.graph","version":99');
    storage.setItem('layerwire:autosave:journal', '{"format":"something newer"}');
    const saved = autosave.loadLocal()!;
    expect(saved.json).toBeUndefined();
    const kept = autosave.keepUnreadable(saved, new Date('2026-01-02T03:04:05Z'))!;
    expect(kept).toEqual({ base: 'layerwire:autosave:unreadable:2026-01-02T03:04:05.000Z', journal: 'layerwire:autosave:unreadable:2026-01-02T03:04:05.000Z:journal' });
    expect(storage.items.get(kept.base)).toBe('{"format":"layerwire.graph","version":99');
    expect(storage.items.get(kept.journal!)).toBe('{"format":"something newer"}');
  });

  test('no room to keep an unreadable autosave aside: nothing is half-kept, and the caller is told', () => {
    storage.setItem('layerwire:autosave', 'not json');
    const full = storage.setItem;
    storage.setItem = (key: string, value: string) => {
      if (key.startsWith('layerwire:autosave:unreadable:')) throw new DOMException('full', 'QuotaExceededError');
      full(key, value);
    };
    expect(autosave.keepUnreadable(autosave.loadLocal()!)).toBeUndefined();
    expect([...storage.items.keys()]).toEqual(['layerwire:autosave']);
  });

  test('a full storage: the save says so, and the next one that fits writes the whole document', () => {
    const start = chain(20);
    autosave.saveLocally(start);
    const full = storage.setItem;
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(autosave.saveLocally(setParam(start, 'n1', { units: 1 }))).toBe(false);
    storage.setItem = full;
    const later = setParam(start, 'n1', { units: 2 });
    expect(autosave.saveLocally(later)).toBe(true);
    expect(JSON.stringify(autosave.loadLocal()!.json)).toBe(JSON.stringify(later));
  });
});

import type { GraphDocument } from '../../schemas/graph';

/**
 * A lens onto a block's body: the editor shows and edits a block as if it were
 * a document of its own (its nodes, edges and outputs; the shared block
 * library), and every edit made there is written back into the block, so all
 * Block nodes that use it change at once. A scope is a path of block keys,
 * outermost first: `[]` is the model itself.
 */

/** The block `key` of `document` as a document: what the canvas shows inside it. */
export function blockView(document: GraphDocument, key: string): GraphDocument | undefined {
  if (!Object.hasOwn(document.blocks, key)) return undefined;
  const block = document.blocks[key]!;
  return {
    format: document.format,
    version: document.version,
    name: block.name ?? key,
    nodes: block.nodes,
    edges: block.edges,
    outputs: block.outputs,
    blocks: document.blocks,
  };
}

/**
 * Writes an edited view of block `key` back into `document`. Input nodes
 * added inside become new block inputs (after the existing ones), deleted
 * ones leave the list; blocks the edit brought along (a paste) join the library.
 */
export function writeBlockView(document: GraphDocument, key: string, view: GraphDocument): GraphDocument {
  const block = document.blocks[key];
  if (!block) return document;
  if (view.nodes === block.nodes && view.edges === block.edges && view.outputs === block.outputs && view.blocks === document.blocks && view.name === (block.name ?? key)) return document;
  const inputIds = new Set(view.nodes.filter((n) => n.type === 'Input').map((n) => n.id));
  const inputs = [...block.inputs.filter((id) => inputIds.has(id)), ...[...inputIds].filter((id) => !block.inputs.includes(id))];
  const renamed = view.name !== (block.name ?? key);
  const { name: _name, ...rest } = block;
  const next = {
    ...rest,
    ...(renamed || block.name !== undefined ? { name: view.name } : {}),
    nodes: view.nodes,
    edges: view.edges,
    inputs,
    outputs: view.outputs ?? block.outputs,
  };
  return { ...document, blocks: { ...document.blocks, ...view.blocks, [key]: next } };
}

/** The view at a scope path; undefined when a block on the path no longer exists (an undo removed it). */
export function viewAt(document: GraphDocument, path: readonly string[]): GraphDocument | undefined {
  let view: GraphDocument | undefined = document;
  for (const key of path) view = view && blockView(view, key);
  return view;
}

/** Writes the view at `path` back, through every enclosing block, into the document. */
export function writeAt(document: GraphDocument, path: readonly string[], view: GraphDocument): GraphDocument {
  if (path.length === 0) return view;
  const outer = path.slice(0, -1);
  const parent = viewAt(document, outer);
  if (!parent) return document;
  return writeAt(document, outer, writeBlockView(parent, path.at(-1)!, view));
}

import type { GraphDocument, GraphNode } from '../../schemas/graph';
import { freshId, takenNames } from './ids';
import { blockKeyOf } from './ports';

/**
 * Weight sharing as edits: a node calls another node's layer again
 * (`sharesWeightsWith`). Sharing is one level deep: the owner holds the
 * weights and the params, every sharing node points straight at it.
 */

const INPUT_TYPE = 'Input';

/** The nodes `id` may share weights with: same kind (same block), not itself, not an Input, not a node that shares in turn; none when others share with `id`. */
export function shareCandidates(document: GraphDocument, id: string): GraphNode[] {
  const node = document.nodes.find((n) => n.id === id);
  if (!node || node.type === INPUT_TYPE) return [];
  if (document.nodes.some((n) => n.sharesWeightsWith === id)) return [];
  const block = blockKeyOf(node, document);
  return document.nodes.filter(
    (n) => n.id !== id && n.type === node.type && n.sharesWeightsWith === undefined && (node.type !== 'Block' || blockKeyOf(n, document) === block),
  );
}

/**
 * Makes `id` call `owner`'s layer (its params emptied, so it takes the owner's,
 * and its own weights dropped), or, with `owner` undefined, gives it a layer of
 * its own again with the owner's params copied, so nothing about it changes
 * but the weights.
 */
export function setSharesWeightsWith(document: GraphDocument, id: string, owner: string | undefined): GraphDocument {
  const node = document.nodes.find((n) => n.id === id);
  if (!node || node.sharesWeightsWith === owner) return document;
  if (owner !== undefined && !shareCandidates(document, id).some((n) => n.id === owner)) return document;
  const previous = document.nodes.find((n) => n.id === node.sharesWeightsWith);
  const nodes = document.nodes.map((n) => {
    if (n.id !== id) return n;
    const { sharesWeightsWith: _old, weights: _weights, ...rest } = n;
    if (owner !== undefined) return { ...rest, params: {}, sharesWeightsWith: owner };
    const inherited = Object.keys(n.params).length === 0 && previous ? previous.params : n.params;
    return { ...rest, params: inherited };
  });
  return { ...document, nodes };
}

/** A new node that calls the same layer as `id` (or as `id`'s owner when `id` shares already), placed beside it. */
export function duplicateAsShared(document: GraphDocument, id: string): { document: GraphDocument; id: string } | undefined {
  const node = document.nodes.find((n) => n.id === id);
  if (!node || node.type === INPUT_TYPE) return undefined;
  const owner = node.sharesWeightsWith ?? node.id;
  const copy: GraphNode = {
    id: freshId(`${owner}_call`, takenNames(document)),
    type: node.type,
    params: {},
    position: { x: node.position.x + 260, y: node.position.y },
    sharesWeightsWith: owner,
  };
  return { document: { ...document, nodes: [...document.nodes, copy] }, id: copy.id };
}

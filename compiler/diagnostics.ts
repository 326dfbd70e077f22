import type { Shape } from '../schemas/shape';
import { formatShape } from './shapes';

export type Severity = 'error' | 'warning';
export type Phase = 'parse' | 'resolve' | 'check' | 'emit';

/** A change the editor can apply for the user. */
export type Fix =
  | {
      kind: 'insert-node';
      title: string;
      /** Insert a node of `type` on the edge that feeds `before.node`'s `before.port`. */
      before: { node: string; port: string };
      type: string;
      params: Record<string, unknown>;
    }
  | { kind: 'set-param'; title: string; node: string; param: string; value: unknown }
  | { kind: 'rename'; title: string; node: string; name: string };

export interface RelatedLocation {
  nodeId: string;
  message: string;
}

/** Plain data, like TypeScript's Diagnostic: the checker never throws for a user's mistake. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  phase: Phase;
  message: string;
  nodeId?: string;
  port?: string;
  /** JSON path of the offending field, e.g. `nodes[3].params.kernelSize`. */
  path?: string;
  related?: RelatedLocation[];
  fix?: Fix;
}

type Located = Pick<Diagnostic, 'nodeId' | 'port' | 'path' | 'related' | 'fix'>;

function make(code: string, severity: Severity, phase: Phase, message: string, where: Located = {}): Diagnostic {
  return { code, severity, phase, message, ...where };
}

const quote = (name: string) => `'${name}'`;

/**
 * The catalog: every diagnostic Layerwire reports, keyed by a stable code.
 * Codes never change meaning; retired codes are not reused.
 */
export const diagnostics = {
  // resolve (LW1xx)
  duplicateNodeId: (id: string, path: string) =>
    make('LW101', 'error', 'resolve', `Two nodes share the id ${quote(id)}; ids must be unique`, { nodeId: id, path }),
  duplicateName: (name: string, nodeId: string, otherId: string) =>
    make('LW102', 'error', 'resolve', `Layer name ${quote(name)} is used by two nodes; tfjs needs unique layer names — rename one`, {
      nodeId,
      path: undefined,
      related: [{ nodeId: otherId, message: `also named ${quote(name)}` }],
    }),
  unknownLayerType: (type: string, nodeId: string, path: string) =>
    make('LW103', 'error', 'resolve', `Unknown layer type ${quote(type)}: Layerwire keeps this node but cannot check or compile it`, { nodeId, path }),
  danglingEdge: (end: 'from' | 'to', missingNode: string, path: string) =>
    make('LW104', 'error', 'resolve', `Edge ${end === 'from' ? 'comes from' : 'goes to'} node ${quote(missingNode)}, which does not exist`, { path }),
  unknownPort: (nodeId: string, label: string, port: string, available: string[], path: string) =>
    make('LW105', 'error', 'resolve', `${label} has no port ${quote(port)}${available.length ? ` (it has ${available.map(quote).join(', ')})` : ''}`, {
      nodeId,
      port,
      path,
    }),
  portHasTwoInputs: (nodeId: string, label: string, port: string, sources: string[]) =>
    make('LW106', 'error', 'resolve', `${label}'s input ${quote(port)} is wired to ${sources.length} outputs (${sources.map(quote).join(', ')}); an input takes exactly one — use a merge layer such as Add or Concatenate`, {
      nodeId,
      port,
    }),
  missingInput: (nodeId: string, label: string, port: string) =>
    make('LW107', 'error', 'resolve', `${label}'s input ${quote(port)} is not connected`, { nodeId, port }),
  tooFewInputs: (nodeId: string, label: string, min: number, got: number) =>
    make('LW108', 'error', 'resolve', `${label} merges at least ${min} inputs but has ${got}`, { nodeId }),
  cycle: (nodeIds: string[], labels: string[]) =>
    make('LW109', 'error', 'resolve', `These layers form a cycle: ${labels.join(' → ')} → ${labels[0]}; a model must flow one way`, {
      nodeId: nodeIds[0],
      related: nodeIds.slice(1).map((id) => ({ nodeId: id, message: 'part of the cycle' })),
    }),
  noInputs: () => make('LW110', 'error', 'resolve', 'The model has no Input layer; add one to say what shape the data has'),
  noOutputs: () => make('LW111', 'error', 'resolve', 'The model has no output: every layer output feeds another layer'),
  unusedInput: (nodeId: string, label: string) =>
    make('LW112', 'warning', 'resolve', `${label} is not connected to anything`, { nodeId }),
  unknownOutput: (nodeId: string, path: string) =>
    make('LW113', 'error', 'resolve', `Model output refers to node ${quote(nodeId)}, which does not exist`, { path }),
  unknownBlock: (nodeId: string, label: string, block: string) =>
    make('LW114', 'error', 'resolve', `${label} uses block ${quote(block)}, which is not defined in this document`, { nodeId }),
  recursiveBlock: (nodeId: string, label: string, block: string) =>
    make('LW115', 'error', 'resolve', `${label} uses block ${quote(block)} inside itself; blocks cannot contain themselves`, { nodeId }),
  duplicateEdge: (path: string, nodeId: string, port: string) =>
    make('LW116', 'warning', 'resolve', `This edge appears twice; the copy is ignored`, { path, nodeId, port }),
  invalidLayerName: (nodeId: string, name: string, path: string, suggestion: string) =>
    make('LW117', 'error', 'resolve', `Layer name ${quote(name)} cannot be used by tfjs: a name starts with a letter or digit and holds only letters, digits and - _ . /`, {
      nodeId,
      path,
      fix: { kind: 'rename', title: `Rename to ${quote(suggestion)}`, node: nodeId, name: suggestion },
    }),

  // check (LW2xx)
  badParam: (nodeId: string, path: string, message: string) =>
    make('LW201', 'error', 'check', `${path}: ${message}`, { nodeId, path }),
  rankMismatch: (nodeId: string, label: string, port: string, expected: string, shape: Shape, fix?: Fix) =>
    make('LW202', 'error', 'check', `${label} needs ${expected} input but gets ${formatShape(shape)}`, { nodeId, port, fix }),
  shapeError: (nodeId: string, message: string, where: Omit<Located, 'nodeId'> = {}) =>
    make('LW203', 'error', 'check', message, { nodeId, ...where }),
  shapeWarning: (nodeId: string, message: string, where: Omit<Located, 'nodeId'> = {}) =>
    make('LW204', 'warning', 'check', message, { nodeId, ...where }),
  lossShapeMismatch: (nodeId: string, message: string, fix?: Fix) =>
    make('LW205', 'error', 'check', message, { nodeId, fix }),
  badTrainingConfig: (message: string, path: string, nodeId?: string) =>
    make('LW206', 'error', 'check', message, { path, nodeId }),

  // emit (LW3xx)
  notCompilable: (message: string) => make('LW301', 'error', 'emit', message),
} as const;

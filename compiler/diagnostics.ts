import type { Shape } from '../schemas/shape';
import { formatShape } from './shapes';

export type Severity = 'error' | 'warning';
export type Phase = 'parse' | 'resolve' | 'check' | 'emit' | 'import';

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
  sharedTargetMissing: (nodeId: string, label: string, target: string, path: string) =>
    make('LW118', 'error', 'resolve', `${label} shares weights with node ${quote(target)}, which does not exist here; sharesWeightsWith names a node of the same graph (inside a block: of the same block)`, { nodeId, path }),
  sharedTargetMismatch: (nodeId: string, label: string, target: string, difference: string, path: string) =>
    make('LW119', 'error', 'resolve', `${label} shares weights with ${difference}; a shared layer is the same layer at every call — give both nodes the same kind or stop sharing`, {
      nodeId,
      path,
      related: [{ nodeId: target, message: 'the layer it shares' }],
    }),
  sharedParamsDiffer: (nodeId: string, label: string, target: string, param: string, mine: string, theirs: string, path: string, fix?: Fix) =>
    make('LW120', 'error', 'resolve', `${label} shares the layer ${quote(target)} but sets ${param} to ${mine} where ${quote(target)} has ${theirs}; a shared layer has one configuration — leave this node's params empty to use ${quote(target)}'s, or make them equal`, {
      nodeId,
      path,
      related: [{ nodeId: target, message: `owns the shared layer; its ${param} is ${theirs}` }],
      fix,
    }),
  sharedChain: (nodeId: string, label: string, message: string, path: string, related: RelatedLocation[]) =>
    make('LW121', 'error', 'resolve', `${label} ${message}`, { nodeId, path, related }),
  sharedInput: (nodeId: string, label: string, input: string | undefined, path: string) =>
    make(
      'LW122',
      'error',
      'resolve',
      input === undefined
        ? `${label} cannot share weights: an Input is not a layer and has none; wire the same Input to every layer that needs its data instead`
        : `${label} shares weights with Input ${quote(input)}, which is not a layer and has none; to feed the same data twice, wire ${quote(input)} to both layers`,
      { nodeId, path },
    ),
  weightsOnSharingNode: (nodeId: string, label: string, target: string, path: string) =>
    make('LW123', 'error', 'resolve', `${label} carries weights but shares the layer ${quote(target)}, whose weights are the ones used; remove the weights from this node (they belong on ${quote(target)})`, {
      nodeId,
      path,
      related: [{ nodeId: target, message: 'owns the shared weights' }],
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
  sharedWeightsMismatch: (nodeId: string, message: string, target: string, targetMessage: string) =>
    make('LW207', 'error', 'check', message, { nodeId, related: [{ nodeId: target, message: targetMessage }] }),

  // emit (LW3xx)
  notCompilable: (message: string) => make('LW301', 'error', 'emit', message),

  // import (LW4xx): every message starts with the imported file's name; `path` is the field inside that file
  notAModel: (file: string, message: string) => make('LW401', 'error', 'import', `${file}: ${message}`, { path: '(document)' }),
  unsupportedFormat: (file: string, path: string, message: string) => make('LW402', 'error', 'import', `${file}: ${message}`, { path }),
  badModelField: (file: string, path: string, message: string, nodeId?: string) =>
    make('LW403', 'error', 'import', `${file}: ${path}: ${message}`, { path, nodeId }),
  unknownLayerClass: (file: string, layer: string, className: string, path: string, nodeId: string) =>
    make('LW404', 'warning', 'import', `${file}: layer ${quote(layer)} is a ${className}, which Layerwire does not know; it is kept with its Keras config so nothing is lost, but it cannot be checked or compiled`, { path, nodeId }),
  droppedLayerFields: (file: string, layer: string, className: string, fields: string[], path: string, nodeId: string) =>
    make('LW405', 'warning', 'import', `${file}: layer ${quote(layer)} (${className}): Layerwire does not keep ${fields.join(', ')}; the imported layer works without ${fields.length === 1 ? 'it' : 'them'}`, { path, nodeId }),
  /** Retired: shared layers import as one node per call (`sharesWeightsWith`); LW406 is not reported any more and not reused. */
  sharedLayer: (file: string, layer: string, calls: number, path: string, nodeId: string) =>
    make('LW406', 'error', 'import', `${file}: layer ${quote(layer)} is called ${calls} times (a shared layer); Layerwire does not support shared layers yet, so only its first call is imported and whatever used its other calls is left unconnected`, { path, nodeId }),
  badLayerConfig: (file: string, layer: string, className: string, path: string, message: string, nodeId: string) =>
    make('LW407', 'error', 'import', `${file}: layer ${quote(layer)} (${className}): ${path}: ${message}`, { path, nodeId }),
  missingWeightFile: (file: string, weightFile: string, path: string, reason?: string) =>
    make('LW408', 'error', 'import', `${file}: weight file ${quote(weightFile)} (${path}) could not be read${reason ? ` (${reason})` : ''}; the weights it holds are left out`, { path }),
  truncatedWeightFile: (file: string, weightFiles: string[], got: number, needed: number, path: string, weights: string[]) =>
    make('LW409', 'error', 'import', `${file}: weight file${weightFiles.length === 1 ? '' : 's'} ${weightFiles.map(quote).join(', ')} hold${weightFiles.length === 1 ? 's' : ''} ${got} bytes but ${path} needs ${needed}; is a file truncated? Its weights (${weights.slice(0, 6).join(', ')}${weights.length > 6 ? ', …' : ''}) are left out`, { path }),
  quantizedWeights: (file: string, weights: string[]) =>
    make('LW410', 'warning', 'import', `${file}: ${weights.length} weight${weights.length === 1 ? ' is' : 's are'} quantized (${weights.slice(0, 4).join(', ')}${weights.length > 4 ? ', …' : ''}); they are dequantized to float32, so their values are approximate`, { path: 'weightsManifest' }),
  unsupportedWeight: (file: string, weight: string, message: string, path: string) =>
    make('LW411', 'error', 'import', `${file}: weight ${quote(weight)} ${message}`, { path }),
  unmatchedWeights: (file: string, weights: string[]) =>
    make('LW412', 'warning', 'import', `${file}: ${weights.length === 1 ? 'weight' : `${weights.length} weights`} ${weights.slice(0, 5).map(quote).join(', ')}${weights.length > 5 ? ', …' : ''} belong${weights.length === 1 ? 's' : ''} to no layer of the model and ${weights.length === 1 ? 'is' : 'are'} left out`, { path: 'weightsManifest' }),
  weightLayout: (file: string, layer: string, message: string, path: string, nodeId: string) =>
    make('LW413', 'error', 'import', `${file}: layer ${quote(layer)} ${message}`, { path, nodeId }),
  unsupportedCall: (file: string, layer: string, message: string, path: string, nodeId: string) =>
    make('LW414', 'error', 'import', `${file}: layer ${quote(layer)} ${message}`, { path, nodeId }),
  trainingNotMapped: (file: string, path: string, message: string) => make('LW415', 'warning', 'import', `${file}: ${path}: ${message}`, { path }),
  inputShapeUnknown: (file: string, what: string, path: string, nodeId: string) =>
    make('LW416', 'error', 'import', `${file}: cannot tell the input shape of ${what}: it has no batch_input_shape, batch_shape or build_input_shape; set the Input node's shape`, { path, nodeId }),
  weightsNotRead: (file: string, files: number) =>
    make('LW417', 'warning', 'import', `${file}: the weights manifest names ${files} weight file${files === 1 ? '' : 's'} but no way to read them was given; the model is imported without weights`, { path: 'weightsManifest' }),
} as const;

import path from 'node:path';
import type { GraphDocument } from '../schemas/graph';
import { parseGraphDocument } from '../schemas/parse';
import type { Diagnostic } from '../compiler/diagnostics';
import { importModel } from '../compiler/import';
import { readJsonFile, UsageError } from './files';
import { readWeightFileInside } from './weight-files';

export interface LoadedInput {
  document: GraphDocument;
  /** Import diagnostics (for Keras / tfjs files), reported with the check's. */
  importDiagnostics: Diagnostic[];
  kind: 'graph' | 'keras' | 'tfjs';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** FILE is a GraphDocument or a Keras / tfjs model.json; which one is detected from its content. */
export function loadInput(file: string): LoadedInput {
  const json = readJsonFile(file);
  if (isObject(json) && json.format === 'layerwire.graph') {
    const parsed = parseGraphDocument(json);
    if (!parsed.ok) throw new UsageError(parsed.errors.map((e) => `${file}: ${e.path}: ${e.message}`).join('\n'));
    return { document: parsed.document, importDiagnostics: [], kind: 'graph' };
  }
  if (isObject(json) && ('modelTopology' in json || 'class_name' in json || 'config' in json)) {
    const folder = path.dirname(file);
    const result = importModel(json, {
      fileName: file,
      readWeightFile: (relative: string) => readWeightFileInside(folder, relative, path.basename(file)),
    });
    if (!result.ok) throw new UsageError(result.diagnostics.map((d) => d.message).join('\n'));
    return { document: result.document, importDiagnostics: result.diagnostics, kind: 'modelTopology' in json ? 'tfjs' : 'keras' };
  }
  throw new UsageError(`${file}: not a Layerwire graph ("format": "layerwire.graph"), a Keras model JSON or a tfjs model.json`);
}

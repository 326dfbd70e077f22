import fs from 'node:fs';
import path from 'node:path';
import type { GraphDocument } from '../schemas/graph';
import { parseGraphDocument } from '../schemas/parse';
import type { Diagnostic } from '../compiler/diagnostics';
import { importModel } from '../compiler/import';
import { readJsonFile, UsageError } from './files';

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
      readWeightFile: (relative: string) => {
        // A manifest is data from someone else: it may name only files in model.json's own folder tree.
        const target = path.resolve(folder, relative);
        const inside = path.relative(path.resolve(folder), target);
        if (path.isAbsolute(relative) || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
          throw new Error(`the path leaves the folder of ${path.basename(file)}; weight files must sit beside it`);
        }
        try {
          return new Uint8Array(fs.readFileSync(target));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') return undefined;
          throw new Error(code === 'EISDIR' ? 'it is a folder, not a file' : code ?? String(error));
        }
      },
    });
    if (!result.ok) throw new UsageError(result.diagnostics.map((d) => d.message).join('\n'));
    return { document: result.document, importDiagnostics: result.diagnostics, kind: 'modelTopology' in json ? 'tfjs' : 'keras' };
  }
  throw new UsageError(`${file}: not a Layerwire graph ("format": "layerwire.graph"), a Keras model JSON or a tfjs model.json`);
}

import { GRAPH_FORMAT, type GraphDocument } from '../../schemas/graph';
import { parseGraphDocument, type DocumentError } from '../../schemas/parse';
import type { Diagnostic } from '../../compiler/diagnostics';
import { importModel } from '../../compiler/import';

export type OpenResult = { ok: true; document: GraphDocument; notes: Diagnostic[] } | { ok: false; errors: DocumentError[] };

/** A Keras `model.to_json()` or a tfjs model.json rather than a Layerwire graph. */
export function looksLikeKerasModel(json: unknown): boolean {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const record = json as Record<string, unknown>;
  if (record.format === GRAPH_FORMAT) return false;
  return 'modelTopology' in record || 'model_config' in record || record.format === 'layers-model' || ('class_name' in record && 'config' in record);
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * A file's text → a document, or every reason it was refused with its JSON
 * path. Keras and tfjs model.json files go through the compiler's importer;
 * `weightFiles` are the files opened with them (tfjs weight shards), by name.
 */
export function readGraphText(text: string, fileName: string, weightFiles: ReadonlyMap<string, Uint8Array> = new Map()): OpenResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (looksLikeKerasModel(json)) {
    const imported = importModel(json, { fileName, readWeightFile: (path) => weightFiles.get(baseName(path)) });
    if (!imported.ok) {
      return { ok: false, errors: imported.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ path: d.path ?? '(file)', message: d.message })) };
    }
    return { ok: true, document: imported.document, notes: imported.diagnostics };
  }
  const parsed = parseGraphDocument(json);
  return parsed.ok ? { ok: true, document: parsed.document, notes: [] } : parsed;
}

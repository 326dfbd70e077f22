import { GRAPH_FORMAT, type GraphDocument } from '../../schemas/graph';
import { documentError, parseGraphDocument, type DocumentError } from '../../schemas/parse';
import { localizeDiagnostic, type Diagnostic } from '../../compiler/diagnostics';
import { importModel } from '../../compiler/import';
import { leavesFolderReason, manifestPathLeavesFolder, WeightFileRefused } from '../../compiler/import/weight-paths';
import { pathDeeperThan, tooDeepReason } from '../../schemas/json-depth';

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
 * The browser knows only the names of the files opened together, so a
 * manifest path inside the model's folder matches by its last part; one that
 * leaves the folder is refused as the CLI refuses it, not matched by name.
 */
function weightFileReader(fileName: string, weightFiles: ReadonlyMap<string, Uint8Array>) {
  return (path: string) => {
    if (manifestPathLeavesFolder(path)) throw new WeightFileRefused(leavesFolderReason(baseName(fileName)));
    return weightFiles.get(baseName(path));
  };
}

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
    // The reason is the JavaScript engine's own words, English in every browser.
    const reason = (error as Error).message;
    return { ok: false, errors: [documentError('(file)', `not valid JSON: ${reason}`, `不是有效的 JSON：${reason}`)] };
  }
  const tooDeep = pathDeeperThan(json);
  if (tooDeep) {
    const reason = tooDeepReason(tooDeep);
    return { ok: false, errors: [documentError('(file)', reason.en, reason.zh)] };
  }
  if (looksLikeKerasModel(json)) {
    const imported = importModel(json, { fileName, readWeightFile: weightFileReader(fileName, weightFiles) });
    if (!imported.ok) {
      const refusals = imported.diagnostics.filter((d) => d.severity === 'error');
      return { ok: false, errors: refusals.map((d) => documentError(d.path ?? '(file)', d.message, localizeDiagnostic(d, 'zh-CN').message)) };
    }
    return { ok: true, document: imported.document, notes: imported.diagnostics };
  }
  const parsed = parseGraphDocument(json);
  return parsed.ok ? { ok: true, document: parsed.document, notes: [] } : parsed;
}

import type { CheckResult } from '../../compiler/check';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import { initTfjs } from './tfjs';
import { diagnosticMessage } from '../i18n/diagnostic-text';

/** Builds the checked graph as a tfjs model and downloads model.json and its weights. */
export async function downloadTfjsArtifacts(check: CheckResult, name: string): Promise<{ ok: true; backend: string } | { ok: false; message: string }> {
  const backend = await initTfjs();
  const result = buildTfjsModel(check);
  if (!result.ok) return { ok: false, message: result.diagnostics.map(diagnosticMessage).join('; ') };
  try {
    await result.model.save(`downloads://${name.replace(/[^\w.-]+/g, '_') || 'model'}`);
    return { ok: true, backend };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    result.model.dispose();
  }
}

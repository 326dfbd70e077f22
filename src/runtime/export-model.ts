import type { CheckResult } from '../../compiler/check';
import { buildTfjsModel } from '../../compiler/emit/tfjs-model';
import { initTfjs, tf } from './tfjs';
import { trainedModelFor } from './trained-model';
import { diagnosticMessage } from '../i18n/diagnostic-text';

/**
 * Downloads model.json and its weights: the model the Train tab trained, if
 * the graph has not changed since, else the checked graph built afresh.
 */
export async function downloadTfjsArtifacts(check: CheckResult, name: string): Promise<{ ok: true; backend: string; trained: boolean } | { ok: false; message: string }> {
  await initTfjs();
  const backend = tf.getBackend(); // the Train tab may have moved tfjs to another backend since it started
  const trained = trainedModelFor(check.document);
  const result = trained ? ({ ok: true, model: trained } as const) : buildTfjsModel(check);
  if (!result.ok) return { ok: false, message: result.diagnostics.map(diagnosticMessage).join('; ') };
  try {
    await result.model.save(`downloads://${name.replace(/[^\w.-]+/g, '_') || 'model'}`);
    return { ok: true, backend, trained: trained !== undefined };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    if (!trained) result.model.dispose();
  }
}

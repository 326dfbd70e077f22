import type { CheckResult } from '../../compiler/check';

/** The tfjs backends the editor offers. */
export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Why training runs on another backend than the one asked for. */
export type BackendChange = { reason: 'unavailable'; wanted: BackendName } | { reason: 'conv'; wanted: BackendName; layer: string; type: string };

/**
 * The backends to try, best first, for training this model on `wanted`:
 * `wanted`, then the others. tfjs's wasm backend has no
 * Conv2DBackpropFilter kernel, so a model with convolutions never trains
 * there: WebGL, else the CPU, with the layer that needs it named.
 */
export function trainingBackends(check: CheckResult, wanted: BackendName): { candidates: BackendName[]; conv?: { layer: string; type: string } } {
  const conv = check.nodes.find((n) => /Conv/.test(n.type));
  if (conv && wanted === 'wasm') return { candidates: ['webgl', 'cpu'], conv: { layer: conv.name, type: conv.type } };
  const others = BACKENDS.filter((b) => b !== wanted && !(conv && b === 'wasm'));
  return { candidates: [wanted, ...others] };
}

/** Why the backend that runs is not the one asked for, if it is not. */
export function backendChange(wanted: BackendName, running: string, conv: { layer: string; type: string } | undefined): BackendChange | undefined {
  if (conv) return { reason: 'conv', wanted, ...conv };
  return running === wanted ? undefined : { reason: 'unavailable', wanted };
}

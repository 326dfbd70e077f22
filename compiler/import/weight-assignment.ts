import type { WeightTensor } from '../../schemas/graph';
import type { CheckResult } from '../check';
import { diagnostics, say } from '../diagnostics';
import { formatShape } from '../shapes';
import type { ImportContext } from './import-context';
import type { WeightSite } from './keras-model';
import { bytesToBase64, type ManifestWeight } from './tfjs-weights';

/** `dense/kernel:0` → `['dense', 'kernel']`. */
function nameParts(name: string): string[] {
  return name.replace(/:\d+$/, '').split('/').filter((p) => p.length > 0);
}

interface Match {
  site: WeightSite;
  /** Index of the layer's own name among the weight name's parts. */
  at: number;
  /** Parts before the layer name that no enclosing model explains, plus enclosing models the name does not mention. */
  misfit: number;
}

/**
 * The layer a weight belongs to, by name: tfjs writes `layer/weight`, the
 * Keras converter `model/layer/cell/weight` or `nested/layer/weight`. The
 * candidate whose enclosing models the name mentions best wins, then the
 * leftmost (a wrapper's name comes before its inner layer's).
 */
function matchSite(parts: string[], sitesByName: Map<string, WeightSite[]>): Match | undefined {
  let best: Match | undefined;
  for (let at = 0; at < parts.length - 1; at++) {
    for (const site of sitesByName.get(parts[at]!) ?? []) {
      const before = parts.slice(0, at);
      let mentioned = 0;
      let from = 0;
      for (const model of site.scope) {
        const found = before.indexOf(model, from);
        if (found >= 0) {
          mentioned++;
          from = found + 1;
        }
      }
      const misfit = at - mentioned + (site.scope.length - mentioned);
      if (!best || misfit < best.misfit || (misfit === best.misfit && at < best.at)) best = { site, at, misfit };
    }
  }
  return best;
}

/** Puts each manifest weight on its layer's node, in manifest order (tfjs's `getWeights()` order per layer). */
export function assignWeights(weights: ManifestWeight[], sites: WeightSite[], ctx: ImportContext): void {
  const sitesByName = new Map<string, WeightSite[]>();
  for (const site of sites) sitesByName.set(site.layerName, [...(sitesByName.get(site.layerName) ?? []), site]);
  const unmatched: string[] = [];
  for (const weight of weights) {
    const parts = nameParts(weight.name);
    const match = matchSite(parts, sitesByName);
    if (!match) {
      unmatched.push(weight.name);
      continue;
    }
    const tensor: WeightTensor = { name: parts.slice(match.at + 1).join('/'), shape: weight.shape, dtype: weight.dtype, data: bytesToBase64(weight.bytes) };
    (match.site.node.weights ??= []).push(tensor);
  }
  if (unmatched.length) ctx.diagnostics.push(diagnostics.unmatchedWeights(ctx.fileName, unmatched));
}

const lastPart = (name: string) => name.split('/').at(-1)!;

/**
 * Compares each layer's imported weights with the layout its kind declares
 * for the checked input shapes. Weights named like the layout are put in its
 * order and given its names (`lstm_cell/kernel` → `kernel`); a count or shape
 * that still differs is reported, since tfjs would refuse to load it. Layers
 * left without weights are reported only when no weight file was at fault.
 */
export function verifyWeightLayouts(check: CheckResult, sites: WeightSite[], ctx: ImportContext, options: { reportMissing: boolean }): void {
  for (const site of sites) {
    const node = site.node;
    if (node.opaque) continue;
    const report = check.byId.get(site.reportId);
    if (!report || report.params === null) continue; // shapes unknown: check reports why
    const expected = report.weights;
    const actual = node.weights ?? [];
    if (expected.length === 0 && actual.length === 0) continue;

    const byName = new Map(actual.map((w) => [lastPart(w.name), w]));
    if (byName.size === actual.length && actual.length === expected.length && expected.every((spec) => byName.has(spec.name))) {
      node.weights = expected.map((spec) => ({ ...byName.get(spec.name)!, name: spec.name }));
    }
    const weights = node.weights ?? [];
    if (weights.length === 0 && !options.reportMissing) continue; // a weight file already said why
    const fits = weights.length === expected.length && expected.every((spec, i) => spec.shape.length === weights[i]!.shape.length && spec.shape.every((d, j) => typeof d !== 'number' || d === weights[i]!.shape[j]));
    if (fits) continue;
    const describe = (list: { name: string; shape: readonly (number | string | null)[] }[]) => list.map((w) => `${w.name} ${formatShape(w.shape)}`).join(', ');
    const needed = expected.length ? describe(expected) : 'none';
    const needsZh = expected.length ? `需要 ${describe(expected)}` : '不需要权重';
    const message =
      weights.length === 0
        ? say(`has no weights in the weight files, but a ${node.type} here needs ${needed}`, `在权重文件中没有任何权重，但此处的 ${node.type} ${needsZh}`)
        : say(`has weights ${describe(weights)}, but a ${node.type} here needs ${needed}`, `的权重为 ${describe(weights)}，但此处的 ${node.type} ${needsZh}`);
    ctx.diagnostics.push(diagnostics.weightLayout(ctx.fileName, site.layerName, message, site.path, site.topNodeId));
  }
}

/** The float model against the quantized one on the same held-out samples; no tfjs here, so the editor can show it without loading tfjs. */
export interface QuantizedComparison {
  /** Loss and metrics by tfjs's names (`loss`, `acc`, `task1_acc`…), of the float model and of the quantized one. */
  before: Record<string, number>;
  after: Record<string, number>;
  /** How many validation samples both were evaluated on. */
  samples: number;
}

/**
 * `acc 0.870 → 0.867 (-0.003), loss 0.4120 → 0.4133 (+0.0013)`: accuracy-like
 * figures first (3 decimals), then losses (4), each with its change.
 */
export function formatValidationChange(c: Pick<QuantizedComparison, 'before' | 'after'>): string {
  const isAccuracy = (name: string) => /acc/i.test(name);
  const names = Object.keys(c.before).sort((a, b) => Number(isAccuracy(b)) - Number(isAccuracy(a)));
  return names
    .map((name) => {
      const digits = isAccuracy(name) ? 3 : 4;
      const [a, b] = [c.before[name]!, c.after[name]!];
      const size = Math.abs(b - a).toFixed(digits);
      // A change too small to show at this precision is ±0, never -0.000.
      return `${name} ${a.toFixed(digits)} → ${b.toFixed(digits)} (${Number(size) === 0 ? '±' : b < a ? '-' : '+'}${size})`;
    })
    .join(', ');
}

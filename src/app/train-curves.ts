/**
 * What the Train tab's charts draw, gathered as training reports it: one
 * curve per loss or metric (`loss`, `acc`, `task1_loss`…), over the batches
 * trained so far, with the per-batch value, the epoch's value and the
 * validation (`val_*`) value, the last two at each epoch's final batch.
 */
export interface Curve {
  name: string;
  /** Batches trained, counted across epochs: the x axis. */
  steps: number[];
  batch: (number | null)[];
  epoch: (number | null)[];
  validation: (number | null)[];
}

/** Figures tfjs puts in batch logs that are not losses or metrics. */
const NOT_A_CURVE = new Set(['batch', 'size']);

export class TrainingCurves {
  private step = 0;
  private readonly byName = new Map<string, Curve>();

  get curves(): Curve[] {
    return [...this.byName.values()];
  }

  addBatch(logs: Record<string, number>): void {
    this.step += 1;
    for (const [name, value] of Object.entries(logs)) if (!NOT_A_CURVE.has(name) && !name.startsWith('val_')) this.at(name).batch.splice(-1, 1, value);
  }

  addEpoch(logs: Record<string, number>): void {
    for (const [name, value] of Object.entries(logs)) {
      if (name.startsWith('val_')) this.at(name.slice(4)).validation.splice(-1, 1, value);
      else if (!NOT_A_CURVE.has(name)) this.at(name).epoch.splice(-1, 1, value);
    }
  }

  /** The curve's point at the current step, added (empty) when it has none yet. */
  private at(name: string): Curve {
    let curve = this.byName.get(name);
    if (!curve) this.byName.set(name, (curve = { name, steps: [], batch: [], epoch: [], validation: [] }));
    if (curve.steps.at(-1) !== this.step) {
      curve.steps.push(this.step);
      curve.batch.push(null);
      curve.epoch.push(null);
      curve.validation.push(null);
    }
    return curve;
  }
}

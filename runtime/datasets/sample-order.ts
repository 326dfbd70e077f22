import { seededRandom } from './random';

/**
 * Which of `count` stored rows a dataset's generate() returns, in order: all
 * of them shuffled by `seed` (Fisher–Yates), then the first `samples`. A file
 * sorted by class must not put one class alone in the validation split,
 * which trainModel takes from the end.
 */
export function sampleOrder(count: number, samples: number, seed: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const random = seededRandom(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, Math.max(0, Math.min(samples, count)));
}

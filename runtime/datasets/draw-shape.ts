import type { Random } from './random';

/**
 * Each shape as a test "is the point (u, v) inside?", with u and v measured
 * from the shape's centre in units of its radius, so one rasterizer draws
 * them all at any image size.
 */
const SHAPES: { name: string; inside: (u: number, v: number) => boolean }[] = [
  { name: 'circle', inside: (u, v) => u * u + v * v <= 1 },
  { name: 'ring', inside: (u, v) => u * u + v * v <= 1 && u * u + v * v >= 0.4 },
  { name: 'square', inside: (u, v) => Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8 },
  { name: 'frame', inside: (u, v) => Math.max(Math.abs(u), Math.abs(v)) <= 0.85 && Math.max(Math.abs(u), Math.abs(v)) >= 0.5 },
  { name: 'triangle', inside: (u, v) => v <= 0.8 && v >= -1 + 2 * Math.abs(u) - 0.2 },
  { name: 'diamond', inside: (u, v) => Math.abs(u) + Math.abs(v) <= 1 },
  { name: 'plus', inside: (u, v) => (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 1) },
  { name: 'cross', inside: (u, v) => Math.abs(u) <= 0.9 && Math.abs(v) <= 0.9 && (Math.abs(u - v) <= 0.35 || Math.abs(u + v) <= 0.35) },
  { name: 'horizontal bar', inside: (u, v) => Math.abs(u) <= 1 && Math.abs(v) <= 0.3 },
  { name: 'vertical bar', inside: (u, v) => Math.abs(u) <= 0.3 && Math.abs(v) <= 1 },
];

export const SHAPE_NAMES = SHAPES.map((s) => s.name);

/**
 * Draws shape `index` into one size×size×3 image at `offset` of `pixels`:
 * a random bright colour on a dark noisy background, with the size and
 * position jittered so the model must learn the shape, not a pixel.
 */
export function drawShape(pixels: Float32Array, offset: number, size: number, index: number, random: Random): void {
  const shape = SHAPES[index]!;
  const radius = size * random.uniform(0.18, 0.32);
  const margin = radius + 1;
  const cx = random.uniform(margin, size - margin);
  const cy = random.uniform(margin, size - margin);
  const colour = [random.uniform(0.4, 1), random.uniform(0.4, 1), random.uniform(0.4, 1)];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = shape.inside((x + 0.5 - cx) / radius, (y + 0.5 - cy) / radius);
      const at = offset + (y * size + x) * 3;
      for (let c = 0; c < 3; c++) pixels[at + c] = inside ? colour[c]! : random.uniform(0, 0.2);
    }
  }
}

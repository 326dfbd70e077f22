import type { Random } from './random';

/** One period of each waveform, phase in [0, 1) → value in [-1, 1]. */
const WAVEFORMS: { name: string; at: (phase: number) => number }[] = [
  { name: 'sine', at: (p) => Math.sin(2 * Math.PI * p) },
  { name: 'square', at: (p) => (p < 0.5 ? 1 : -1) },
  { name: 'sawtooth', at: (p) => 2 * p - 1 },
  { name: 'triangle', at: (p) => (p < 0.5 ? 4 * p - 1 : 3 - 4 * p) },
  { name: 'pulse', at: (p) => (p < 0.2 ? 1 : -0.25) },
];

export const WAVEFORM_NAMES = WAVEFORMS.map((w) => w.name);

/** Cycles per sequence of the slow and the fast band. */
export const FREQUENCY_BANDS = [
  { name: 'slow', cycles: [1.5, 3.5] },
  { name: 'fast', cycles: [6, 10] },
] as const;

/**
 * Writes `length` samples of a waveform with random phase, amplitude and a
 * frequency from `band`, plus Gaussian noise, at `offset` of `out`. A sequence
 * model sees them as frames: [length / frame, frame].
 */
export function writeWave(out: Float32Array, offset: number, length: number, waveform: number, band: number, random: Random, noise = 0.15): void {
  const wave = WAVEFORMS[waveform]!;
  const [low, high] = FREQUENCY_BANDS[band]!.cycles;
  const cycles = random.uniform(low, high);
  const phase = random.next();
  const amplitude = random.uniform(0.6, 1);
  for (let i = 0; i < length; i++) {
    const p = (phase + (cycles * i) / length) % 1;
    out[offset + i] = amplitude * wave.at(p) + noise * random.normal();
  }
}

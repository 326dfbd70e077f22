import { sampleArray, setOneHot, type Dataset } from './dataset';
import { seededRandom } from './random';
import { FREQUENCY_BANDS, WAVEFORM_NAMES, writeWave } from './waveform';

const FRAMES = 32;
const FRAME = 16;
const CLASSES = WAVEFORM_NAMES.flatMap((wave) => FREQUENCY_BANDS.map((band) => `${band.name} ${wave}`));

/**
 * Noisy waveforms for the seed LSTM and attention models: 512 samples cut
 * into 32 frames of 16 (the models' [timesteps, 16] input), 10 classes =
 * 5 waveforms × slow / fast.
 */
export const waves: Dataset = {
  name: 'waves',
  description: `noisy ${WAVEFORM_NAMES.join(' / ')} waves, slow or fast, as ${FRAMES} frames of ${FRAME} samples; 10 classes`,
  descriptionZh: `带噪声的 ${WAVEFORM_NAMES.join(' / ')} 波形，慢速或快速，切成 ${FRAMES} 帧、每帧 ${FRAME} 个采样；10 类`,
  inputs: [{ name: 'sequence', shape: [FRAMES, FRAME], kind: 'sequences of frames' }],
  outputs: [{ name: 'wave', classes: CLASSES }],
  defaultSamples: 3000,
  async generate({ samples, seed }) {
    const random = seededRandom(seed);
    const sequences = sampleArray(samples, [FRAMES, FRAME]);
    const labels = sampleArray(samples, [CLASSES.length]);
    for (let i = 0; i < samples; i++) {
      const label = random.int(CLASSES.length);
      writeWave(sequences.data, i * FRAMES * FRAME, FRAMES * FRAME, Math.floor(label / FREQUENCY_BANDS.length), label % FREQUENCY_BANDS.length, random);
      setOneHot(labels, i, label);
    }
    return { inputs: { sequence: sequences }, outputs: { wave: labels } };
  },
};

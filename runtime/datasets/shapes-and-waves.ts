import { sampleArray, setOneHot, type Dataset } from './dataset';
import { drawShape, SHAPE_NAMES } from './draw-shape';
import { seededRandom } from './random';
import { FREQUENCY_BANDS, writeWave } from './waveform';

const SIZE = 32;
const FRAMES = 16;
const FRAME = 16;
const IMAGE_SHAPES = SHAPE_NAMES.slice(0, 5);
const CLASSES = IMAGE_SHAPES.flatMap((shape) => FREQUENCY_BANDS.map((band) => `${shape} + ${band.name} sine`));

/**
 * Paired image + sequence samples for the cross-modal model. The class needs
 * both: the image shows one of 5 shapes, the sequence is a slow or a fast
 * sine, and the label is the pair (10 classes).
 */
export const shapesAndWaves: Dataset = {
  name: 'shapes-and-waves',
  description: `pairs of a 32×32 RGB shape (${IMAGE_SHAPES.join(', ')}) and a slow or fast sine of ${FRAMES} frames × ${FRAME}; the class is the pair (10)`,
  descriptionZh: `成对样本：一张 32×32 RGB 图形（${IMAGE_SHAPES.join('、')}）和一段 ${FRAMES} 帧 × ${FRAME} 的慢速或快速正弦波；类别是这一对的组合（10 类）`,
  inputs: [
    { name: 'image', shape: [SIZE, SIZE, 3], kind: 'RGB images' },
    { name: 'tokens', shape: [FRAMES, FRAME], kind: 'sequences of frames' },
  ],
  outputs: [{ name: 'pair', classes: CLASSES }],
  defaultSamples: 300,
  async generate({ samples, seed }) {
    const random = seededRandom(seed);
    const images = sampleArray(samples, [SIZE, SIZE, 3]);
    const sequences = sampleArray(samples, [FRAMES, FRAME]);
    const labels = sampleArray(samples, [CLASSES.length]);
    for (let i = 0; i < samples; i++) {
      const label = random.int(CLASSES.length);
      drawShape(images.data, i * SIZE * SIZE * 3, SIZE, Math.floor(label / FREQUENCY_BANDS.length), random);
      writeWave(sequences.data, i * FRAMES * FRAME, FRAMES * FRAME, 0, label % FREQUENCY_BANDS.length, random);
      setOneHot(labels, i, label);
    }
    return { inputs: { image: images, tokens: sequences }, outputs: { pair: labels } };
  },
};

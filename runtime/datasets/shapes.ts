import { sampleArray, setOneHot, type Dataset } from './dataset';
import { drawShape, SHAPE_NAMES } from './draw-shape';
import { seededRandom } from './random';

const SIZE = 64;

/** Coloured shapes for the seed CNN: 64×64 RGB images, 10 classes. */
export const shapes: Dataset = {
  name: 'shapes',
  description: `coloured shapes (${SHAPE_NAMES.slice(0, 3).join(', ')}… 10 kinds) in 64×64 RGB images, jittered in size, position and colour`,
  descriptionZh: `64×64 RGB 图像中的彩色图形（${SHAPE_NAMES.slice(0, 3).join('、')}… 共 10 种），大小、位置和颜色随机抖动`,
  inputs: [{ name: 'image', shape: [SIZE, SIZE, 3], kind: 'RGB images' }],
  outputs: [{ name: 'shape', classes: SHAPE_NAMES }],
  defaultSamples: 64,
  async generate({ samples, seed }) {
    const random = seededRandom(seed);
    const images = sampleArray(samples, [SIZE, SIZE, 3]);
    const labels = sampleArray(samples, [SHAPE_NAMES.length]);
    for (let i = 0; i < samples; i++) {
      const label = random.int(SHAPE_NAMES.length);
      drawShape(images.data, i * SIZE * SIZE * 3, SIZE, label, random);
      setOneHot(labels, i, label);
    }
    return { inputs: { image: images }, outputs: { shape: labels } };
  },
};

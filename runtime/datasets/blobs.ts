import { sampleArray, setOneHot, type Dataset } from './dataset';
import { seededRandom } from './random';

const FEATURES = 64;
const BLOBS = 10;
/** Standard-normal quantiles that cut the projection into 5 equally likely bands. */
const BAND_EDGES = [-0.8416, -0.2533, 0.2533, 0.8416];
const BANDS = ['far below', 'below', 'middle', 'above', 'far above'];

/**
 * Tabular data with two label sets for the multi-task model: 64 features
 * around 10 Gaussian blob centres. Label 1 is the blob; label 2 is where the
 * sample lies along one fixed direction inside its blob, so the two heads
 * need different things from the shared trunk.
 */
export const blobs: Dataset = {
  name: 'blobs',
  description: '64 features around 10 Gaussian blobs; two label sets: the blob (10 classes) and the position inside it (5 bands)',
  descriptionZh: '围绕 10 个高斯团簇的 64 维特征；两组标签：所属团簇（10 类）和在团簇内的位置（5 段）',
  inputs: [{ name: 'features', shape: [FEATURES], kind: 'feature vectors' }],
  outputs: [
    { name: 'blob', classes: Array.from({ length: BLOBS }, (_, i) => `blob ${i}`) },
    { name: 'band', classes: BANDS },
  ],
  defaultSamples: 2000,
  async generate({ samples, seed }) {
    // The centres and the direction are part of the task, not of the draw: fixed, whatever the seed.
    const layout = seededRandom(20_240_601);
    const centres = Array.from({ length: BLOBS }, () => Array.from({ length: FEATURES }, () => 1.5 * layout.normal()));
    const direction = Array.from({ length: FEATURES }, () => layout.normal());
    const norm = Math.hypot(...direction);
    const random = seededRandom(seed);
    const features = sampleArray(samples, [FEATURES]);
    const blob = sampleArray(samples, [BLOBS]);
    const band = sampleArray(samples, [BANDS.length]);
    for (let i = 0; i < samples; i++) {
      const label = random.int(BLOBS);
      let along = 0;
      for (let f = 0; f < FEATURES; f++) {
        const offset = random.normal();
        along += (offset * direction[f]!) / norm;
        features.data[i * FEATURES + f] = centres[label]![f]! + offset;
      }
      setOneHot(blob, i, label);
      setOneHot(band, i, BAND_EDGES.filter((edge) => along > edge).length);
    }
    return { inputs: { features }, outputs: { blob, band } };
  },
};

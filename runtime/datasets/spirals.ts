import { sampleArray, setOneHot, type Dataset } from './dataset';
import { seededRandom } from './random';

const ARMS = 3;
/** How far each arm winds around the centre, in turns. */
const TURNS = 1.25;
const NOISE = 0.04;
const BANDS = ['inner', 'middle', 'outer'];

/**
 * The classic interleaved spirals: 2-D points on `arms` arms winding out
 * from the centre, a problem no straight line separates. Two label sets, as
 * blobs has, for a multi-task model: the arm, and how far out along it the
 * point lies (inner, middle, outer third).
 */
export function makeSpirals(arms = ARMS): Dataset {
  return {
    name: 'spirals',
    description: `2-D points on ${arms} interleaved spiral arms; two label sets: the arm (${arms} classes) and how far out along it (3 bands: ${BANDS.join(', ')})`,
    descriptionZh: `${arms} 条交错螺旋臂上的二维点；两组标签：所在的螺旋臂（${arms} 类）和沿臂向外的位置（3 段：内、中、外）`,
    inputs: [{ name: 'point', shape: [2], kind: 'points (x, y)' }],
    outputs: [
      { name: 'arm', classes: Array.from({ length: arms }, (_, i) => `arm ${i}`) },
      { name: 'band', classes: BANDS },
    ],
    defaultSamples: 1500,
    async generate({ samples, seed }) {
      const random = seededRandom(seed);
      const points = sampleArray(samples, [2]);
      const arm = sampleArray(samples, [arms]);
      const band = sampleArray(samples, [BANDS.length]);
      for (let i = 0; i < samples; i++) {
        const label = random.int(arms);
        const along = random.next(); // 0 at the centre, 1 at the arm's end; also the radius
        const angle = (2 * Math.PI * label) / arms + 2 * Math.PI * TURNS * along;
        points.data[i * 2] = along * Math.cos(angle) + NOISE * random.normal();
        points.data[i * 2 + 1] = along * Math.sin(angle) + NOISE * random.normal();
        setOneHot(arm, i, label);
        setOneHot(band, i, Math.min(BANDS.length - 1, Math.floor(along * BANDS.length)));
      }
      return { inputs: { point: points }, outputs: { arm, band } };
    },
  };
}

export const spirals = makeSpirals();

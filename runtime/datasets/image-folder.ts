/**
 * A person's images as a classification dataset: one sub-folder per class
 * (`cats/001.png`, `dogs/x.jpg`), given as a list of files with their bytes,
 * so the page passes the contents of picked Files (or unzipFiles of a zip)
 * and the CLI the files it read. No files, no DOM, no canvas.
 *
 *   const read = await readImageFolder(files, { name: 'pets.zip', size: imageSizeForInput([28, 28, 1]) });
 *
 * PNG and JPEG are decoded by decode-image.ts, or by `decode` when the
 * caller has a better decoder (the page could use createImageBitmap). Each
 * image is resized (bilinear, half-pixel centres: tf.image.resizeBilinear
 * with halfPixelCenters) to `size`, turned grey (ITU-R 601 weights, as
 * tf.image.rgbToGrayscale), RGB or RGBA, and scaled to [0, 1]. What `size`
 * leaves out comes from the first image (by path); channels default to RGB.
 * A single folder that holds all the class folders (a zipped `pets/`) is
 * looked through; hidden files, `__MACOSX/`, Thumbs.db and desktop.ini are
 * skipped. Every problem names the file.
 */
import { say, type Text } from '../../compiler/diagnostics';
import type { Shape } from '../../schemas/shape';
import { sampleArray, type Dataset } from './dataset';
import { capProblems, type DataProblem, type DataResult } from './data-problem';
import { decodeImage, imageFormat, type ImageFormat, type RgbaImage } from './decode-image';
import { sampleOrder } from './sample-order';
import type { DataFile } from './zip';

export type { DataFile } from './zip';

export interface ImageSize {
  height: number;
  width: number;
  /** 1 grey, 3 RGB, 4 RGBA. */
  channels: number;
}

export interface ImageFolderOptions {
  /** The folder's or zip's name, as the dataset's name and in every problem. */
  name: string;
  size?: Partial<ImageSize>;
  /** Decodes one PNG or JPEG; throws when it cannot. decode-image.ts's pure-JS decoders when left out. */
  decode?: (bytes: Uint8Array, format: ImageFormat) => RgbaImage | Promise<RgbaImage>;
}

/** What a model Input's per-sample shape asks of the images: [height, width, channels], numbers only (a symbol leaves that part to the images). */
export function imageSizeForInput(perSample: Shape): Partial<ImageSize> {
  if (perSample.length !== 3) return {};
  const [height, width, channels] = perSample.map((d) => (typeof d === 'number' ? d : undefined));
  return { height, width, channels };
}

const SKIPPED_NAMES = new Set(['__MACOSX', 'Thumbs.db', 'desktop.ini']);
const skipped = (segments: string[]) => segments.some((s) => s.startsWith('.') || SKIPPED_NAMES.has(s));
const CHANNEL_KINDS: Record<number, string> = { 1: 'grey images', 3: 'RGB images', 4: 'RGBA images' };

export async function readImageFolder(files: DataFile[], options: ImageFolderOptions): Promise<DataResult<Dataset>> {
  const { name } = options;
  const problems: DataProblem[] = [];
  const problem = (file: string, text: Text) => problems.push({ file, text: say(`${file}: ${text.en}`, `${file}：${text.zh}`) });
  const fail = (): DataResult<Dataset> => ({ ok: false, problems: capProblems(name, problems) });

  const entries = files
    .map((file) => ({ ...file, segments: file.path.replace(/\\/g, '/').replace(/^(\.?\/)+/, '').split('/') }))
    .filter((entry) => !skipped(entry.segments));
  const images = entries.filter((e) => e.segments.at(-1) !== '').sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (images.length === 0) {
    problem(name, say('no images found; expected one folder per class with PNG or JPEG images inside', '没有找到图像；应为每个类别建一个文件夹，其中放 PNG 或 JPEG 图像'));
    return fail();
  }
  // Look through one folder that holds everything, as a zipped `pets/` does, while some image is still deeper than a class folder.
  let depth = 0;
  while (images.every((e) => e.segments.length > depth + 1 && e.segments[depth] === images[0]!.segments[depth]) && images.some((e) => e.segments.length > depth + 2)) depth += 1;
  const inside = (e: { segments: string[] }) => e.segments.slice(depth);

  const counts = new Map<string, number>();
  for (const folder of entries.filter((e) => e.segments.at(-1) === '')) {
    const [className, ...rest] = inside(folder);
    if (className && rest.length === 1 && !counts.has(className)) counts.set(className, 0); // a class folder, maybe empty
  }
  const labelled: { path: string; bytes: Uint8Array; className: string }[] = [];
  for (const image of images) {
    const [className, ...rest] = inside(image);
    if (rest.length === 0) {
      problem(image.path, say('a file outside any class folder; put every image in a folder named after its class', '文件不在任何类别文件夹中；请把每张图像放进以其类别命名的文件夹'));
      continue;
    }
    counts.set(className!, (counts.get(className!) ?? 0) + 1);
    labelled.push({ path: image.path, bytes: image.bytes, className: className! });
  }
  for (const [className, count] of counts) {
    if (count === 0) problem(`${[...images[0]!.segments.slice(0, depth), className].join('/')}/`, say('an empty class folder; put images in it or remove it', '类别文件夹是空的；请放入图像或删除它'));
  }
  const classes = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classes.length < 2) {
    problem(
      name,
      say(
        `${classes.length === 0 ? 'no class folders' : `one class folder only (${classes[0]})`}; a classifier needs at least 2: one folder of images per class`,
        `${classes.length === 0 ? '没有类别文件夹' : `只有一个类别文件夹（${classes[0]}）`}；分类至少需要 2 个类别：每个类别一个图像文件夹`,
      ),
    );
  }
  if (problems.length) return fail();

  const decode = options.decode ?? decodeImage;
  const decoded: { image: RgbaImage; label: number }[] = [];
  for (const file of labelled) {
    const format = imageFormat(file.bytes);
    if (!format) {
      problem(file.path, say('not a PNG or JPEG image', '不是 PNG 或 JPEG 图像'));
      continue;
    }
    try {
      const image = await decode(file.bytes, format);
      if (image.width < 1 || image.height < 1) throw new Error(`it is ${image.width}×${image.height} pixels`);
      decoded.push({ image, label: classes.indexOf(file.className) });
    } catch (error) {
      problem(file.path, say(`a corrupt ${format} image (${(error as Error).message})`, `损坏的 ${format} 图像（${(error as Error).message}）`));
    }
  }
  if (problems.length) return fail();

  const first = decoded[0]!.image;
  const size: ImageSize = { height: options.size?.height ?? first.height, width: options.size?.width ?? first.width, channels: options.size?.channels ?? 3 };
  if (!CHANNEL_KINDS[size.channels] || size.height < 1 || size.width < 1) {
    problem(name, say(`cannot make images of ${size.height}×${size.width}×${size.channels}: the channels must be 1 (grey), 3 (RGB) or 4 (RGBA)`, `无法生成 ${size.height}×${size.width}×${size.channels} 的图像：通道数必须是 1（灰度）、3（RGB）或 4（RGBA）`));
    return fail();
  }
  const perImage = size.height * size.width * size.channels;
  const pixels = new Float32Array(decoded.length * perImage);
  decoded.forEach(({ image }, i) => writeResized(image, size, pixels.subarray(i * perImage, (i + 1) * perImage)));
  const labels = decoded.map((d) => d.label);
  const shape = [size.height, size.width, size.channels];
  const kind = CHANNEL_KINDS[size.channels]!;

  const dataset: Dataset = {
    name,
    description: `${name}: ${decoded.length} images in ${classes.length} classes (${classes.join(', ')}), as ${size.height}×${size.width} ${kind}`,
    descriptionZh: `${name}：${decoded.length} 张图像，${classes.length} 个类别（${classes.join('、')}），转为 ${size.height}×${size.width}×${size.channels} 的图像`,
    inputs: [{ name: 'image', shape, kind }],
    outputs: [{ name: 'class', classes }],
    defaultSamples: decoded.length,
    async generate({ samples, seed }) {
      const order = sampleOrder(decoded.length, samples, seed);
      const image = sampleArray(order.length, shape);
      const label = sampleArray(order.length, [classes.length]);
      order.forEach((index, i) => {
        image.data.set(pixels.subarray(index * perImage, (index + 1) * perImage), i * perImage);
        label.data[i * classes.length + labels[index]!] = 1;
      });
      return { inputs: { image }, outputs: { class: label } };
    },
  };
  return { ok: true, dataset };
}

/** ITU-R 601 luma, the weights tf.image.rgbToGrayscale uses. */
const GREY = [0.2989, 0.587, 0.114];

/**
 * Bilinear resize with half-pixel centres (tf.image.resizeBilinear's
 * `halfPixelCenters`: a source position clamps to the edge pixels), then
 * the channels the model wants, each scaled to [0, 1].
 */
export function writeResized(image: RgbaImage, size: ImageSize, out: Float32Array): void {
  const { width, height, rgba } = image;
  const axis = (inSize: number, outSize: number, index: number) => {
    const position = Math.min(Math.max(((index + 0.5) * inSize) / outSize - 0.5, 0), inSize - 1);
    const low = Math.floor(position);
    return { low, high: Math.min(low + 1, inSize - 1), fraction: position - low };
  };
  const rgb = [0, 0, 0, 0];
  for (let y = 0; y < size.height; y++) {
    const row = axis(height, size.height, y);
    for (let x = 0; x < size.width; x++) {
      const column = axis(width, size.width, x);
      for (let c = 0; c < 4; c++) {
        const at = (r: number, k: number) => rgba[(r * width + k) * 4 + c]!;
        const top = at(row.low, column.low) + (at(row.low, column.high) - at(row.low, column.low)) * column.fraction;
        const bottom = at(row.high, column.low) + (at(row.high, column.high) - at(row.high, column.low)) * column.fraction;
        rgb[c] = (top + (bottom - top) * row.fraction) / 255;
      }
      const o = (y * size.width + x) * size.channels;
      if (size.channels === 1) out[o] = GREY[0]! * rgb[0]! + GREY[1]! * rgb[1]! + GREY[2]! * rgb[2]!;
      else for (let c = 0; c < size.channels; c++) out[o + c] = rgb[c]!;
    }
  }
}

import { createCanvas, loadImage } from '@napi-rs/canvas';

/** Decoded RGBA pixels of a PNG, via @napi-rs/canvas (a real decoder, not our own IHDR reader). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export async function decodePng(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return {
    width: image.width,
    height: image.height,
    data: ctx.getImageData(0, 0, image.width, image.height).data,
  };
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

function* pixelsIn(p: Pixels, r: Region): Generator<[number, number, number, number]> {
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = (y * p.width + x) * 4;
      yield [p.data[i] ?? 0, p.data[i + 1] ?? 0, p.data[i + 2] ?? 0, p.data[i + 3] ?? 0];
    }
  }
}

/** Distinct colours, quantised to 5 bits a channel so anti-aliasing noise does not inflate the count. */
export function distinctColours(p: Pixels, r: Region): number {
  const seen = new Set<number>();
  for (const [red, green, blue] of pixelsIn(p, r))
    seen.add(((red >> 3) << 10) | ((green >> 3) << 5) | (blue >> 3));
  return seen.size;
}

/** Pixels that are clearly not background: text is grey (#666) on white. */
export function darkPixels(p: Pixels, r: Region): number {
  let count = 0;
  for (const [red, green, blue] of pixelsIn(p, r)) if ((red + green + blue) / 3 < 160) count++;
  return count;
}

export function nonWhitePixels(p: Pixels, r: Region): number {
  let count = 0;
  for (const [red, green, blue] of pixelsIn(p, r)) if (red < 245 || green < 245 || blue < 245) count++;
  return count;
}

export function pixelAt(p: Pixels, x: number, y: number): number[] {
  const i = (y * p.width + x) * 4;
  return Array.from(p.data.subarray(i, i + 4));
}

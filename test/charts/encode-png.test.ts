import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { crc32, encodeOpaquePng } from '../../src/charts/encode-png.js';

describe('encodeOpaquePng', () => {
  it('round-trips opaque pixels exactly through a real PNG decoder', async () => {
    const canvas = createCanvas(37, 23); // odd sizes catch stride mistakes
    const g = canvas.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, 37, 23);
    g.fillStyle = '#0072b2';
    g.fillRect(3, 4, 10, 12);
    g.fillStyle = '#d55e00';
    g.fillRect(20, 1, 15, 20);
    const png = await encodeOpaquePng(canvas.data(), 37, 23);
    expect(png?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const image = await loadImage(png as Buffer);
    expect([image.width, image.height]).toEqual([37, 23]);
    const back = createCanvas(37, 23);
    back.getContext('2d').drawImage(image, 0, 0);
    expect(Buffer.compare(back.data(), canvas.data())).toBe(0);
  });

  it('declines pixels that are not fully opaque, so the caller keeps alpha', async () => {
    const canvas = createCanvas(4, 4);
    canvas.getContext('2d').fillRect(0, 0, 2, 2); // the rest stays transparent
    expect(await encodeOpaquePng(canvas.data(), 4, 4)).toBeNull();
  });

  it('rejects a buffer that does not match the size', async () => {
    await expect(encodeOpaquePng(new Uint8Array(10), 2, 2)).rejects.toThrow(RangeError);
  });

  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789', 'latin1'))).toBe(0xcbf43926);
  });
});

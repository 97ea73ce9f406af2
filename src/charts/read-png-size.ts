const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Pixel size from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. Used to check what a
 * QuickChart server returned (an HTML error page with status 200 must not reach Slack as an image).
 */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  // 8-byte signature, then the IHDR chunk: length (4), type (4), width (4), height (4).
  if (bytes.length < 24 || !signature.equals(bytes.subarray(0, 8))) return undefined;
  if (Buffer.from(bytes.subarray(12, 16)).toString('latin1') !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * Whether Slack's servers could fetch this image URL. A localhost or private-network URL in an image
 * block fails the whole message with `invalid_blocks`, so such charts fall back to text instead.
 */
export function isPublicImageUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || raw.length > 3_000) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host === '::1') {
    return false;
  }
  return !/^(127\.|10\.|192\.168\.|169\.254\.|0\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host);
}

import { BlockList, isIP } from 'node:net';

/** Slack rejects an image block whose `image_url` is longer (docs/slack-platform.md). */
export const MAX_IMAGE_URL_LENGTH = 3000;

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127], // :: and ::1
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

/**
 * Whether Slack's servers could fetch from `hostname` (a URL's hostname, IPv6 in brackets or not).
 * Loopback, private and link-local addresses, localhost, `.local`/`.internal`/`.localhost`/`.home.arpa`
 * names and single-label names (a Docker service like `quickchart`) are not: an image_url there fails
 * the whole message with `invalid_blocks`.
 */
export function isPublicHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const family = isIP(host);
  if (family === 4) return !privateRanges.check(host, 'ipv4');
  if (family === 6) {
    // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged by its IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
    return mapped ? isPublicHost(mapped) : !privateRanges.check(host, 'ipv6');
  }
  if (!host.includes('.')) return false;
  return !/(^|\.)(localhost|local|internal|home\.arpa)$/.test(host);
}

/**
 * How a QuickChart chart reaches Slack: as an `image_url` when Slack can fetch it and it fits, else we
 * POST for the PNG ourselves. `preferPng` forces the POST (the caller uploads the bytes).
 */
export function chooseQuickChartDelivery(url: string, hostname: string, preferPng = false): 'url' | 'post' {
  if (preferPng || url.length > MAX_IMAGE_URL_LENGTH) return 'post';
  return isPublicHost(hostname) ? 'url' : 'post';
}

import type { Surface } from '../../src/domain/surfaces.js';

/**
 * One colour per surface in every chart, from the Okabe–Ito palette (safe for the common colour-vision
 * deficiencies) and dark enough to read on the white chart background on both Slack themes.
 */
export const surfaceColors: Readonly<Record<Surface, string>> = {
  cli: '#0072B2',
  ide: '#E69F00',
  cloud: '#009E73',
  desktop: '#CC79A7',
  code_review: '#D55E00',
  other: '#7F7F7F',
};

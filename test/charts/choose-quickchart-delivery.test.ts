import { describe, expect, it } from 'vitest';
import { buildQuickChart } from '../../src/charts/build-quickchart.js';
import {
  chooseQuickChartDelivery,
  isPublicHost,
  MAX_IMAGE_URL_LENGTH,
} from '../../src/charts/choose-quickchart-delivery.js';
import { stackedWeeklySpec, topUsersSpec } from './sample-specs.js';

const publicBase = new URL('https://quickchart.io');

describe('QuickChart delivery decision', () => {
  it('a 12-week × 5-series chart fits image_url; 40 weeks does not and goes through POST', () => {
    const short = buildQuickChart(stackedWeeklySpec(12), publicBase).getUrl();
    const long = buildQuickChart(stackedWeeklySpec(40), publicBase).getUrl();
    expect(short.length).toBeLessThan(MAX_IMAGE_URL_LENGTH);
    expect(long.length).toBeGreaterThan(MAX_IMAGE_URL_LENGTH);
    expect(chooseQuickChartDelivery(short, 'quickchart.io')).toBe('url');
    expect(chooseQuickChartDelivery(long, 'quickchart.io')).toBe('post');
    expect(chooseQuickChartDelivery(short, 'quickchart.io', true)).toBe('post');
    expect(chooseQuickChartDelivery(short, '127.0.0.1')).toBe('post');
  });

  it('builds a Chart.js v4, 2×, white-background URL on the configured host', () => {
    const url = new URL(buildQuickChart(topUsersSpec, new URL('https://charts.example.com/qc/')).getUrl());
    expect(url.origin + url.pathname).toBe('https://charts.example.com/qc/chart');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      v: '4',
      devicePixelRatio: '2',
      bkg: 'white',
      w: '800',
      h: '500',
    });
  });

  it.each([
    ['quickchart.io', true],
    ['charts.example.com', true],
    ['8.8.8.8', true],
    ['[2606:4700::1111]', true],
    ['localhost', false],
    ['api.localhost', false],
    ['127.0.0.1', false],
    ['127.8.9.10', false],
    ['[::1]', false],
    ['[::ffff:127.0.0.1]', false],
    ['10.1.2.3', false],
    ['172.20.0.5', false],
    ['192.168.1.10', false],
    ['169.254.169.254', false],
    ['[fd00::1]', false],
    ['[fe80::1]', false],
    ['quickchart', false],
    ['printer.local', false],
    ['charts.corp.internal', false],
  ])('isPublicHost(%s) → %s', (host, expected) => {
    expect(isPublicHost(host)).toBe(expected);
  });
});

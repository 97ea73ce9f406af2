import type { ChartSpec } from '../../reports/charts/chart-spec.js';

/** Plain-JSON Chart.js v4 configs shaped like the reports' charts, with deterministic made-up figures. */

const surfaceSeries = [
  { label: 'CLI', color: '#2563eb' },
  { label: 'IDE extension', color: '#16a34a' },
  { label: 'Cloud', color: '#f59e0b' },
  { label: 'Desktop', color: '#9333ea' },
  { label: 'Code Review', color: '#dc2626' },
];

/** Mondays from 2026-01-05, as the weekly digest labels its buckets. */
function weekLabels(weeks: number): string[] {
  const start = Date.UTC(2026, 0, 5);
  return Array.from({ length: weeks }, (_, i) =>
    new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * Weekly active users by surface, stacked: the digest's headline chart, with the options a real one
 * carries (axis titles, fonts, borders), so its QuickChart URL length is representative.
 */
export function stackedWeeklySpec(weeks = 12): ChartSpec {
  const labels = weekLabels(weeks);
  return {
    key: `active-users-by-surface-${weeks}w`,
    title: 'Weekly active users by surface',
    altText: `Weekly active users by surface over ${weeks} weeks`,
    width: 800,
    height: 400,
    config: {
      type: 'bar',
      data: {
        labels,
        datasets: surfaceSeries.map((s, k) => ({
          label: s.label,
          backgroundColor: s.color,
          borderColor: '#ffffff',
          borderWidth: 1,
          maxBarThickness: 48,
          data: labels.map((_, i) => 400 + ((i * 373 + k * 531) % 900) + i * (5 - k) * 31),
        })),
      },
      options: {
        layout: { padding: { top: 4, right: 16, bottom: 4, left: 8 } },
        plugins: {
          title: {
            display: true,
            text: 'Weekly active users by surface',
            font: { size: 16, weight: 'bold' },
          },
          subtitle: { display: true, text: `Last ${weeks} weeks, UTC, Monday to Sunday` },
          legend: { position: 'bottom', labels: { boxWidth: 12, padding: 16 } },
        },
        scales: {
          x: { stacked: true, grid: { display: false }, title: { display: true, text: 'Week starting' } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Active users' } },
        },
      },
    },
  };
}

const users = ['ana.souza', 'bo.chen', 'carla.diaz', 'dev.patel', 'emma.jones', 'farid.haddad', 'grace.kim'];
const moreUsers = ['hiro.tanaka', 'ines.moreau', 'jon.berg'];

/** Top 10 users by Codex tasks, horizontal: the leaderboard chart. */
export const topUsersSpec: ChartSpec = {
  key: 'top-users',
  title: 'Top users by tasks (last 7 days)',
  altText: 'Top 10 users by tasks, ana.souza leads with 412',
  width: 800,
  height: 500,
  config: {
    type: 'bar',
    data: {
      labels: [...users, ...moreUsers],
      datasets: [
        {
          label: 'Tasks',
          backgroundColor: '#2563eb',
          data: [412, 377, 301, 288, 240, 199, 187, 150, 122, 97],
        },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: {
        title: { display: true, text: 'Top users by tasks (last 7 days)' },
        legend: { display: false },
      },
    },
  },
};

/** Share of tasks by surface over the period. */
export const surfaceShareSpec: ChartSpec = {
  key: 'surface-share',
  title: 'Tasks by surface',
  altText: 'Tasks by surface: CLI 46%, IDE 28%, Cloud 14%, Desktop 7%, Code Review 5%',
  width: 600,
  height: 400,
  config: {
    type: 'doughnut',
    data: {
      labels: surfaceSeries.map((s) => s.label),
      datasets: [{ data: [4120, 2510, 1260, 640, 430], backgroundColor: surfaceSeries.map((s) => s.color) }],
    },
    options: {
      plugins: { title: { display: true, text: 'Tasks by surface' }, legend: { position: 'right' } },
    },
  },
};

/** Daily tokens (millions), uncached input vs output, over four weeks. */
export const tokensLineSpec: ChartSpec = {
  key: 'tokens-daily',
  title: 'Tokens per day (millions)',
  altText: 'Tokens per day over 28 days, input and output',
  width: 800,
  height: 400,
  config: {
    type: 'line',
    data: {
      labels: Array.from({ length: 28 }, (_, i) => `Feb ${i + 1}`),
      datasets: [
        {
          label: 'Input',
          borderColor: '#2563eb',
          backgroundColor: '#2563eb',
          data: Array.from({ length: 28 }, (_, i) => 30 + ((i * 13) % 17) + (i % 7 > 4 ? -20 : 0)),
        },
        {
          label: 'Output',
          borderColor: '#f59e0b',
          backgroundColor: '#f59e0b',
          data: Array.from({ length: 28 }, (_, i) => 8 + ((i * 7) % 9) + (i % 7 > 4 ? -5 : 0)),
        },
      ],
    },
    options: {
      plugins: { title: { display: true, text: 'Tokens per day (millions)' } },
      scales: { y: { beginAtZero: true } },
    },
  },
};

/** Every sample, for the bench and the not-blank checks. */
export const sampleSpecs: ChartSpec[] = [
  stackedWeeklySpec(12),
  topUsersSpec,
  surfaceShareSpec,
  tokensLineSpec,
];

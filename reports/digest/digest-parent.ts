import type { DigestFigures, KpiDeltas } from '../../src/figures/figure-types.js';
import { fields, header, section } from '../blocks/block-helpers.js';
import {
  type DeltaKind,
  formatCredits,
  formatDelta,
  formatNumber,
  formatPercent,
  unknownValue,
} from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { buildAdoptionChart } from '../charts/adoption-chart.js';
import { finishReport } from '../limits/finish-report.js';
import { describeChanges } from './change-summary.js';
import { digestBudgetLines } from './digest-budget-lines.js';
import { periodComparisonLines, periodWords } from './digest-period-words.js';

const kpis: ReadonlyArray<[keyof KpiDeltas, string, DeltaKind]> = [
  ['activeUsers', 'Active users', 'count'],
  ['credits', 'Credits', 'credits'],
  ['threads', 'Threads', 'count'],
  ['prsReviewed', 'PRs reviewed', 'count'],
  ['positiveShare', 'Positive review share', 'share'],
];

/** The KPIs that come from Code Review: workspace-wide in every digest. */
const reviewKpis: ReadonlySet<keyof KpiDeltas> = new Set(['prsReviewed', 'positiveShare']);

/** `Codex weekly digest · team @platform`: a team's digest names its team in the header. */
export function teamTitle(title: string, team: string | undefined): string {
  return team === undefined ? title : `${title} · team ${team}`;
}

/** The pointer line's name for the Code Review reply. */
export function reviewTopic(team: string | undefined): string {
  return team === undefined ? 'Code Review' : 'Code Review (workspace-wide)';
}

function kpiValue(value: number | null, kind: DeltaKind): string {
  if (value === null) return unknownValue;
  if (kind === 'share') return formatPercent(value);
  return kind === 'credits' ? formatCredits(value) : formatNumber(value);
}

/**
 * The digest's parent message: the what-changed sentence, five headline KPIs with week-over-week arrows
 * and both values, and one chart (adoption by surface). Aggregate only: safe for both digests.
 */
export function buildDigestParent(
  digest: DigestFigures,
  title: string,
  /** What the thread replies hold, in order, for the pointer line (e.g. ['adoption', 'top users']). */
  threadTopics: readonly string[],
  /** A team's digest: its review KPIs are the workspace's (the API has no reviewer), and say so. */
  options: { workspaceWideReviews?: boolean } = {},
): ReportMessage {
  const words = periodWords(digest);
  const week = words.name;
  const summary = describeChanges(digest.deltas, {
    over: words.over,
    unit: words.unit,
    both:
      digest.period === undefined
        ? 'this week or the week before'
        : `in ${words.name} or ${words.previousName}`,
  });
  // Monthly and quarterly digests also say what they compare with, and where history starts (issue 11 §3).
  const comparison = periodComparisonLines(digest, (deltas) =>
    describeChanges(deltas, { over: 'year over year', unit: 'year', both: 'in either year' }),
  );
  const budgets = digestBudgetLines(digest.budgets);
  const extra = [...comparison, ...budgets];
  return finishReport({
    text: `${title} · ${week}: ${summary}${extra.length > 0 ? ` ${extra.join(' ')}` : ''}`,
    blocks: [
      header(`${title} · ${week}`),
      section(summary),
      ...(comparison.length > 0 ? [section(comparison.join('\n'))] : []),
      fields(
        kpis.map(([key, name, kind]) => {
          const delta = digest.deltas[key];
          const label = options.workspaceWideReviews && reviewKpis.has(key) ? `${name} (workspace)` : name;
          return `*${label}*\n${kpiValue(delta.current, kind)}\n${formatDelta(delta, kind)}`;
        }),
      ),
      ...(budgets.length > 0 ? [section(budgets.join('\n'))] : []),
      section(`_Details in the thread: ${listOf(threadTopics)}._`),
    ],
    charts: digest.adoption.activeUsers > 0 ? [buildAdoptionChart(digest.adoption)] : [],
    window: digest.week,
    freshness: digest.freshness,
  });
}

/** 'a, b and c' — the pointer line names exactly the replies that follow. */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

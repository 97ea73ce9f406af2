import type { ReportMessage } from '../../reports/blocks/report-message.js';
import type { DeliveryOutcome, RunSummary } from '../digests/digest-service.js';

const day = (periodStart: number) => new Date(periodStart * 1000).toISOString().slice(0, 10);
const oneLine = (text: string, max = 110) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function detail(outcome: DeliveryOutcome): string {
  switch (outcome.status) {
    case 'delivered':
      return `${outcome.delivery.postedParts} messages, thread ${outcome.delivery.parentTs ?? '?'}`;
    case 'already':
      return outcome.delivery ? `${outcome.delivery.status} before` : 'held by another replica';
    case 'dry-run':
      return `would post ${1 + outcome.report.replies.length} messages in ${outcome.channelId}`;
    default:
      return outcome.reason;
  }
}

/** The `digest run` table: one row per subscription looked at, then what a dry run would post. */
export function formatRunSummary(summary: RunSummary, dryRun: boolean): string {
  const counts = new Map<string, number>();
  for (const r of summary.results) counts.set(r.outcome.status, (counts.get(r.outcome.status) ?? 0) + 1);
  const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(', ') || 'nothing due';
  const rows = [['subscription', 'week of', 'status', 'detail']].concat(
    summary.results.map((r) => [r.subscriptionId, day(r.periodStart), r.outcome.status, detail(r.outcome)]),
  );
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  const table = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const lines = [
    `Digest run at ${summary.at.toISOString()}${dryRun ? ' (dry run)' : ''}: ${tally}`,
    '',
    ...table,
  ];
  for (const r of summary.results) {
    if (r.outcome.status !== 'dry-run') continue;
    const { parent, replies } = r.outcome.report;
    const message = (label: string, m: ReportMessage) => `  ${label}: ${oneLine(m.text)}`;
    lines.push('', `${r.subscriptionId} → ${r.outcome.channelId} (week of ${day(r.periodStart)}):`);
    lines.push(message('parent', parent), ...replies.map((m, i) => message(`reply ${i + 1}`, m)));
  }
  return `${lines.join('\n')}\n`;
}

import type { Clock } from '../../clock.js';
import type { SlackConfig, StoreConfig } from '../../config/env.js';
import type { DeliveryOutcome, DigestService } from '../../digests/digest-service.js';
import type { DigestCadence } from '../../domain/digest-cadence.js';
import type { SlackClient } from '../../slack-posting/slack-client.js';
import type { Store } from '../../store/store-types.js';
import { lazyScratchDir } from './lazy-scratch-dir.js';
import { playgroundIds as ids } from './playground-ids.js';

/** The digest service and its store, as `openDigestRuntime` (src/main/digest-runtime.ts) builds them. */
export interface DigestRuntimeLike {
  store: Store;
  service: DigestService;
  /** The Web API client digests and alert firings post with (the fake Slack's). */
  slack: SlackClient;
  close(): Promise<void>;
}

/** Builds a digest runtime from the playground's Slack configuration (the fake Slack, a scratch DATA_DIR). */
export type OpenDigests = (sections: {
  store: StoreConfig;
  slack: SlackConfig;
}) => Promise<DigestRuntimeLike>;

/** "Run scheduled digests now" for the playground, plus the cleanup of what it opened. */
export interface PlaygroundDigests {
  run(channelId: string): Promise<string>;
  /** The runtime, opened on first call and shared (the slash commands' digest deps use it too). */
  runtime(): Promise<DigestRuntimeLike>;
  close(): Promise<void>;
}

/**
 * The playground's digest control over the real digest service. The store is opened on first use, in a
 * scratch directory (never the person's DATA_DIR or DATABASE_URL). A demo subscription for the channel is
 * created if there is none; what is due is delivered, and when nothing is due (a new subscription's
 * first slot is still ahead) this period's digest is sent now — once: the store's exactly-once rule
 * answers "already delivered" on the next click, as it would in Slack.
 */
export function createPlaygroundDigests(deps: {
  /** The playground's Slack section (the fake Slack). */
  slack: SlackConfig;
  open: OpenDigests;
  clock: Clock;
}): PlaygroundDigests {
  // A scratch embedded store only: never the person's DATA_DIR or DATABASE_URL.
  const scratch = lazyScratchDir(
    (dataDir) => deps.open({ store: { dataDir }, slack: deps.slack }),
    (runtime) => runtime.close(),
  );
  const runtime = () => scratch.get();

  return {
    runtime,
    async run(channelId) {
      const { store, service } = await runtime();
      const existing = (await store.subscriptions.list(ids.team)).find((s) => s.channelId === channelId);
      const subscription =
        existing ??
        (await store.subscriptions.create({
          teamId: ids.team,
          channelId,
          ownerUserId: ids.user,
          day: 'mon',
          cadence: 'weekly',
          time: '09:00',
          timeZone: 'UTC',
          style: 'standard',
        }));
      const now = deps.clock.now();
      const due = await service.runDue(now);
      const mine = due.results.find((r) => r.subscriptionId === subscription.id)?.outcome;
      const outcome = mine ?? (await service.sendNow(subscription.id, now));
      // `/codex me subscribe` (issue 13): your week by DM now, rather than at your slot days away.
      const yours = (await store.subscriptions.list(ids.team)).find(
        (s) => s.kind === 'personal' && s.ownerUserId === ids.user && s.status === 'active',
      );
      const mineDue = yours && due.results.find((r) => r.subscriptionId === yours.id)?.outcome;
      const personal = yours ? (mineDue ?? (await service.sendPersonalNow(yours.id, now))) : undefined;
      const others = due.results.filter(
        (r) => r.subscriptionId !== subscription.id && r.subscriptionId !== yours?.id,
      ).length;
      const created = existing ? '' : `Created demo subscription ${subscription.id} (Mondays 09:00 UTC). `;
      return `${created}${describe(outcome, subscription.cadence)}${personal ? ` ${describePersonal(personal)}` : ''}${others > 0 ? ` ${others} other due digests ran too.` : ''}`;
    },
    close: () => scratch.close(),
  };
}

/** The period a subscription's digest covers, as the toast names it: a monthly one is never "this week's". */
const periodOf: Record<DigestCadence, string> = { weekly: 'week', monthly: 'month', quarterly: 'quarter' };

function describe(outcome: DeliveryOutcome, cadence: DigestCadence): string {
  const channel = `#${ids.channelName}`;
  const period = periodOf[cadence];
  switch (outcome.status) {
    case 'delivered':
      return `Delivered this ${period}'s digest to ${channel}: the parent message, its replies in the thread.`;
    case 'already':
      return `This ${period}'s digest is already in ${channel}: each period is delivered exactly once.`;
    case 'skipped':
      return `Skipped: ${outcome.reason}.`;
    case 'failed':
      return `Not delivered: ${outcome.reason}.`;
    case 'dry-run':
      return `Dry run for ${channel}: nothing posted.`;
  }
}

/** The toast's word on your own weekly DM (`/codex me subscribe`). */
function describePersonal(outcome: DeliveryOutcome): string {
  if (outcome.status === 'delivered') return 'Your week went to your DM with the bot.';
  if (outcome.status === 'already') return 'Your week is already in your DM.';
  return `Your week by DM: ${outcome.status}${'reason' in outcome ? ` (${outcome.reason})` : ''}.`;
}

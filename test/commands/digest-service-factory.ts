import { createTextRenderer } from '../../src/charts/text-renderer.js';
import type { Clock } from '../../src/clock.js';
import type { FakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { createDigestService } from '../../src/digests/create-digest-service.js';
import type { DigestService } from '../../src/digests/digest-service.js';
import { createDigestSlackClient } from '../../src/digests/digest-slack-client.js';
import type { Store } from '../../src/store/store-types.js';
import { testMetrics } from '../helpers/test-metrics.js';
import type { CommandHarness } from './command-harness.js';

/**
 * The real digest service as src/main/digest-runtime.ts builds it: the command harness's analytics, the given store,
 * the digest Slack client pointed at the fake Slack, and the text chart renderer (CHART_RENDERER=none:
 * real, but no canvas and no uploads, so a test is about the digest rather than the charts).
 */
export function createTestDigestService(deps: {
  base: CommandHarness;
  store: Store;
  slack: FakeSlack;
  clock: Clock;
}): DigestService {
  const renderer = createTextRenderer();
  const metrics = testMetrics();
  return createDigestService({
    store: deps.store,
    analytics: deps.base.analytics,
    renderChart: (spec) => renderer.render(spec),
    slack: createDigestSlackClient({
      token: 'xoxb-digest-tests',
      apiUrl: deps.slack.url,
      logger: deps.base.logger,
      metrics,
    }),
    clock: deps.clock,
    logger: deps.base.logger,
    metrics,
    workerId: 'digest-command-tests',
    sharePoll: { attempts: 1, delayMs: 0 },
    // One try when the fake fails: the test checks the answer, not the retry schedule.
    codexRetryDelaysMs: [],
  });
}

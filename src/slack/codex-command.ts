import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { errorCode } from '../errors.js';
import { commandLabel } from '../metrics/command-label.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import { commandWord } from './command-word.js';
import { deliverSlashReply } from './deliver-slash-reply.js';
import type { EdgeDeps } from './edge-deps.js';
import { ACKED_ON_RECEIPT, type AckOnReceipt } from './receipt-ack.js';
import { runCommand } from './run-command.js';

const WORKING_ACK = { response_type: 'ephemeral', text: 'Working on it… :hourglass:' } as const;
const RESTARTING_ACK = {
  response_type: 'ephemeral',
  text: 'Codex Pulse is restarting — try again in a moment.',
} as const;
// Serialised once: every command of a burst is acked with the same bytes.
const WORKING_ACK_JSON = JSON.stringify(WORKING_ACK);
const RESTARTING_ACK_JSON = JSON.stringify(RESTARTING_ACK);

type ReceiptDeps = Pick<EdgeDeps, 'inFlight' | 'metrics' | 'clock' | 'registry'>;

/**
 * `/codex` acked by the HTTP receiver on receipt, before Bolt's middleware (receipt-ack.ts): the same
 * placeholder (or the restarting notice, and no answer) and the same ack metric as the listener's own
 * ack — timed at the ack, counted when the command is handed to Bolt; the hand-off is in flight from
 * the ack on, so stop() waits for it.
 */
export function codexReceiptAck(deps: ReceiptDeps): AckOnReceipt {
  return {
    commands: ['/codex'],
    receive(command) {
      if (!deps.inFlight.accepting) return { response: RESTARTING_ACK_JSON, dispatch: false };
      const received = deps.clock.now().getTime();
      return {
        response: WORKING_ACK_JSON,
        dispatch: true,
        acked() {
          const ackSeconds = (deps.clock.now().getTime() - received) / 1000;
          return () => recordAck(deps, typeof command.text === 'string' ? command.text : '', ackSeconds);
        },
      };
    },
    handingOff(batch) {
      void deps.inFlight.track(batch);
    },
  };
}

/**
 * `/codex …`: acks at once with an ephemeral placeholder (Slack shows `operation_timeout` after 3 s),
 * then runs the command off the ack path and replaces the placeholder with the answer. Over HTTP the
 * receiver has acked already (codexReceiptAck); in Socket Mode the listener acks.
 */
export function registerCodexCommand(app: App, deps: EdgeDeps): void {
  app.command('/codex', async ({ command, ack, respond, client, context }) => {
    if (context[ACKED_ON_RECEIPT] !== true) {
      const received = deps.clock.now().getTime();
      if (!deps.inFlight.accepting) {
        await ack(RESTARTING_ACK);
        return;
      }
      await ack(WORKING_ACK);
      recordAck(deps, command.text, (deps.clock.now().getTime() - received) / 1000);
    }
    const word = commandWord(command.text);
    // Behind the limiter: a burst of commands must not starve the acks (and /healthz) of the event loop.
    await deps.inFlight.track(
      deps.answerLimiter.run(async () => {
        const outcome = await runCommand(client, deps, {
          text: command.text,
          word,
          userId: command.user_id,
          teamId: command.team_id,
          channelId: command.channel_id,
          via: 'slash',
        });
        try {
          if (!outcome.ok) {
            await respond({ response_type: 'ephemeral', replace_original: true, text: outcome.text });
            return;
          }
          await deliverSlashReply(client, deps, respond, command, outcome.reply);
        } catch (error) {
          const ref = randomUUID().slice(0, 8);
          deps.logger.error('delivering the answer failed', error, {
            code: slackErrorCode(error) ?? errorCode(error),
            command: word,
            user: command.user_id,
            team: command.team_id,
            ref,
          });
          await respond({
            response_type: 'ephemeral',
            replace_original: true,
            text: `:warning: I couldn't deliver that answer to Slack (ref: ${ref}).`,
          }).catch((second: unknown) => deps.logger.error('respond() failed too', second, { ref }));
        }
      }),
    );
  });
}

/** The ack histogram by command name: receipt to the ack written, on the injected clock. */
function recordAck(deps: ReceiptDeps, text: string, ackSeconds: number): void {
  const label = commandLabel(deps.registry.subcommands, commandWord(text));
  deps.metrics.commandAcked(label, ackSeconds);
}

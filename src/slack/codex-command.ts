import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { errorCode } from '../errors.js';
import { commandLabel } from '../metrics/command-label.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import { commandWord } from './command-word.js';
import { deliverSlashReply } from './deliver-slash-reply.js';
import type { EdgeDeps } from './edge-deps.js';
import { runCommand } from './run-command.js';

const WORKING_TEXT = 'Working on it… :hourglass:';
const RESTARTING_TEXT = 'Codex Pulse is restarting — try again in a moment.';

/**
 * `/codex …`: acks at once with an ephemeral placeholder (Slack shows `operation_timeout` after 3 s),
 * then runs the command off the ack path and replaces the placeholder with the answer.
 */
export function registerCodexCommand(app: App, deps: EdgeDeps): void {
  app.command('/codex', async ({ command, ack, respond, client }) => {
    const received = deps.clock.now().getTime();
    if (!deps.inFlight.accepting) {
      await ack({ response_type: 'ephemeral', text: RESTARTING_TEXT });
      return;
    }
    await ack({ response_type: 'ephemeral', text: WORKING_TEXT });
    const word = commandWord(command.text);
    deps.metrics.commandAcked(
      commandLabel(deps.registry.subcommands, word),
      (deps.clock.now().getTime() - received) / 1000,
    );
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

/**
 * Who and where the playground is: one person (an admin, so every command and the App Home report
 * buttons work), one public channel, the person's DM with the bot, and the fake Slack's bot ids.
 */
export const playgroundIds = {
  team: 'T0FAKE0001',
  teamDomain: 'codex-playground',
  appId: 'A0CODEXPLS',
  user: 'U0PLAYER01',
  userName: 'you',
  channel: 'C0CODEXDMO',
  channelName: 'codex-demo',
  /** What the fake's conversations.open answers for `user`. */
  dm: 'D0PLAYER01',
  botUser: 'U0FAKEBOT1',
  botId: 'B0FAKEBOT1',
  botName: 'Codex Pulse',
} as const;

/** The commands offered as chips under the message box. */
export const suggestedCommands = [
  '/codex usage last-week',
  '/codex top last-week',
  '/codex reviews 30d',
  '/codex me',
  '/codex digest preview',
  '/codex help',
] as const;

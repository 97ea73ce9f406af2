/** What a person is told when the bot cannot post where they asked (isMembershipError). */
export const INVITE_HINT =
  ":wave: I can't post in this conversation yet. Invite me with `/invite @Codex Pulse` and try again — or keep the answer to yourself (it stays visible only to you).";

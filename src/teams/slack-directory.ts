/**
 * What the teams need from Slack's directory, behind an interface so sources and the refresh job never
 * see the Web API: create-slack-directory.ts implements it over a WebClient, paced within each method's
 * rate tier.
 */

/** A person of users.list, as the identity join needs them. */
export interface SlackPerson {
  id: string;
  /** The profile email (scope users:read.email); null when hidden or absent. */
  email: string | null;
  name: string;
  deleted: boolean;
  bot: boolean;
}

export interface SlackUsergroup {
  id: string;
  handle: string;
  name: string;
  /** Member user ids, from the same call (include_users): one request for every group. */
  members: string[];
}

export interface SlackDirectory {
  /** Every user of the workspace, all pages of users.list. */
  users(signal?: AbortSignal): Promise<SlackPerson[]>;
  /** Every enabled user group with its members, in one usergroups.list call. */
  usergroups(signal?: AbortSignal): Promise<SlackUsergroup[]>;
  usergroupMembers(usergroupId: string, signal?: AbortSignal): Promise<string[]>;
  /** All pages of conversations.members. */
  channelMembers(channelId: string, signal?: AbortSignal): Promise<string[]>;
  /** The channel's name (without #), for a channel team's label. */
  channelName(channelId: string, signal?: AbortSignal): Promise<string>;
  /** HTTP requests made so far (429s included), for the refresh's report. */
  requests(): number;
}

import type { webApi } from '@slack/bolt';

/** The Web API client Bolt hands to listeners (re-exported by Bolt, so no direct web-api dependency). */
export type SlackClient = webApi.WebClient;

/** The buttons on an alert firing (issue 13): their action ids, shared by the message and the listeners. */
export const ALERT_SNOOZE_ACTION_ID = 'codex_alert_snooze';
export const ALERT_MUTE_ACTION_ID = 'codex_alert_mute';
/** "Open the report": the usage or reviews report of the period, to the clicker only. */
export const ALERT_OPEN_ACTION_ID = 'codex_alert_open';
/** How long the snooze button silences a rule. */
export const ALERT_SNOOZE_DAYS = 7;

/**
 * The one module for Slack limits: the limit values, truncation, text measuring, the checker every test
 * uses (`checkLimits`) and the degrader every report goes through (`fitMessage`). Split into three files
 * only to keep each small; import from here.
 */
export * from './check-limits.js';
export * from './fit-message.js';
export * from './slack-limit-values.js';

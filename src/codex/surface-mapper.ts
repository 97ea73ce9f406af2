/**
 * client_id → product surface. The dashboard groups clients into surfaces (CLI, IDE extension, cloud,
 * desktop, Code Review) [doc]; the mapping itself is ours, overridable by config (SURFACE_MAP).
 * Unknown ids fall into 'other' and are logged once per process. The surfaces themselves are domain
 * vocabulary (src/domain/surfaces.ts); this table is API knowledge.
 */
import type { Surface, SurfaceOf } from '../domain/surfaces.js';
import type { Logger } from '../logger.js';

/** Every client_id the public contract lists. Cloud covers the web, agent and integration clients. */
export const defaultSurfaceMap: Readonly<Record<string, Surface>> = {
  CODEX_CLI: 'cli',
  CODEX_SDK_TS: 'cli',
  CODEX_SERVICE_EXEC: 'cli',
  CODEX_IDE_VSCODE: 'ide',
  CODEX_IDE_XCODE: 'ide',
  CODEX_IDE_JETBRAINS_INTELLIJ: 'ide',
  CODEX_IDE_JETBRAINS_PYCHARM: 'ide',
  CODEX_IDE_JETBRAINS_GOLAND: 'ide',
  CODEX_IDE_JETBRAINS_RIDER: 'ide',
  CODEX_IDE_JETBRAINS_WEBSTORM: 'ide',
  CODEX_IDE_JETBRAINS_CLION: 'ide',
  CODEX_IDE_JETBRAINS_RUSTROVER: 'ide',
  CODEX_IDE_JETBRAINS_ANDROID_STUDIO: 'ide',
  CODEX_IDE_JETBRAINS_PHPSTORM: 'ide',
  CODEX_IDE_JETBRAINS_RUBYMINE: 'ide',
  CODEX_IDE_JETBRAINS_DATAGRIP: 'ide',
  CODEX_WEB: 'cloud',
  CODEX_CLOUD_GENERAL_AGENT: 'cloud',
  CODEX_WORK_WEB: 'cloud',
  CODEX_WORK_MOBILE: 'cloud',
  CODEX_SLACK: 'cloud',
  CODEX_GITHUB_ACTION: 'cloud',
  CODEX_CHROME_EXTENSION_SIDE_PANEL: 'cloud',
  CODEX_ATLAS: 'cloud',
  CODEX_FLORA: 'cloud',
  CODEX_DESKTOP_APP: 'desktop',
  CODEX_CHATGPT_DESKTOP: 'desktop',
  CODEX_WORK_DESKTOP: 'desktop',
  CODEX_GITHUB: 'code_review',
  CODEX_UNKNOWN_DEFAULT: 'other',
};

/**
 * Builds the lookup. JetBrains IDEs not in the table still map to 'ide' by prefix, because new
 * JetBrains products appear often; anything else unknown → 'other', logged once.
 */
export function createSurfaceMapper(
  overrides: Readonly<Record<string, Surface>> = {},
  logger?: Pick<Logger, 'warn'>,
): SurfaceOf {
  const table: Record<string, Surface> = { ...defaultSurfaceMap, ...overrides };
  const reported = new Set<string>();
  let reportedMissing = false;
  return (clientId) => {
    if (clientId === null) {
      // Counted, not rejected: one odd item must not sink the whole report (issue 9).
      if (!reportedMissing) {
        reportedMissing = true;
        logger?.warn('Codex clients[] item without client_id counted as Other', {});
      }
      return 'other';
    }
    const known = table[clientId];
    if (known) return known;
    if (clientId.startsWith('CODEX_IDE_')) return 'ide';
    if (!reported.has(clientId)) {
      reported.add(clientId);
      logger?.warn('unmapped Codex client_id counted as Other', { clientId });
    }
    return 'other';
  };
}

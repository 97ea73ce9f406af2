import { describe, expect, it } from 'vitest';
import { createSurfaceMapper, defaultSurfaceMap } from '../../src/codex/surface-mapper.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

describe('createSurfaceMapper', () => {
  it('maps every documented client id to a surface', () => {
    const surfaceOf = createSurfaceMapper();
    expect(surfaceOf('CODEX_CLI')).toBe('cli');
    expect(surfaceOf('CODEX_IDE_VSCODE')).toBe('ide');
    expect(surfaceOf('CODEX_CLOUD_GENERAL_AGENT')).toBe('cloud');
    expect(surfaceOf('CODEX_DESKTOP_APP')).toBe('desktop');
    expect(surfaceOf('CODEX_GITHUB')).toBe('code_review');
    expect(Object.keys(defaultSurfaceMap).length).toBeGreaterThanOrEqual(30);
  });

  it('sends new JetBrains IDEs to ide by prefix and unknown ids to other, logging each once', () => {
    const logger = createMemoryLogger();
    const surfaceOf = createSurfaceMapper({}, logger);
    expect(surfaceOf('CODEX_IDE_JETBRAINS_FLEET')).toBe('ide');
    expect(surfaceOf('CODEX_HOLODECK')).toBe('other');
    expect(surfaceOf('CODEX_HOLODECK')).toBe('other');
    expect(logger.lines.filter((l) => l.clientId === 'CODEX_HOLODECK')).toHaveLength(1);
  });

  it('lets config override the table', () => {
    const surfaceOf = createSurfaceMapper({ CODEX_GITHUB: 'cloud', CODEX_HOLODECK: 'desktop' });
    expect(surfaceOf('CODEX_GITHUB')).toBe('cloud');
    expect(surfaceOf('CODEX_HOLODECK')).toBe('desktop');
  });
});

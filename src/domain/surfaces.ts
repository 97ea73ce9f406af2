/**
 * The product surfaces Codex usage is grouped into (CLI, IDE extension, cloud, desktop, Code Review) and
 * how people read them. Ground floor: figures, reports, commands and the store speak this vocabulary;
 * which API client_id belongs to which surface is the API client's knowledge (src/codex/surface-mapper.ts).
 */

export const surfaces = ['cli', 'ide', 'cloud', 'desktop', 'code_review', 'other'] as const;
export type Surface = (typeof surfaces)[number];

export const surfaceLabels: Record<Surface, string> = {
  cli: 'CLI',
  ide: 'IDE extension',
  cloud: 'Cloud',
  desktop: 'Desktop',
  code_review: 'Code Review',
  other: 'Other',
};

/** A client's surface; a `clients[]` item without `client_id` (null) is Other. */
export type SurfaceOf = (clientId: string | null) => Surface;

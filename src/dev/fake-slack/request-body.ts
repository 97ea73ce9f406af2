import type { IncomingMessage } from 'node:http';

/** A request body as the fake sees it: decoded fields, plus the raw bytes of an uploaded file if any. */
export interface DecodedBody {
  params: Record<string, unknown>;
  file?: Buffer;
  raw: Buffer;
}

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Decodes the three body kinds the Web API client sends: form-encoded (the default — nested values such
 * as `blocks` or `files` arrive as JSON strings, so they are parsed back), JSON, and multipart (uploads).
 */
export async function decodeBody(raw: Buffer, contentType: string | undefined): Promise<DecodedBody> {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    return { params: isRecord(parsed) ? parsed : {}, raw };
  }
  if (type.startsWith('multipart/form-data')) {
    // undici's Response parses multipart for us: no hand-written boundary parser to get wrong.
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    const params: Record<string, unknown> = {};
    let file: Buffer | undefined;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') params[key] = parseJsonish(value);
      else file ??= Buffer.from(await value.arrayBuffer());
    }
    return file === undefined ? { params, raw } : { params, file, raw };
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const params: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) params[key] = parseJsonish(value);
    return { params, raw };
  }
  return { params: {}, file: raw, raw };
}

function parseJsonish(value: string): unknown {
  const first = value.trimStart()[0];
  if (first !== '[' && first !== '{') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

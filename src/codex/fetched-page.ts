/**
 * A fetched page whose rows are validated on demand. Why: the concurrent strategy must buffer pages of
 * later sub-windows until earlier ones are yielded. Parsed rows live on the V8 heap, which V8 lets grow
 * to about 4× its live size between full GCs; raw response bytes live outside it. `compact()` drops
 * the parsed JSON and keeps only the bytes, so a buffered row costs ~1 KB of RSS instead of ~4 KB —
 * at the price of parsing that page's JSON twice.
 */
import { type Envelope, parseEnvelope, parseRows } from './parse-page.js';
import type { Endpoint, RowOf } from './schemas.js';

/** One page: paging fields at once, rows when asked. */
export class FetchedPage<E extends Endpoint> {
  readonly endpoint: E;
  /** Rows in the page (validated or not). */
  readonly count: number;
  readonly hasMore: boolean;
  readonly nextPage: string | null;
  private body: Buffer | undefined;
  private data: unknown[] | undefined;

  /** Parses and checks the envelope of a 2xx `body`; throws CodexContractError. */
  constructor(endpoint: E, body: Buffer, status?: number) {
    const envelope: Envelope = parseEnvelope(endpoint, body, status);
    this.endpoint = endpoint;
    this.count = envelope.data.length;
    this.hasMore = envelope.hasMore;
    this.nextPage = envelope.nextPage;
    this.body = body;
    this.data = envelope.data;
  }

  /** Forgets the parsed JSON while the page waits in a buffer; rows() re-parses the bytes. */
  compact(): void {
    if (this.body) this.data = undefined;
  }

  /** The validated rows (throws CodexContractError on the first bad one). Call once: it frees the page. */
  rows(): RowOf<E>[] {
    const data = this.data ?? (this.body ? parseEnvelope(this.endpoint, this.body).data : []);
    this.data = undefined;
    this.body = undefined;
    return parseRows(this.endpoint, data);
  }
}

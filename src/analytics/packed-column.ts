/**
 * A growable column of numbers in 4 bytes each, exact for every value it is given. The API's numbers
 * are almost always small whole counts, or credits with two decimals, so a value is stored as
 * `value × scale` in a Uint32 slot when that reads back as the very same double; anything else (a
 * negative, a fraction finer than the scale, a count past 4 billion) goes to a side Map. Two slot values
 * are reserved: NULL (the API's null = unknown) and SPILLED.
 *
 * Why exact reads hold: `Math.round(v × 100) / 100 === v` is checked on the way in, and IEEE division
 * is correctly rounded, so `cents / 100` is the same double the JSON parser produced for "182.57".
 */
import { ChunkedUint32 } from './chunked-uint32.js';

const NULL = 0xffff_ffff;
const SPILLED = 0xffff_fffe;

/** One column; `scale` is 1 for counts and 100 for credits. */
export class PackedColumn {
  private readonly slots = new ChunkedUint32();
  private readonly spilled = new Map<number, number>();

  constructor(private readonly scale: number) {}

  /** Writes slot `index`; null is kept as unknown. */
  set(index: number, value: number | null): void {
    if (value === null) {
      this.slots.set(index, NULL);
      return;
    }
    const scaled = Math.round(value * this.scale);
    // Object.is sends -0 to the side Map (a slot would read back +0); NaN and ±Infinity fail the range.
    if (scaled >= 0 && scaled < SPILLED && Object.is(scaled === 0 ? 0 : scaled / this.scale, value)) {
      this.slots.set(index, scaled);
      return;
    }
    this.slots.set(index, SPILLED);
    this.spilled.set(index, value);
  }

  /** The value at `index`, null when it was null. */
  get(index: number): number | null {
    const slot = this.slots.get(index);
    if (slot < SPILLED) return this.scale === 1 ? slot : slot / this.scale;
    if (slot === NULL) return null;
    return this.spilled.get(index) ?? null;
  }

  /** Like `get`, for columns that never hold null (counts and credits); null reads as 0. */
  count(index: number): number {
    return this.get(index) ?? 0;
  }

  /** Bytes held: the slots plus a generous estimate for each spilled entry of the Map. */
  get byteLength(): number {
    return this.slots.byteLength + this.spilled.size * 40;
  }
}

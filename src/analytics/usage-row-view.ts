/**
 * A UsageRow read straight from the store's columns: the flyweight the store yields while iterating.
 * `moveTo(i)` only sets an index; `totals`, `clients` and `models` are filled into reused objects the
 * first time they are read for that row, so a pass that only looks at `start_time` (a figure skipping
 * rows outside its window) costs one column read per row and allocates nothing.
 */
import type { ClientUsage, ModelUsage, UsageMetrics, UsageRow } from '../codex/schemas.js';
import { emptyMetrics } from './metric-columns.js';
import type { StoreColumns } from './store-columns.js';

/** Reused per iteration; valid only until the next `moveTo` (see src/figures/usage-rows.ts). */
export class UsageRowView implements UsageRow {
  private index = -1;
  private totalsAt = -1;
  private clientsAt = -1;
  private modelsAt = -1;
  private readonly totalsItem: UsageMetrics = emptyMetrics();
  private readonly clientItems: ClientUsage[] = [];
  private readonly modelItems: ModelUsage[] = [];
  private readonly clientPool: ClientUsage[] = [];
  private readonly modelPool: ModelUsage[] = [];
  readonly code_attribution = null;

  constructor(private readonly cols: StoreColumns) {}

  moveTo(index: number): this {
    this.index = index;
    return this;
  }

  get start_time(): number {
    return this.cols.start.count(this.index);
  }

  get end_time(): number {
    return this.cols.end.count(this.index);
  }

  get user_id(): string | null {
    return this.identity().user_id;
  }

  get actor(): UsageRow['actor'] {
    return this.identity().actor;
  }

  get email(): string | null {
    return this.identity().email;
  }

  get totals(): UsageMetrics {
    if (this.totalsAt !== this.index) {
      this.cols.totals.fill(this.index, this.totalsItem);
      this.totalsAt = this.index;
    }
    return this.totalsItem;
  }

  get clients(): ClientUsage[] {
    if (this.clientsAt === this.index) return this.clientItems;
    const { clientEnd, clientId, clientIds, clientMetrics } = this.cols;
    const from = this.index === 0 ? 0 : clientEnd.get(this.index - 1);
    const to = clientEnd.get(this.index);
    this.clientItems.length = 0;
    for (let e = from; e < to; e++) {
      const item = this.clientPool[e - from] ?? { client_id: '', ...emptyMetrics() };
      this.clientPool[e - from] = item;
      item.client_id = clientIds[clientId.get(e)] ?? null;
      clientMetrics.fill(e, item);
      this.clientItems.push(item);
    }
    this.clientsAt = this.index;
    return this.clientItems;
  }

  get models(): ModelUsage[] {
    if (this.modelsAt === this.index) return this.modelItems;
    const { modelEnd, modelKey, modelKeys, modelMetrics } = this.cols;
    const from = this.index === 0 ? 0 : modelEnd.get(this.index - 1);
    const to = modelEnd.get(this.index);
    this.modelItems.length = 0;
    for (let e = from; e < to; e++) {
      const item: ModelUsage = this.modelPool[e - from] ?? { model: '', speed: null, ...emptyMetrics() };
      this.modelPool[e - from] = item;
      const key = modelKeys[modelKey.get(e)];
      item.model = key?.model ?? '';
      item.speed = key?.speed ?? null;
      modelMetrics.fill(e, item);
      this.modelItems.push(item);
    }
    this.modelsAt = this.index;
    return this.modelItems;
  }

  /** A fresh plain object with this row's values: safe to keep. */
  toPlain(): UsageRow {
    const actor = this.actor;
    return {
      start_time: this.start_time,
      end_time: this.end_time,
      user_id: this.user_id,
      actor: actor === null ? null : { ...actor },
      email: this.email,
      totals: { ...this.totals },
      clients: this.clients.map((item) => ({ ...item })),
      models: this.models.map((item) => ({ ...item })),
      code_attribution: null,
    };
  }

  private identity() {
    const identity = this.cols.identities[this.cols.identity.get(this.index)];
    if (identity === undefined) throw new RangeError(`usage store row ${this.index} has no identity`);
    return identity;
  }
}

/*
 * Copyright 2026 The Paved Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { toDate } from './time';

/** A stored webhook delivery waiting to be processed. */
export type PendingDelivery = {
  id: string;
  source: string;
  deliveryId: string;
  event: string;
  payload: string;
  attempts: number;
  receivedAt: Date;
};

/** How a delivery ended. */
export type DeliveryOutcome = 'processed' | 'ignored' | 'failed';

const TABLE = 'paved_webhook_deliveries';

/** Attempts before a delivery that keeps failing is parked as `failed`. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/**
 * The durable inbox for webhooks. The intake route stores a verified
 * delivery here before it answers 2xx; processors claim pending deliveries
 * with a lease (so several replicas never process one twice at the same
 * time, and a crashed one's lease runs out) and finish them in the same
 * transaction as the ledger writes.
 */
export class WebhookDeliveryStore {
  constructor(private readonly db: Knex) {}

  /**
   * Stores a delivery unless one with the same source and delivery id
   * exists. Returns the stored id and whether it was a duplicate.
   */
  async accept(options: {
    source: string;
    deliveryId: string;
    event: string;
    payload: string;
  }): Promise<{ id: string; duplicate: boolean; status: string }> {
    const id = randomUUID();
    // One round trip for a new delivery: the insert returns its row unless
    // the unique key already holds one; only then look the existing one up.
    const inserted: Array<{ id: string }> = await this.db(TABLE)
      .insert({
        id,
        source: options.source,
        delivery_id: options.deliveryId,
        event: options.event,
        payload: options.payload,
        status: 'pending',
        attempts: 0,
        received_at: new Date(),
      })
      .onConflict(['source', 'delivery_id'])
      .ignore()
      .returning('id');
    if (inserted.length === 1 && inserted[0].id === id) {
      return { id, duplicate: false, status: 'pending' };
    }
    const row = await this.db(TABLE)
      .where({ source: options.source, delivery_id: options.deliveryId })
      .first('id', 'status');
    return { id: row.id, duplicate: row.id !== id, status: row.status };
  }

  /**
   * Claims up to `limit` pending deliveries, oldest first, for `owner`
   * until the lease runs out. A row is claimed by a conditional update, so
   * two replicas racing for it cannot both win.
   */
  async claimPending(options: {
    owner: string;
    limit: number;
    leaseMs: number;
  }): Promise<PendingDelivery[]> {
    const now = new Date();
    const candidates = await this.db(TABLE)
      .where({ status: 'pending' })
      .where(q => q.whereNull('lease_until').orWhere('lease_until', '<', now))
      .orderBy([
        { column: 'received_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(options.limit)
      .select('id');
    const claimed: PendingDelivery[] = [];
    for (const { id } of candidates) {
      const won = await this.db(TABLE)
        .where({ id, status: 'pending' })
        .where(q => q.whereNull('lease_until').orWhere('lease_until', '<', now))
        .update({
          lease_until: new Date(now.getTime() + options.leaseMs),
          leased_by: options.owner,
          attempts: this.db.raw('attempts + 1'),
        });
      if (!won) continue;
      const row = await this.db(TABLE).where({ id }).first();
      claimed.push({
        id: row.id,
        source: row.source,
        deliveryId: row.delivery_id,
        event: row.event,
        payload: row.payload,
        attempts: Number(row.attempts),
        receivedAt: toDate(row.received_at),
      });
    }
    return claimed;
  }

  /**
   * Marks a claimed delivery finished. Run inside the transaction that
   * wrote its ledger rows: both commit or neither. Returns false when the
   * lease was lost (another replica took over), so the caller rolls back.
   */
  async complete(
    tx: Knex.Transaction,
    options: {
      id: string;
      owner: string;
      outcome: Exclude<DeliveryOutcome, 'failed'>;
      result?: string;
    },
  ): Promise<boolean> {
    const updated = await tx(TABLE)
      .where({ id: options.id, status: 'pending', leased_by: options.owner })
      .update({
        status: options.outcome,
        result: options.result ?? null,
        processed_at: new Date(),
        lease_until: null,
        payload: options.outcome === 'ignored' ? '{}' : tx.raw('payload'),
      });
    return updated === 1;
  }

  /**
   * Records a failed attempt: the delivery stays pending (retried after a
   * growing delay) until it has failed {@link MAX_DELIVERY_ATTEMPTS} times.
   */
  async fail(options: {
    id: string;
    owner: string;
    attempts: number;
    error: string;
  }): Promise<void> {
    const final = options.attempts >= MAX_DELIVERY_ATTEMPTS;
    const delayMs = Math.min(2 ** options.attempts * 1000, 5 * 60_000);
    await this.db(TABLE)
      .where({ id: options.id, status: 'pending', leased_by: options.owner })
      .update({
        status: final ? 'failed' : 'pending',
        result: options.error.slice(0, 2000),
        lease_until: final ? null : new Date(Date.now() + delayMs),
        processed_at: final ? new Date() : null,
      });
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db(TABLE)
      .select('status')
      .count({ count: '*' })
      .groupBy('status');
    return Object.fromEntries(
      (rows as Array<{ status: string; count: string | number }>).map(r => [
        r.status,
        Number(r.count),
      ]),
    );
  }
}

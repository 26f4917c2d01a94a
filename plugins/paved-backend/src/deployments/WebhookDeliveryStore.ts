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
import { isPostgresClient } from '../database/dialect';
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

/** A verified delivery as the intake stores it. */
export type NewDelivery = {
  source: string;
  deliveryId: string;
  event: string;
  payload: string;
};

/** The intake's answer for one delivery. */
export type AcceptedDelivery = {
  id: string;
  /** True when the source and delivery id were stored before. */
  duplicate: boolean;
  status: string;
};

/** How a delivery ended. */
export type DeliveryOutcome = 'processed' | 'ignored' | 'failed';

const TABLE = 'paved_webhook_deliveries';

/** What a delivery's payload is once it is no longer needed. */
const EMPTY_PAYLOAD = '{}';

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
  async accept(delivery: NewDelivery): Promise<AcceptedDelivery> {
    const [accepted] = await this.acceptMany([delivery]);
    return accepted;
  }

  /**
   * Stores many deliveries in one statement (the intake batches a burst of
   * concurrent requests), skipping those whose source and delivery id are
   * already stored, and returns one answer per input in input order.
   * Repeats inside the batch resolve to the first of them.
   */
  async acceptMany(batch: NewDelivery[]): Promise<AcceptedDelivery[]> {
    const key = (d: { source: string; deliveryId: string }) =>
      `${d.source}\u0000${d.deliveryId}`;
    const firstOfKey = new Map<string, { id: string; delivery: NewDelivery }>();
    for (const delivery of batch) {
      if (!firstOfKey.has(key(delivery))) {
        firstOfKey.set(key(delivery), { id: randomUUID(), delivery });
      }
    }
    const receivedAt = new Date();
    const rows = [...firstOfKey.values()].map(({ id, delivery }) => ({
      id,
      source: delivery.source,
      delivery_id: delivery.deliveryId,
      event: delivery.event,
      payload: delivery.payload,
      status: 'pending',
      attempts: 0,
      received_at: receivedAt,
    }));
    const inserted: Array<{ id: string }> = await this.db(TABLE)
      .insert(rows)
      .onConflict(['source', 'delivery_id'])
      .ignore()
      .returning('id');
    const insertedIds = new Set(inserted.map(r => r.id));

    // Keys stored before this batch: one lookup for all of them.
    const existing = new Map<string, { id: string; status: string }>();
    const missing = rows.filter(r => !insertedIds.has(r.id));
    if (missing.length) {
      const found = await this.db(TABLE)
        .whereIn(
          ['source', 'delivery_id'],
          missing.map(r => [r.source, r.delivery_id]),
        )
        .select('id', 'source', 'delivery_id', 'status');
      for (const row of found) {
        existing.set(key({ source: row.source, deliveryId: row.delivery_id }), {
          id: row.id,
          status: row.status,
        });
      }
    }

    const answered = new Set<string>();
    return batch.map(delivery => {
      const k = key(delivery);
      const first = firstOfKey.get(k)!;
      if (insertedIds.has(first.id)) {
        const duplicate = answered.has(k);
        answered.add(k);
        return { id: first.id, duplicate, status: 'pending' };
      }
      const row = existing.get(k);
      if (!row) {
        // Inserted and deleted again between the two statements; only a
        // retention clean-up could do that. The sender retries.
        throw new Error(
          `Delivery ${delivery.deliveryId} from ${delivery.source} vanished while being stored`,
        );
      }
      return { id: row.id, duplicate: true, status: row.status };
    });
  }

  /**
   * Claims up to `limit` pending deliveries, oldest first, for `owner`
   * until the lease runs out. Rows are claimed by one conditional update,
   * so two replicas racing for a row cannot both win it.
   */
  async claimPending(options: {
    owner: string;
    limit: number;
    leaseMs: number;
  }): Promise<PendingDelivery[]> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + options.leaseMs);
    const columns = [
      'id',
      'source',
      'delivery_id',
      'event',
      'payload',
      'attempts',
      'received_at',
    ];
    let rows: any[];
    if (isPostgresClient(this.db)) {
      // Locks the oldest claimable rows as it picks them; SKIP LOCKED lets
      // concurrent claimers take different rows instead of queueing for
      // the same ones. MATERIALIZED evaluates the pick exactly once: as a
      // rescanned sub-select it could lock rows the update then misses.
      const result = await this.db.raw(
        `WITH picked AS MATERIALIZED (
           SELECT id FROM ${TABLE}
           WHERE status = 'pending' AND (lease_until IS NULL OR lease_until < ?)
           ORDER BY received_at, id
           LIMIT ?
           FOR UPDATE SKIP LOCKED)
         UPDATE ${TABLE} d
         SET lease_until = ?, leased_by = ?, attempts = d.attempts + 1
         FROM picked WHERE d.id = picked.id
         RETURNING ${columns.map(c => `d.${c}`).join(', ')}`,
        [now, options.limit, leaseUntil, options.owner],
      );
      rows = result.rows;
    } else {
      // SQLite runs one writer at a time: one conditional update suffices.
      const claimable = (q: Knex.QueryBuilder) =>
        q
          .where({ status: 'pending' })
          .where(w =>
            w.whereNull('lease_until').orWhere('lease_until', '<', now),
          );
      rows = await claimable(this.db(TABLE))
        .whereIn(
          'id',
          claimable(this.db(TABLE))
            .orderBy([
              { column: 'received_at', order: 'asc' },
              { column: 'id', order: 'asc' },
            ])
            .limit(options.limit)
            .select('id'),
        )
        .update({
          lease_until: leaseUntil,
          leased_by: options.owner,
          attempts: this.db.raw('attempts + 1'),
        })
        .returning(columns);
    }
    return rows
      .map(row => ({
        id: row.id,
        source: row.source,
        deliveryId: row.delivery_id,
        event: row.event,
        payload: row.payload,
        attempts: Number(row.attempts),
        receivedAt: toDate(row.received_at),
      }))
      .sort(
        (a, b) =>
          a.receivedAt.getTime() - b.receivedAt.getTime() ||
          a.id.localeCompare(b.id),
      );
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
   * Locks up to `limit` claimable pending deliveries, oldest first, until
   * `tx` ends, for a processor that finishes them in that same transaction.
   * Nothing is written to claim them: if the transaction rolls back or the
   * process dies, they are simply pending again. On PostgreSQL the rows are
   * locked `FOR UPDATE SKIP LOCKED`, so concurrent processors (and
   * {@link claimPending}) take different rows; on SQLite the transaction is
   * the only writer.
   */
  async lockPending(
    tx: Knex.Transaction,
    options: { limit: number },
  ): Promise<PendingDelivery[]> {
    // The oldest ids first, then their payloads by id: ordering whole rows
    // would sort every pending payload, and a join with the pick would
    // scan every delivery ever received.
    const picked = tx(TABLE)
      .where({ status: 'pending' })
      .where(w =>
        w.whereNull('lease_until').orWhere('lease_until', '<', new Date()),
      )
      .orderBy([
        { column: 'received_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(options.limit)
      .select('id');
    if (isPostgresClient(tx)) picked.forUpdate().skipLocked();
    const ids: string[] = (await picked).map((row: { id: string }) => row.id);
    if (!ids.length) return [];
    const rows: any[] = await tx(TABLE)
      .whereIn('id', ids)
      .select(
        'id',
        'source',
        'delivery_id',
        'event',
        'payload',
        'attempts',
        'received_at',
      );
    return rows
      .map(row => ({
        id: row.id,
        source: row.source,
        deliveryId: row.delivery_id,
        event: row.event,
        payload: row.payload,
        attempts: Number(row.attempts),
        receivedAt: toDate(row.received_at),
      }))
      .sort(
        (a, b) =>
          a.receivedAt.getTime() - b.receivedAt.getTime() ||
          a.id.localeCompare(b.id),
      );
  }

  /**
   * {@link complete} for many deliveries in one statement per outcome:
   * claimed ones (`owner`: returns false when any lease was lost; the
   * caller then rolls the whole transaction back) or ones locked by
   * {@link lockPending} in `tx` (no owner).
   */
  async completeMany(
    tx: Knex.Transaction,
    options: {
      owner?: string;
      deliveries: Array<{
        id: string;
        outcome: Exclude<DeliveryOutcome, 'failed'>;
        result?: string;
      }>;
    },
  ): Promise<boolean> {
    const groups = new Map<string, typeof options.deliveries>();
    for (const d of options.deliveries) {
      const key = `${d.outcome}\u0000${d.result ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    const now = new Date();
    for (const group of groups.values()) {
      const { outcome, result } = group[0];
      const ids = group.map(d => d.id);
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const updated = await tx(TABLE)
          .whereIn('id', chunk)
          .where({
            status: 'pending',
            ...(options.owner ? { leased_by: options.owner } : {}),
          })
          .update({
            status: outcome,
            result: result ?? null,
            processed_at: now,
            lease_until: null,
            ...(outcome === 'ignored' ? { payload: EMPTY_PAYLOAD } : {}),
          });
        if (updated !== chunk.length) return false;
      }
    }
    return true;
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

  /**
   * Empties the payloads of deliveries that finished (processed, ignored
   * or failed) before `finishedBefore`. The rows stay, so a redelivery is
   * still recognised as a duplicate, and so do the ledger rows they made.
   * Returns how many payloads were emptied.
   */
  async purgePayloads(finishedBefore: Date): Promise<number> {
    return this.db(TABLE)
      .whereIn('status', ['processed', 'ignored', 'failed'])
      .where('processed_at', '<', finishedBefore)
      .whereNot('payload', EMPTY_PAYLOAD)
      .update({ payload: EMPTY_PAYLOAD });
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

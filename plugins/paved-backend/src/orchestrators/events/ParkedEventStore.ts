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
import { Knex } from 'knex';

const TABLE = 'paved_orchestrator_parked_events';
const MAX_PAYLOAD = 64 * 1024;

/** An event message the consumer set aside, with why. */
export type ParkedEvent = {
  providerId: string;
  stream: string;
  streamSequence: number;
  subject: string;
  payload: string;
  reason: string;
  deliveries: number;
  parkedAt: string;
};

/**
 * Event messages the ledger consumer could not use. Parking the same
 * stream message twice (a redelivery after a crash) keeps the first row.
 */
export class ParkedEventStore {
  constructor(private readonly db: Knex) {}

  async park(event: Omit<ParkedEvent, 'parkedAt'>): Promise<void> {
    await this.db(TABLE)
      .insert({
        provider_id: event.providerId,
        stream: event.stream,
        stream_sequence: event.streamSequence,
        subject: event.subject.slice(0, 255),
        payload: event.payload.slice(0, MAX_PAYLOAD),
        reason: event.reason.slice(0, 4000),
        deliveries: event.deliveries,
        parked_at: new Date(),
      })
      .onConflict(['provider_id', 'stream', 'stream_sequence'])
      .ignore();
  }

  /** Newest first. */
  async list(providerId: string, limit = 100): Promise<ParkedEvent[]> {
    const rows = await this.db(TABLE)
      .where({ provider_id: providerId })
      .orderBy([
        { column: 'parked_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(r => ({
      providerId: r.provider_id,
      stream: r.stream,
      streamSequence: Number(r.stream_sequence),
      subject: r.subject,
      payload: r.payload,
      reason: r.reason,
      deliveries: r.deliveries,
      parkedAt: new Date(r.parked_at).toISOString(),
    }));
  }
}

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
import { Incident } from '@paved/plugin-paved-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { isHttpUrl } from './recordChecks';
import { toDate, toIso } from './time';
import { LedgerVisibility, whereVisibleTo } from './visibleTo';

/** An incident as the ingestion paths hand it to the store. */
export type IncidentInput = {
  source: string;
  externalId: string;
  entityRef?: string;
  subject?: string;
  title: string;
  severity?: string;
  status: 'open' | 'resolved';
  openedAt: Date;
  resolvedAt?: Date;
  /** Ledger id of the deployment that caused it. */
  deploymentId?: string;
  url?: string;
  updatedAt: Date;
};

type IncidentRow = {
  id: string;
  source: string;
  external_id: string;
  entity_ref: string | null;
  subject: string | null;
  title: string;
  severity: string | null;
  status: 'open' | 'resolved';
  opened_at: Date | string | number;
  resolved_at: Date | string | number | null;
  deployment_id: string | null;
  url: string | null;
};

const TABLE = 'paved_incidents';

/**
 * Incidents, idempotent on (source, external id); a newer update from the
 * source wins, an older or repeated one changes nothing.
 */
export class IncidentStore {
  constructor(private readonly db: Knex) {}

  async record(
    recorded: IncidentInput,
    tx?: Knex.Transaction,
  ): Promise<{ incident: Incident; created: boolean; changed: boolean }> {
    let input = recorded;
    // Only http(s) links are kept: a sender's javascript: or data: URL is
    // dropped rather than shown as a link.
    if (input.url && !isHttpUrl(input.url)) {
      input = { ...input, url: undefined };
    }
    const run = async (trx: Knex.Transaction) => {
      const now = new Date();
      const id = randomUUID();
      await trx(TABLE)
        .insert({
          id,
          source: input.source,
          external_id: input.externalId,
          entity_ref: input.entityRef ?? null,
          subject: input.subject ?? null,
          title: input.title.slice(0, 512),
          severity: input.severity ?? null,
          status: input.status,
          opened_at: input.openedAt,
          resolved_at: input.resolvedAt ?? null,
          deployment_id: input.deploymentId ?? null,
          url: input.url ?? null,
          source_updated_at: input.updatedAt,
          created_at: now,
          updated_at: now,
        })
        .onConflict(['source', 'external_id'])
        .ignore();
      const existing = (await trx(TABLE)
        .where({ source: input.source, external_id: input.externalId })
        .first('id')) as { id: string };
      const created = existing.id === id;
      let changed = created;
      if (!created) {
        const newer: Record<string, unknown> = {
          title: input.title.slice(0, 512),
          status: input.status,
          resolved_at:
            input.status === 'resolved'
              ? input.resolvedAt ?? input.updatedAt
              : null,
          source_updated_at: input.updatedAt,
          updated_at: now,
        };
        if (input.severity) newer.severity = input.severity;
        if (input.url) newer.url = input.url;
        if (input.deploymentId) newer.deployment_id = input.deploymentId;
        changed =
          (await trx(TABLE)
            .where({ id: existing.id })
            .where('source_updated_at', '<', input.updatedAt)
            .update(newer)) > 0;
        for (const [column, value] of [
          ['entity_ref', input.entityRef],
          ['subject', input.subject],
          ['severity', input.severity],
          ['deployment_id', input.deploymentId],
          ['url', input.url],
        ] as const) {
          if (value) {
            const filled = await trx(TABLE)
              .where({ id: existing.id })
              .whereNull(column)
              .update({ [column]: value });
            changed = changed || filled > 0;
          }
        }
        const earlier = await trx(TABLE)
          .where({ id: existing.id })
          .where('opened_at', '>', input.openedAt)
          .update({ opened_at: input.openedAt });
        changed = changed || earlier > 0;
      }
      const row = await trx<IncidentRow>(TABLE)
        .where({ id: existing.id })
        .first();
      return { incident: toIncident(row!), created, changed };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  async list(filter: {
    entityRef?: string;
    linkKeys?: string[];
    since?: Date;
    limit?: number;
    /** Only what a caller may see (undefined: everything). */
    visibleTo?: LedgerVisibility;
  }): Promise<Incident[]> {
    const query = this.db<IncidentRow>(TABLE).select();
    whereVisibleTo(this.db, query, filter.visibleTo);
    if (filter.entityRef || filter.linkKeys?.length) {
      query.where(q => {
        if (filter.entityRef) q.orWhere('entity_ref', filter.entityRef);
        if (filter.linkKeys?.length) q.orWhereIn('subject', filter.linkKeys);
      });
    }
    if (filter.since) query.where('opened_at', '>=', filter.since);
    const rows = await query
      .orderBy([
        { column: 'opened_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(Math.min(Math.max(filter.limit ?? 50, 1), 500));
    return rows.map(toIncident);
  }
}

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    entityRef: row.entity_ref ?? undefined,
    subject: row.subject ?? undefined,
    title: row.title,
    severity: row.severity ?? undefined,
    status: row.status,
    openedAt: toDate(row.opened_at).toISOString(),
    resolvedAt: toIso(row.resolved_at),
    deploymentId: row.deployment_id ?? undefined,
    url: row.url ?? undefined,
  };
}

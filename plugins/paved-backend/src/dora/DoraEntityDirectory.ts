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
import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';

const TABLE = 'paved_dora_entities';

/**
 * Keeps `paved_dora_entities`: the owner group and system of every entity
 * with DORA data, copied from the catalog so that team and system numbers
 * are plain joins in SQL instead of long lists of entity refs passed in with
 * every query (2,000 entities would be 2,000 parameters per statement, and
 * a catalog round trip per report).
 *
 * Entities reach the table in two ways: {@link DoraEntityDirectory.addNew}
 * after a roll-up refresh (entities the ledger names for the first time),
 * and {@link DoraEntityDirectory.syncAll} on a schedule, which also picks up
 * owner and system changes in the catalog.
 */
export class DoraEntityDirectory {
  constructor(
    private readonly options: {
      db: Knex;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  /**
   * Looks up entities the catalog has not been asked about yet: those a
   * roll-up refresh added, and those that only have incidents.
   */
  async addNew(): Promise<number> {
    const raw = await this.options.db.raw(
      `SELECT entity_ref FROM paved_dora_entities WHERE synced_at IS NULL
       UNION
       SELECT DISTINCT i.entity_ref FROM paved_incidents i
       WHERE i.entity_ref IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM paved_dora_entities e WHERE e.entity_ref = i.entity_ref
       )`,
    );
    return this.sync(
      rowsOf<{ entity_ref: string }>(raw).map(r => r.entity_ref),
    );
  }

  /** Refreshes owner and system of every entity with DORA data. */
  async syncAll(): Promise<number> {
    const raw = await this.options.db.raw(
      `SELECT entity_ref FROM paved_dora_entities
       UNION
       SELECT DISTINCT entity_ref FROM paved_incidents WHERE entity_ref IS NOT NULL`,
    );
    return this.sync(
      rowsOf<{ entity_ref: string }>(raw).map(r => r.entity_ref),
    );
  }

  /** Whether some entity has not been looked up in the catalog yet. */
  async hasUnknown(): Promise<boolean> {
    const row = await this.options.db(TABLE).whereNull('synced_at').first('id');
    return Boolean(row);
  }

  private async sync(refs: string[]): Promise<number> {
    if (!refs.length) return 0;
    const { db, catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const now = new Date();
    let written = 0;
    for (let i = 0; i < refs.length; i += 500) {
      const chunk = refs.slice(i, i + 500);
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: chunk,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'spec.owner',
            'spec.system',
            'relations',
          ],
        },
        { credentials },
      );
      const rows = chunk.map((ref, index) =>
        toRow(ref, items[index] ?? undefined, now),
      );
      await db(TABLE)
        .insert(rows)
        .onConflict('entity_ref')
        .merge(['title', 'owner_ref', 'system_ref', 'in_catalog', 'synced_at']);
      // (Entities with only incidents get their row, and an id, here.)
      written += rows.length;
    }
    return written;
  }
}

function toRow(ref: string, entity: Entity | undefined, now: Date) {
  if (!entity) {
    return {
      entity_ref: ref,
      title: null,
      owner_ref: null,
      system_ref: null,
      in_catalog: false,
      synced_at: now,
    };
  }
  const namespace = entity.metadata.namespace ?? 'default';
  const related = (type: string, kind?: string) =>
    entity.relations?.find(
      r =>
        r.type === type &&
        (!kind ||
          parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') === kind),
    )?.targetRef;
  const normalise = (value: unknown, kind: string) => {
    if (typeof value !== 'string' || !value) return undefined;
    try {
      return stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: kind,
          defaultNamespace: namespace,
        }),
      );
    } catch {
      return undefined;
    }
  };
  return {
    entity_ref: ref,
    title: (entity.metadata.title ?? entity.metadata.name).slice(0, 255),
    owner_ref:
      normalise(entity.spec?.owner, 'group') ?? related('ownedBy') ?? null,
    system_ref:
      normalise(entity.spec?.system, 'system') ??
      related('partOf', 'system') ??
      null,
    in_catalog: true,
    synced_at: now,
  };
}

/** Rows of a raw result: an array (SQLite) or `{ rows }` (PostgreSQL). */
function rowsOf<T = any>(raw: any): T[] {
  return Array.isArray(raw) ? raw : raw.rows;
}

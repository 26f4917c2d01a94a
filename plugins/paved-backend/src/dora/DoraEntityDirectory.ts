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
 * a catalog round trip per report). Beside it `paved_dora_systems` (the
 * owner of each of their systems) and `paved_dora_groups` (every group of
 * the catalog with its parent), so that a team counts its child groups and
 * the systems it owns (teams.ts).
 *
 * Entities reach the table in two ways: {@link DoraEntityDirectory.addNew}
 * after a roll-up refresh (entities the ledger names for the first time),
 * and {@link DoraEntityDirectory.syncAll} on a schedule, which also picks up
 * owner, system and group tree changes in the catalog.
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
    const added = await this.sync(
      rowsOf<{ entity_ref: string }>(raw).map(r => r.entity_ref),
    );
    if (added) {
      // Systems and owners seen for the first time.
      const { db } = this.options;
      const systems = await db(TABLE)
        .distinct('system_ref')
        .whereNotNull('system_ref')
        .whereNotIn(
          'system_ref',
          db('paved_dora_systems').select('system_ref'),
        );
      await this.syncSystems(systems.map(r => r.system_ref));
      const unknownOwner = await db.raw(
        `SELECT 1 AS x FROM (
           SELECT owner_ref AS ref FROM paved_dora_entities
           UNION SELECT owner_ref FROM paved_dora_systems
         ) o
         WHERE o.ref LIKE 'group:%'
           AND NOT EXISTS (SELECT 1 FROM paved_dora_groups g WHERE g.group_ref = o.ref)
         LIMIT 1`,
      );
      if (rowsOf(unknownOwner).length) await this.syncGroups();
    }
    return added;
  }

  /**
   * Refreshes owner and system of every entity with DORA data, the owners
   * of their systems and the group tree.
   */
  async syncAll(): Promise<number> {
    const raw = await this.options.db.raw(
      `SELECT entity_ref FROM paved_dora_entities
       UNION
       SELECT DISTINCT entity_ref FROM paved_incidents WHERE entity_ref IS NOT NULL`,
    );
    const written = await this.sync(
      rowsOf<{ entity_ref: string }>(raw).map(r => r.entity_ref),
    );
    const systems = await this.options
      .db(TABLE)
      .distinct('system_ref')
      .whereNotNull('system_ref');
    await this.syncSystems(
      systems.map(r => r.system_ref),
      { replace: true },
    );
    await this.syncGroups();
    return written;
  }

  /**
   * Stores the owner of each system (all stored ones replaced by these
   * with `replace`).
   */
  private async syncSystems(
    refs: string[],
    options: { replace?: boolean } = {},
  ): Promise<void> {
    const { db, catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const rows: Array<{ system_ref: string; owner_ref: string | null }> = [];
    for (let i = 0; i < refs.length; i += 500) {
      const chunk = refs.slice(i, i + 500);
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: chunk,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.owner',
            'relations',
          ],
        },
        { credentials },
      );
      chunk.forEach((ref, index) => {
        const entity = items[index] ?? undefined;
        rows.push({
          system_ref: ref,
          owner_ref: entity ? ownerOf(entity) : null,
        });
      });
    }
    await db.transaction(async tx => {
      if (options.replace) await tx('paved_dora_systems').delete();
      for (let i = 0; i < rows.length; i += 500) {
        await tx('paved_dora_systems')
          .insert(rows.slice(i, i + 500))
          .onConflict('system_ref')
          .merge(['owner_ref']);
      }
    });
  }

  /** Replaces the stored group tree with the catalog's. */
  private async syncGroups(): Promise<void> {
    const { db, catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.parent',
          'relations',
        ],
      },
      { credentials },
    );
    const rows = items.map(group => ({
      group_ref: stringifyEntityRef(group),
      parent_ref:
        normalisedRef(group, group.spec?.parent, 'group') ??
        related(group, 'childOf', 'group') ??
        null,
    }));
    await db.transaction(async tx => {
      await tx('paved_dora_groups').delete();
      for (let i = 0; i < rows.length; i += 500) {
        // A concurrent replacement (two reports at once, or two replicas)
        // may have inserted the same groups after this delete's snapshot.
        await tx('paved_dora_groups')
          .insert(rows.slice(i, i + 500))
          .onConflict('group_ref')
          .merge(['parent_ref']);
      }
    });
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
  return {
    entity_ref: ref,
    title: (entity.metadata.title ?? entity.metadata.name).slice(0, 255),
    owner_ref: ownerOf(entity),
    system_ref:
      normalisedRef(entity, entity.spec?.system, 'system') ??
      related(entity, 'partOf', 'system') ??
      null,
    in_catalog: true,
    synced_at: now,
  };
}

/** `spec.owner` (kind defaults to group), else the ownedBy relation. */
function ownerOf(entity: Entity): string | null {
  return (
    normalisedRef(entity, entity.spec?.owner, 'group') ??
    related(entity, 'ownedBy') ??
    null
  );
}

/** A ref from the entity's spec, with its kind and namespace defaults. */
function normalisedRef(
  entity: Entity,
  value: unknown,
  kind: string,
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: kind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** The target of the entity's first relation of a type (and target kind). */
function related(
  entity: Entity,
  type: string,
  kind?: string,
): string | undefined {
  return entity.relations?.find(
    r =>
      r.type === type &&
      (!kind ||
        parseEntityRef(r.targetRef).kind.toLocaleLowerCase('en-US') === kind),
  )?.targetRef;
}

/** Rows of a raw result: an array (SQLite) or `{ rows }` (PostgreSQL). */
function rowsOf<T = any>(raw: any): T[] {
  return Array.isArray(raw) ? raw : raw.rows;
}

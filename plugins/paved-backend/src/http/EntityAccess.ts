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
import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { InputError } from '@backstage/errors';
import { FilterPredicate } from '@backstage/filter-predicates';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  CatalogService,
  EntitiesSearchFilter,
} from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionTransformer,
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import {
  entityLinkKeys,
  linkKey,
  PAVED_LINK_ANNOTATIONS,
} from '@paved/plugin-paved-common';

/** An entity a caller may see, with the ledger link keys it claims. */
export type VisibleEntity = { ref: string; linkKeys: string[] };

/**
 * What a caller's decision lets a list or an aggregate cover: every
 * entity, or the ones listed (possibly none).
 */
export type VisibleEntities =
  | { all: true }
  | { all: false; entities: VisibleEntity[] };

/** How long the link keys the catalog's entities claim are reused. */
const CLAIMANTS_TTL_MS = 30_000;

const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

// The catalog's own rules turn conditions into catalog queries.
const rules = Object.values(permissionRules) as Array<
  (typeof permissionRules)[keyof typeof permissionRules]
>;
const toCatalogFilter = createConditionTransformer<EntitiesSearchFilter>({
  getRuleByName(name) {
    const rule = rules.find(r => r.name === name);
    if (!rule) {
      // Fail closed: a condition Paved cannot turn into a query could only
      // be ignored, which would show the caller too much.
      throw new Error(
        `Permission rule '${name}' is not one of the catalog's built-in rules, so Paved cannot apply it to a list; answer Paved's permissions with built-in catalog rules`,
      );
    }
    return rule as any;
  },
});

/**
 * A conditional decision on catalog entities as a catalog predicate query,
 * through the rules' own `toQuery`.
 */
export function conditionsToPredicate(
  conditions: PermissionCriteria<PermissionCondition<string>>,
): FilterPredicate {
  return toPredicate(toCatalogFilter(conditions as any) as CatalogFilter);
}

// A rule's toQuery may itself answer with allOf/anyOf/not.
type CatalogFilter = PermissionCriteria<EntitiesSearchFilter>;

function toPredicate(criteria: CatalogFilter): FilterPredicate {
  if (isAndCriteria(criteria)) return { $all: criteria.allOf.map(toPredicate) };
  if (isOrCriteria(criteria)) return { $any: criteria.anyOf.map(toPredicate) };
  if (isNotCriteria(criteria)) return { $not: toPredicate(criteria.not) };
  if (!('key' in criteria)) {
    throw new Error(`Unexpected catalog filter ${JSON.stringify(criteria)}`);
  }
  const { key, values } = criteria;
  if (!values) return { [key]: { $exists: true } } as FilterPredicate;
  // No value matches nothing (e.g. IS_ENTITY_OWNER without claims).
  return values.length
    ? ({ [key]: { $in: values } } as FilterPredicate)
    : { $any: [] };
}

/**
 * What the route guard and the routes ask the catalog about a request: the
 * entities a caller's decision covers, the entity a ledger subject belongs
 * to, an entity itself.
 */
export class EntityAccess {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #permissions: PermissionsService;
  #claimants?: { byKey: Map<string, Set<string>>; expires: number };

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    permissions: PermissionsService;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#permissions = options.permissions;
  }

  /**
   * The entities `decision` (the caller's answer for a Paved permission on
   * catalog entities) covers among those the catalog shows the caller. A
   * conditional decision becomes a catalog query with the caller's
   * credentials, so the catalog applies both its own read rules and the
   * decision's conditions in SQL. `scope` narrows that query (kind, owner)
   * and is ignored when every entity is covered.
   */
  async visible(
    decision: PolicyDecision | undefined,
    credentials: BackstageCredentials,
    scope?: FilterPredicate,
  ): Promise<VisibleEntities> {
    if (decision?.result === AuthorizeResult.DENY) {
      return { all: false, entities: [] };
    }
    const parts: FilterPredicate[] = scope ? [scope] : [];
    if (decision?.result === AuthorizeResult.CONDITIONAL) {
      parts.push(conditionsToPredicate(decision.conditions));
    } else {
      // ALLOW for the Paved permission: still only what the catalog shows.
      const [read] = await this.#permissions.authorizeConditional(
        [{ permission: catalogEntityReadPermission }],
        { credentials },
      );
      if (read.result === AuthorizeResult.ALLOW) return { all: true };
      if (read.result === AuthorizeResult.DENY) {
        return { all: false, entities: [] };
      }
    }
    const entities: VisibleEntity[] = [];
    const query: FilterPredicate =
      parts.length === 1 ? parts[0] : { $all: parts };
    for await (const page of this.#catalog.streamEntities(
      parts.length
        ? { query, fields: ENTITY_FIELDS }
        : { fields: ENTITY_FIELDS },
      { credentials },
    )) {
      for (const entity of page) {
        entities.push({
          ref: stringifyEntityRef(entity),
          linkKeys: entityLinkKeys(entity),
        });
      }
    }
    return { all: false, entities };
  }

  /**
   * The one entity that claims a ledger subject (`annotation=value`), read
   * with the plugin's own credentials; undefined when none or several do.
   */
  async entityForSubject(
    subject: string | undefined,
  ): Promise<string | undefined> {
    const trimmed = subject?.trim();
    const at = trimmed?.indexOf('=') ?? -1;
    if (!trimmed || at <= 0) return undefined;
    const annotation = trimmed.slice(0, at);
    const value = trimmed.slice(at + 1);
    if (annotation === 'paved.dev/entity') {
      return normaliseRef(value);
    }
    const claimants = (await this.#claimantsByKey()).get(
      linkKey(annotation, value),
    );
    return claimants?.size === 1 ? [...claimants][0] : undefined;
  }

  /** An entity read with the plugin's own credentials (after a decision). */
  async entity(ref: string): Promise<Entity | undefined> {
    return this.#catalog.getEntityByRef(ref, {
      credentials: await this.#auth.getOwnServiceCredentials(),
    });
  }

  async #claimantsByKey(): Promise<Map<string, Set<string>>> {
    if (this.#claimants && this.#claimants.expires > Date.now()) {
      return this.#claimants.byKey;
    }
    const { items } = await this.#catalog.getEntities(
      {
        filter: PAVED_LINK_ANNOTATIONS.map(annotation => ({
          [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
        })),
        fields: ENTITY_FIELDS,
      },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );
    const byKey = new Map<string, Set<string>>();
    for (const entity of items) {
      const ref = stringifyEntityRef(entity);
      for (const key of entityLinkKeys(entity)) {
        const refs = byKey.get(key) ?? new Set<string>();
        refs.add(ref);
        byKey.set(key, refs);
      }
    }
    this.#claimants = { byKey, expires: Date.now() + CLAIMANTS_TTL_MS };
    return byKey;
  }
}

/** The refs of visible entities, or undefined for all. */
export function visibleRefs(visible: VisibleEntities): string[] | undefined {
  return visible.all ? undefined : visible.entities.map(e => e.ref);
}

/**
 * An entity ref from a request (kind defaults to Component), normalised;
 * undefined when not given, a 400 naming \`field\` when it does not parse.
 */
export function requestEntityRef(
  value: string | undefined,
  field: string,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  const ref = normaliseRef(value);
  if (!ref) {
    throw new InputError(`${field} '${value}' is not an entity ref`);
  }
  return ref;
}

function normaliseRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

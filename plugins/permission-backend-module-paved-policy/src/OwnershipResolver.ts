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
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Parent chains longer than this are cut (a catalog cycle ends earlier). */
const MAX_PARENT_DEPTH = 10;
/** Callers whose claims are kept at once; the oldest go first. */
const MAX_CACHED_CALLERS = 1000;

/**
 * Answers who a caller counts as: their ownership claims.
 *
 * @public
 */
export interface OwnershipClaimsResolver {
  /** The caller's user ref, their groups, and those groups' ancestors. */
  claimsOf(credentials: BackstageCredentials): Promise<string[]>;
}

/**
 * Ownership claims from the sign-in (`ownershipEntityRefs`: the user and
 * the groups they are a member of) plus every ancestor of those groups,
 * read from the catalog with the permission plugin's own credentials. So a
 * member of `team-a`, a child of `engineering`, owns what `engineering`
 * owns, as in Backstage's own transitive-ownership example. Claims are kept
 * for `cacheSeconds` per caller.
 *
 * @public
 */
export class CatalogOwnershipResolver implements OwnershipClaimsResolver {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #userInfo: UserInfoService;
  readonly #cacheMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, { claims: string[]; expires: number }>();

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    userInfo: UserInfoService;
    /** Default 60. */
    cacheSeconds?: number;
    now?: () => number;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#userInfo = options.userInfo;
    this.#cacheMs = Math.max(0, options.cacheSeconds ?? 60) * 1000;
    this.#now = options.now ?? Date.now;
  }

  async claimsOf(credentials: BackstageCredentials): Promise<string[]> {
    const info = await this.#userInfo.getUserInfo(credentials);
    const direct = [
      ...new Set(
        [info.userEntityRef, ...info.ownershipEntityRefs].map(normalise),
      ),
    ];
    const key = direct.join(' ');
    const cached = this.#cache.get(key);
    if (cached && cached.expires > this.#now()) return cached.claims;

    const claims = [...direct, ...(await this.#ancestors(direct))];
    if (this.#cacheMs > 0) {
      this.#cache.delete(key);
      this.#cache.set(key, { claims, expires: this.#now() + this.#cacheMs });
      if (this.#cache.size > MAX_CACHED_CALLERS) {
        this.#cache.delete(this.#cache.keys().next().value!);
      }
    }
    return claims;
  }

  /** Ancestors of the groups among `refs`, nearest first. */
  async #ancestors(refs: string[]): Promise<string[]> {
    const seen = new Set(refs);
    const found: string[] = [];
    let frontier = refs.filter(ref => ref.startsWith('group:'));
    const credentials = await this.#auth.getOwnServiceCredentials();
    for (let depth = 0; frontier.length && depth < MAX_PARENT_DEPTH; depth++) {
      const { items } = await this.#catalog.getEntitiesByRefs(
        { entityRefs: frontier, fields: ['relations'] },
        { credentials },
      );
      const next: string[] = [];
      for (const group of items) {
        for (const relation of group?.relations ?? []) {
          if (relation.type !== RELATION_CHILD_OF) continue;
          const parent = normalise(relation.targetRef);
          if (!seen.has(parent)) {
            seen.add(parent);
            found.push(parent);
            next.push(parent);
          }
        }
      }
      frontier = next;
    }
    return found;
  }
}

function normalise(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
}

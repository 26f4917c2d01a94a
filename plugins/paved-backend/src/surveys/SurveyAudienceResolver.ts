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
import { SurveyAudience } from '@paved/plugin-paved-common';

/** Groups a user entity belongs to directly, as entity refs. */
export function userMemberships(user: Entity): Set<string> {
  const groups = new Set<string>();
  for (const relation of user.relations ?? []) {
    if (relation.type === 'memberOf') {
      groups.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  const memberOf = (user.spec as { memberOf?: unknown } | undefined)?.memberOf;
  if (Array.isArray(memberOf)) {
    for (const ref of memberOf) {
      if (typeof ref !== 'string') continue;
      try {
        groups.add(
          stringifyEntityRef(
            parseEntityRef(ref, {
              defaultKind: 'group',
              defaultNamespace: user.metadata.namespace ?? 'default',
            }),
          ).toLocaleLowerCase('en-US'),
        );
      } catch {
        // An unparsable ref cannot make anyone a member.
      }
    }
  }
  return groups;
}

/**
 * Decides who belongs to a survey's audience and how many people that is,
 * reading users, groups and owners from the catalog with the plugin's own
 * service credentials (the check must not depend on what the answering user
 * may see).
 */
export class SurveyAudienceResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async includes(audience: SurveyAudience, userRef: string): Promise<boolean> {
    if (audience.type === 'everyone') return true;
    const credentials = await this.auth.getOwnServiceCredentials();
    const user = await this.catalog.getEntityByRef(userRef, { credentials });
    const self = userRef.toLocaleLowerCase('en-US');
    const memberships = user ? userMemberships(user) : new Set<string>();
    const targets = await this.targets(audience);
    return targets.has(self) || [...memberships].some(g => targets.has(g));
  }

  /** Number of User entities in the audience now; null if there are none. */
  async size(audience: SurveyAudience): Promise<number | null> {
    const { users, members } = await this.resolve(audience);
    return users ? members.length : null;
  }

  /**
   * The User entities in the audience now (refs as the catalog spells
   * them): the people a survey invites.
   */
  async members(audience: SurveyAudience): Promise<string[]> {
    return (await this.resolve(audience)).members;
  }

  private async resolve(
    audience: SurveyAudience,
  ): Promise<{ users: number; members: string[] }> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items: users } = await this.catalog.getEntities(
      {
        filter: { kind: 'User' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'relations',
          'spec.memberOf',
        ],
      },
      { credentials },
    );
    if (audience.type === 'everyone') {
      return {
        users: users.length,
        members: users.map(user => stringifyEntityRef(user)),
      };
    }
    const targets = await this.targets(audience);
    const members = users
      .filter(user => {
        const ref = stringifyEntityRef(user).toLocaleLowerCase('en-US');
        return (
          targets.has(ref) ||
          [...userMemberships(user)].some(g => targets.has(g))
        );
      })
      .map(user => stringifyEntityRef(user));
    return { users: users.length, members };
  }

  /** Lower-cased refs of the groups/users that make up the audience. */
  private async targets(audience: SurveyAudience): Promise<Set<string>> {
    if (audience.type === 'groups') {
      return new Set(audience.groups.map(g => g.toLocaleLowerCase('en-US')));
    }
    if (audience.type === 'owners') {
      const credentials = await this.auth.getOwnServiceCredentials();
      const { items } = await this.catalog.getEntities(
        {
          filter: audience.filter,
          fields: ['kind', 'metadata.namespace', 'relations', 'spec.owner'],
        },
        { credentials },
      );
      const owners = new Set<string>();
      for (const entity of items) {
        for (const relation of entity.relations ?? []) {
          if (relation.type === 'ownedBy') {
            owners.add(relation.targetRef.toLocaleLowerCase('en-US'));
          }
        }
        const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
        if (typeof owner === 'string') {
          try {
            owners.add(
              stringifyEntityRef(
                parseEntityRef(owner, {
                  defaultKind: 'group',
                  defaultNamespace: entity.metadata?.namespace ?? 'default',
                }),
              ).toLocaleLowerCase('en-US'),
            );
          } catch {
            // ignore unparsable owners
          }
        }
      }
      return owners;
    }
    return new Set();
  }
}

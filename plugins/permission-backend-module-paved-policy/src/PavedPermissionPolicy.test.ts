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
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  adoptionRefreshPermission,
  deploymentCreatePermission,
  deploymentLogsReadPermission,
  deploymentReadPermission,
  doraReadPermission,
  orchestratorDeployPermission,
  orchestratorDeployProductionPermission,
  feedbackCommentPermission,
  feedbackReadPermission,
  feedbackSubmitPermission,
  feedbackTriagePermission,
  feedbackVotePermission,
  pavedInfoReadPermission,
  pavedPermissions,
  surveyResultsReadPermission,
} from '@paved/plugin-paved-common';
import { OwnershipClaimsResolver } from './OwnershipResolver';
import {
  DefaultBasePolicy,
  PavedPermissionPolicy,
} from './PavedPermissionPolicy';

const claims: Record<string, string[]> = {
  'user:default/root': ['user:default/root', 'group:default/platform'],
  'user:default/alice': [
    'user:default/alice',
    'group:default/team-a',
    'group:default/engineering',
  ],
  'user:default/dave': [
    'user:default/dave',
    'group:default/team-a',
    'group:default/release-managers',
  ],
  'user:default/carol': ['user:default/carol'],
};
const ownership: OwnershipClaimsResolver = {
  claimsOf: async credentials =>
    claims[(credentials.principal as { userEntityRef: string }).userEntityRef],
};
const roles = {
  admins: ['group:default/platform'],
  productionDeployers: ['group:default/release-managers'],
};
const user = (ref: string): PolicyQueryUser =>
  ({
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: claims[ref] },
  } as PolicyQueryUser);

const ownerDecision = (of: string[]) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: of },
  },
});

describe('PavedPermissionPolicy', () => {
  const policy = new PavedPermissionPolicy({ roles, ownership });
  const decide = (permission: any, ref?: string) =>
    policy.handle({ permission }, ref ? user(ref) : undefined);

  it('lets admins do everything in Paved', async () => {
    for (const permission of pavedPermissions) {
      expect(await decide(permission, 'user:default/root')).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it("answers owners-only permissions with the catalog's IS_ENTITY_OWNER rule over the caller's claims", async () => {
    for (const permission of [
      deploymentCreatePermission,
      deploymentLogsReadPermission,
      orchestratorDeployPermission,
      surveyResultsReadPermission,
    ]) {
      expect(await decide(permission, 'user:default/alice')).toEqual(
        ownerDecision(claims['user:default/alice']),
      );
    }
  });

  it('lets everyone signed in read what the catalog shows them', async () => {
    expect(
      await decide(deploymentReadPermission, 'user:default/carol'),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await decide(pavedInfoReadPermission, 'user:default/carol')).toEqual(
      {
        result: AuthorizeResult.ALLOW,
      },
    );
  });

  it("gives Paved reads the conditions of the base policy's catalog read", async () => {
    const onlyTeamA: PermissionPolicy = {
      handle: async ({ permission }) =>
        permission.name === catalogEntityReadPermission.name
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'HAS_LABEL',
                resourceType: 'catalog-entity',
                params: { label: 'team-a' },
              },
            }
          : { result: AuthorizeResult.DENY },
    };
    const restricted = new PavedPermissionPolicy({
      roles,
      ownership,
      basePolicy: onlyTeamA,
    });
    const decision = await restricted.handle(
      { permission: doraReadPermission },
      user('user:default/carol'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'HAS_LABEL',
        resourceType: 'catalog-entity',
        params: { label: 'team-a' },
      },
    });
    // What is not Paved's is the base policy's alone.
    expect(
      await restricted.handle(
        { permission: catalogEntityCreatePermission },
        user('user:default/root'),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('needs a production deployer, who also owns the entity, for production deployments', async () => {
    expect(
      await decide(
        orchestratorDeployProductionPermission,
        'user:default/alice',
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await decide(orchestratorDeployProductionPermission, 'user:default/dave'),
    ).toEqual(ownerDecision(claims['user:default/dave']));
  });

  it('keeps recomputing every entity and unknown Paved permissions for admins', async () => {
    expect(
      await decide(adoptionRefreshPermission, 'user:default/alice'),
    ).toEqual({ result: AuthorizeResult.DENY });
    const unknown = createPermission({
      name: 'paved.something.new',
      attributes: {},
    });
    expect(await decide(unknown, 'user:default/alice')).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets everyone signed in read, submit, vote and comment on feedback about what the catalog shows them', async () => {
    const feedbackForEveryone = [
      feedbackReadPermission,
      feedbackSubmitPermission,
      feedbackVotePermission,
      feedbackCommentPermission,
    ];
    for (const permission of feedbackForEveryone) {
      expect(await decide(permission, 'user:default/carol')).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
    // A site that limits catalog reads limits feedback the same way.
    const onlyLabelled: PermissionPolicy = {
      handle: async ({ permission }) =>
        permission.name === catalogEntityReadPermission.name
          ? createCatalogConditionalDecision(
              catalogEntityReadPermission,
              catalogConditions.hasLabel({ label: 'team-a' }),
            )
          : { result: AuthorizeResult.ALLOW },
    };
    const restricted = new PavedPermissionPolicy({
      roles,
      ownership,
      basePolicy: onlyLabelled,
    });
    for (const permission of feedbackForEveryone) {
      const decision = await restricted.handle(
        { permission },
        user('user:default/carol'),
      );
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: { rule: 'HAS_LABEL', params: { label: 'team-a' } },
      });
    }
  });

  it('keeps feedback triage for admins, whatever the name prefix', async () => {
    expect(
      await decide(feedbackTriagePermission, 'user:default/alice'),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await decide(feedbackTriagePermission, 'user:default/carol'),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(await decide(feedbackTriagePermission, 'user:default/root')).toEqual(
      { result: AuthorizeResult.ALLOW },
    );
    // An unknown feedback permission is not let through by its prefix.
    const unknownFeedback = createPermission({
      name: 'paved.feedback.delete',
      attributes: { action: 'delete' },
      resourceType: 'catalog-entity',
    });
    expect(await decide(unknownFeedback, 'user:default/carol')).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies everything to a caller without a user', async () => {
    expect(await decide(pavedInfoReadPermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await decide(catalogEntityReadPermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});

describe('DefaultBasePolicy', () => {
  const base = new DefaultBasePolicy({ roles, ownership });
  const decide = (permission: any, ref: string): Promise<PolicyDecision> =>
    base.handle({ permission }, user(ref));

  it("answers catalog permissions with the catalog's rules", async () => {
    expect(
      await decide(catalogEntityReadPermission, 'user:default/carol'),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await decide(catalogEntityDeletePermission, 'user:default/alice'),
    ).toEqual(ownerDecision(claims['user:default/alice']));
    expect(
      await decide(catalogEntityDeletePermission, 'user:default/root'),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await decide(catalogLocationDeletePermission, 'user:default/alice'),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await decide(catalogLocationDeletePermission, 'user:default/root'),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it("allows other plugins' permissions to signed-in users", async () => {
    const scaffolderRun = createPermission({
      name: 'scaffolder.task.create',
      attributes: { action: 'create' },
    });
    expect(await decide(scaffolderRun, 'user:default/carol')).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});

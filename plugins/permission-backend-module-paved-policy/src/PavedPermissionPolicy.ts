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
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationDeletePermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  adoptionReadPermission,
  analyticsRecordPermission,
  deploymentCreatePermission,
  deploymentLogsReadPermission,
  deploymentReadPermission,
  doraReadPermission,
  entityScoresReadPermission,
  feedbackCommentPermission,
  feedbackReadPermission,
  feedbackSubmitPermission,
  feedbackVotePermission,
  goldenPathDriftReadPermission,
  incidentCreatePermission,
  incidentReadPermission,
  orchestratorDeployPermission,
  orchestratorDeployProductionPermission,
  orchestratorEnvironmentReadPermission,
  orchestratorProjectCreatePermission,
  pavedInfoReadPermission,
  roadmapReadPermission,
  reportReadPermission,
  sloReadPermission,
  surveyAnswerPermission,
  surveyManagePermission,
  surveyResultsReadPermission,
} from '@paved/plugin-paved-common';
import { OwnershipClaimsResolver } from './OwnershipResolver';
import { PavedRoles } from './roles';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * Paved reads anyone may do on the entities the catalog shows them: the
 * answer is the caller's `catalog.entity.read` answer.
 */
const READ_WHAT_THE_CATALOG_SHOWS = [
  deploymentReadPermission,
  incidentReadPermission,
  orchestratorEnvironmentReadPermission,
  doraReadPermission,
  adoptionReadPermission,
  entityScoresReadPermission,
  sloReadPermission,
  goldenPathDriftReadPermission,
  surveyAnswerPermission,
  analyticsRecordPermission,
  reportReadPermission,
  roadmapReadPermission,
  // Feedback about an entity is for those who can see it; a request about
  // no entity is for everyone signed in.
  feedbackReadPermission,
  feedbackSubmitPermission,
  feedbackVotePermission,
  feedbackCommentPermission,
].map(p => p.name);

/** Paved permissions an entity's owners have on it. */
const OWNERS_ONLY = [
  deploymentCreatePermission,
  incidentCreatePermission,
  deploymentLogsReadPermission,
  orchestratorProjectCreatePermission,
  orchestratorDeployPermission,
  surveyResultsReadPermission,
  surveyManagePermission,
].map(p => p.name);

/**
 * What a Paved decision is about: the caller, their claims and roles.
 *
 * @public
 */
export interface PavedCaller {
  user: PolicyQueryUser;
  /** The user ref, their groups and those groups' ancestors. */
  claims: string[];
  isAdmin: boolean;
  isProductionDeployer: boolean;
}

/**
 * Options of {@link PavedPermissionPolicy}.
 *
 * @public
 */
export interface PavedPermissionPolicyOptions {
  roles: PavedRoles;
  ownership: OwnershipClaimsResolver;
  /**
   * Answers every permission that is not Paved's (the catalog's, the
   * scaffolder's, ...). Paved's reads follow its `catalog.entity.read`
   * answer. Default: {@link DefaultBasePolicy}.
   */
  basePolicy?: PermissionPolicy;
}

/**
 * The default policy for what is not Paved's: the catalog's permissions
 * with the catalog's own rules, everything else allowed to signed-in users.
 *
 * - `catalog.entity.read`: allowed.
 * - `catalog.entity.refresh` and `catalog.entity.delete`: the entity's
 *   owners (conditional on `IS_ENTITY_OWNER`), and admins.
 * - `catalog.location.delete`: admins.
 * - Anything else: allowed.
 *
 * @public
 */
export class DefaultBasePolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      roles: PavedRoles;
      ownership: OwnershipClaimsResolver;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return DENY;
    const { permission } = request;
    if (isPermission(permission, catalogEntityReadPermission)) return ALLOW;
    const owner =
      isPermission(permission, catalogEntityRefreshPermission) ||
      isPermission(permission, catalogEntityDeletePermission);
    const adminOnly = isPermission(permission, catalogLocationDeletePermission);
    if (!owner && !adminOnly) return ALLOW;
    const claims = await this.options.ownership.claimsOf(user.credentials);
    if (claims.some(c => this.options.roles.admins.includes(c))) return ALLOW;
    if (adminOnly) return DENY;
    return createCatalogConditionalDecision(
      permission as ResourcePermission<typeof RESOURCE_TYPE_CATALOG_ENTITY>,
      catalogConditions.isEntityOwner({ claims }),
    );
  }
}

/**
 * Paved's permission policy.
 *
 * - Admins (`paved.permissions.admins`) may do everything in Paved.
 * - An entity's owners, counted through group membership and parent
 *   groups, have its Paved permissions: recording deployments and
 *   incidents, logs, orchestrator projects and deployments, survey results
 *   and survey state. The answer is conditional on the catalog's
 *   `IS_ENTITY_OWNER` rule, so lists filter in SQL.
 * - Deploying to production also needs `paved.permissions.productionDeployers`.
 * - Everyone signed in may read Paved data of the entities the catalog
 *   shows them (the caller's `catalog.entity.read` answer, with its
 *   conditions), answer surveys, record their own page views, and read,
 *   submit, vote and comment on feedback about those entities (or about
 *   no entity).
 * - Recomputing adoption for every entity and triaging feedback (status,
 *   themes, merging, requests from survey comments) are for admins only.
 * - Unknown `paved.*` permissions are denied.
 * - Everything else goes to the base policy.
 *
 * Service principals never reach a policy: Backstage answers them from
 * their access restrictions.
 *
 * Extend it by passing a `basePolicy` (it also decides what
 * `catalog.entity.read`, and so Paved's reads, allow), by wrapping it, or
 * by subclassing and overriding `handlePaved`.
 *
 * @public
 */
export class PavedPermissionPolicy implements PermissionPolicy {
  protected readonly roles: PavedRoles;
  protected readonly ownership: OwnershipClaimsResolver;
  protected readonly basePolicy: PermissionPolicy;

  constructor(options: PavedPermissionPolicyOptions) {
    this.roles = options.roles;
    this.ownership = options.ownership;
    this.basePolicy =
      options.basePolicy ??
      new DefaultBasePolicy({
        roles: options.roles,
        ownership: options.ownership,
      });
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!request.permission.name.startsWith('paved.')) {
      return this.basePolicy.handle(request, user);
    }
    // Paved answers nobody without a user: unauthenticated callers never
    // get this far unless the default auth policy is switched off.
    if (!user) return DENY;
    const claims = await this.ownership.claimsOf(user.credentials);
    const within = (refs: string[]) => claims.some(c => refs.includes(c));
    return this.handlePaved(request, {
      user,
      claims,
      isAdmin: within(this.roles.admins),
      isProductionDeployer: within(this.roles.productionDeployers),
    });
  }

  /** Answers a `paved.*` permission for a signed-in caller. */
  protected async handlePaved(
    request: PolicyQuery,
    caller: PavedCaller,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const { name } = permission;
    if (caller.isAdmin) return ALLOW;
    if (isPermission(permission, pavedInfoReadPermission)) return ALLOW;
    if (!isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
      return DENY;
    }
    if (READ_WHAT_THE_CATALOG_SHOWS.includes(name)) {
      return this.asCatalogRead(permission, caller.user);
    }
    if (OWNERS_ONLY.includes(name)) {
      return this.ownersOf(permission, caller);
    }
    if (isPermission(permission, orchestratorDeployProductionPermission)) {
      return caller.isProductionDeployer
        ? this.ownersOf(permission, caller)
        : DENY;
    }
    // adoptionRefreshPermission (every entity at once), feedback triage
    // (paved.feedback.triage) and permissions Paved does not know yet:
    // admins only.
    return DENY;
  }

  /** Conditional on the caller owning the entity (the catalog's rule). */
  protected ownersOf(
    permission: ResourcePermission<typeof RESOURCE_TYPE_CATALOG_ENTITY>,
    caller: PavedCaller,
  ): PolicyDecision {
    return createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({ claims: caller.claims }),
    );
  }

  /**
   * The caller's `catalog.entity.read` answer, for a Paved permission:
   * the same conditions on the same entities.
   */
  protected async asCatalogRead(
    permission: ResourcePermission<typeof RESOURCE_TYPE_CATALOG_ENTITY>,
    user: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const read = await this.basePolicy.handle(
      { permission: catalogEntityReadPermission },
      user,
    );
    if (read.result !== AuthorizeResult.CONDITIONAL) return read;
    return createCatalogConditionalDecision(
      permission,
      read.conditions as PermissionCriteria<
        PermissionCondition<typeof RESOURCE_TYPE_CATALOG_ENTITY>
      >,
    );
  }
}

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
  AuditorService,
  AuditorServiceEventSeverityLevel,
  AuthService,
  BackstageCredentials,
  BackstagePrincipalTypes,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ApiRouter,
  internal,
  PathTemplate,
} from '@backstage/backend-openapi-utils';
import { FilterPredicate } from '@backstage/filter-predicates';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { spec } from '../schema/openapi.generated';
import { EntityAccess, VisibleEntities } from './EntityAccess';

/** What a route declares: who may call it, what it asks, what it audits. */
export interface RouteRule<TReq = Request> {
  /** The permission the route asks the permission framework about. */
  permission: Permission;
  /**
   * For a resource permission: the resource (a catalog entity ref) this
   * request acts on. Without it, or when it answers undefined, a resource
   * permission is asked as a conditional decision that the handler applies
   * to its query.
   */
  resourceRef?: (
    req: TReq,
    credentials: BackstageCredentials,
  ) => string | undefined | Promise<string | undefined>;
  /**
   * The route cannot apply conditions (it acts on every entity, or on a
   * record no entity claims): without a resource, only an unconditional
   * ALLOW lets the caller through.
   */
  unconditionalOnly?: boolean;
  /**
   * A further permission this request needs on the same resource, decided
   * from the request (deploying to a production environment).
   */
  additionalPermission?: (
    req: TReq,
  ) => Permission | undefined | Promise<Permission | undefined>;
  /** Auditor event id, e.g. `deployment-record`. */
  auditEventId: string;
  /** Reads are `low`; changes default to `medium`. */
  severity?: AuditorServiceEventSeverityLevel;
  /** Request facts for the audit event (the body is validated already). */
  auditMeta?: (req: TReq) => JsonObject;
  /**
   * Leave the request, and so the caller, out of the audit event: anonymity
   * wins over auditing detail (survey answers).
   */
  anonymousAudit?: boolean;
  /** The 403 message; by default it names the permission. */
  deniedMessage?: string;
  /** Principal types allowed; by default users and services. */
  allow?: Array<keyof BackstagePrincipalTypes>;
}

/** What the guard hands a route handler once the caller is allowed. */
export interface RouteContext {
  credentials: BackstageCredentials;
  /**
   * The conditional decision for a resource permission asked without a
   * resource: ALLOW, or CONDITIONAL with criteria to apply to the query.
   */
  decision?: PolicyDecision;
  /**
   * The entities `decision` covers among those the catalog shows the
   * caller (see EntityAccess.visible); `scope` narrows the catalog query.
   */
  visible(scope?: FilterPredicate): Promise<VisibleEntities>;
}

/** A guarded handler; its return value is added to the success audit event. */
export type GuardedHandler<TReq, TRes> = (
  req: TReq,
  res: TRes,
  context: RouteContext,
) => Promise<JsonObject | void>;

/** Marks the express handlers the guard built, for the permission matrix test. */
export const ROUTE_RULE = Symbol.for('paved.routeRule');

/** An express handler built by the guard, carrying its rule. */
export type GuardedRoute<TReq, TRes> = ((
  req: TReq,
  res: TRes,
) => Promise<void>) & { [ROUTE_RULE]: RouteRule<any> };

/**
 * One guarded call: the rule, what its functions read (the request of a
 * route, the input of an action) and where the caller's credentials come
 * from.
 */
export interface GuardedCall<TSubject> {
  rule: RouteRule<TSubject>;
  subject: TSubject;
  /** The HTTP request, for the audit event (unless the rule is anonymous). */
  request?: Request;
  /** Reads audit at `low` severity unless the rule says otherwise. */
  readOnly: boolean;
  /** Facts about the call itself for the audit event (which action). */
  callMeta?: JsonObject;
  /** Reads the caller's credentials; a refusal is audited. */
  credentials: () => Promise<BackstageCredentials>;
}

/** The one guard every Paved route and action goes through. */
export type RouteGuard = (<TReq, TRes>(
  rule: RouteRule<TReq>,
  handler: GuardedHandler<TReq, TRes>,
) => GuardedRoute<TReq, TRes>) & {
  /** The catalog questions routes ask to name their resource. */
  entities: EntityAccess;
  /**
   * The guard's core, shared by routes and actions: the audit event, the
   * credentials, the permission decision, then `body`; the event ends in
   * success (with `auditMeta` of the result) or failure.
   */
  run<TSubject, TResult>(
    call: GuardedCall<TSubject>,
    body: (context: RouteContext) => Promise<TResult>,
    auditMeta?: (result: TResult) => JsonObject | void,
  ): Promise<TResult>;
};

/**
 * Builds the route guard: an audit event, the caller's credentials, the
 * permission decision, then the handler; the event ends in success or
 * failure with them. A route cannot skip a step because it never does them
 * itself.
 */
export function createRouteGuard(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  auth: AuthService;
  catalog: CatalogService;
}): RouteGuard {
  const { httpAuth, permissions, auditor } = deps;
  const entities = new EntityAccess(deps);
  const run: RouteGuard['run'] = async (call, body, auditMeta) => {
    const { rule, subject } = call;
    // The event comes first so refused callers are audited too.
    const event = await auditor.createEvent({
      eventId: rule.auditEventId,
      severityLevel: rule.severity ?? (call.readOnly ? 'low' : 'medium'),
      request: rule.anonymousAudit ? undefined : call.request,
      meta:
        call.callMeta || rule.auditMeta
          ? { ...call.callMeta, ...rule.auditMeta?.(subject) }
          : undefined,
    });
    try {
      const credentials = await call.credentials();
      const decision = await decide(rule, subject, credentials);
      const result = await body({
        credentials,
        decision,
        visible: scope => entities.visible(decision, credentials, scope),
      });
      const meta = auditMeta?.(result);
      await event.success(meta ? { meta } : undefined);
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
  const guard = <TReq, TRes>(
    rule: RouteRule<TReq>,
    handler: GuardedHandler<TReq, TRes>,
  ): GuardedRoute<TReq, TRes> => {
    const route = async (req: any, res: any) => {
      await run(
        {
          rule,
          subject: req,
          request: req,
          readOnly: req.method === 'GET',
          credentials: () =>
            httpAuth.credentials(req, {
              allow: rule.allow ?? ['user', 'service'],
            }),
        },
        context => handler(req, res, context),
        meta => meta,
      );
    };
    return Object.assign(route, { [ROUTE_RULE]: rule });
  };
  return Object.assign(guard, { entities, run });

  async function decide<TSubject>(
    rule: RouteRule<TSubject>,
    req: TSubject,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision | undefined> {
    // The route's message for its own permission; a further one is named.
    const denied = (permission: Permission) =>
      new NotAllowedError(
        (permission === rule.permission && rule.deniedMessage) ||
          `Not allowed: ${permission.name}`,
      );
    const resourceRef = isResourcePermission(rule.permission)
      ? await rule.resourceRef?.(req, credentials)
      : undefined;
    if (!isResourcePermission(rule.permission) || resourceRef) {
      const allowed = async (permission: Permission) => {
        const [answer] = await permissions.authorize(
          [
            (isResourcePermission(permission) && resourceRef
              ? { permission, resourceRef }
              : { permission }) as AuthorizePermissionRequest,
          ],
          { credentials },
        );
        if (answer.result !== AuthorizeResult.ALLOW) throw denied(permission);
      };
      await allowed(rule.permission);
      // Only an allowed caller makes the route look further (the
      // orchestrator, for a production environment).
      const additional = await rule.additionalPermission?.(req);
      if (additional) await allowed(additional);
      return undefined;
    }
    const conditional = async (permission: Permission) => {
      const [answer] = await permissions.authorizeConditional(
        [{ permission: permission as ResourcePermission }],
        { credentials },
      );
      if (answer.result === AuthorizeResult.DENY) throw denied(permission);
      return answer;
    };
    const answer = await conditional(rule.permission);
    const additional = await rule.additionalPermission?.(req);
    // A further permission is about one resource; without a resource only
    // an unconditionally allowed caller can be checked against it.
    if (
      (rule.unconditionalOnly || additional) &&
      answer.result !== AuthorizeResult.ALLOW
    ) {
      throw denied(rule.permission);
    }
    if (
      additional &&
      (await conditional(additional)).result !== AuthorizeResult.ALLOW
    ) {
      throw denied(additional);
    }
    return answer;
  }
}

type Doc = typeof spec;
type Method = 'get' | 'post' | 'put' | 'delete';
type DocPathTemplate = PathTemplate<Extract<keyof Doc['paths'], string>>;
type DocPathOf<P extends DocPathTemplate> = internal.TemplateToDocPath<Doc, P>;
/** The path templates (`/v1/deployments/:id`) that have method M. */
type DocPaths<M extends Method> = {
  [P in DocPathTemplate]: M extends internal.DocPathMethod<Doc, DocPathOf<P>>
    ? P
    : never;
}[DocPathTemplate];
type DocHandler<M extends Method, P> = P extends DocPathTemplate
  ? M extends internal.DocPathMethod<Doc, DocPathOf<P>>
    ? internal.DocRequestHandler<Doc, DocPathOf<P>, M>
    : never
  : never;
type RouteAdder<M extends Method> = <P extends DocPaths<M>>(
  path: P,
  rule: RouteRule<Parameters<DocHandler<M, P>>[0]>,
  handler: GuardedHandler<
    Parameters<DocHandler<M, P>>[0],
    Parameters<DocHandler<M, P>>[1]
  >,
) => void;

/**
 * The OpenAPI router as route files see it: each route is added with its
 * rule, so the only way to add one is through the guard.
 */
export interface GuardedRouter {
  /** The catalog questions routes ask to name their resource. */
  entities: EntityAccess;
  get: RouteAdder<'get'>;
  post: RouteAdder<'post'>;
  put: RouteAdder<'put'>;
  delete: RouteAdder<'delete'>;
}

/** Wraps the typed OpenAPI router so every route it gets is guarded. */
export function createGuardedRouter(
  router: ApiRouter<Doc>,
  guard: RouteGuard,
): GuardedRouter {
  const adder =
    (method: Method) => (path: string, rule: RouteRule<any>, handler: any) => {
      (router as any)[method](path, guard(rule, handler));
    };
  return {
    entities: guard.entities,
    get: adder('get'),
    post: adder('post'),
    put: adder('put'),
    delete: adder('delete'),
  } as GuardedRouter;
}

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
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
  DefinitivePolicyDecision,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { createRouteGuard, ROUTE_RULE } from './routeGuard';

const readThing = createPermission({
  name: 'test.thing.read',
  attributes: { action: 'read' },
});
const readEntityThing = createPermission({
  name: 'test.entity-thing.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const touchProductionThing = createPermission({
  name: 'test.entity-thing.production',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

const entity = (kind: string, name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

function setup(answers: {
  authorize?: AuthorizeResult;
  /** Per permission name; `authorize` for the others. */
  authorizeByName?: Record<string, AuthorizeResult>;
  conditional?: AuthorizeResult;
}) {
  const events: Array<{
    eventId: string;
    severityLevel?: string;
    meta?: unknown;
    outcome?: 'success' | 'fail';
    successMeta?: unknown;
    error?: string;
    hasRequest: boolean;
  }> = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => {
      const event: (typeof events)[number] = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        meta: options.meta,
        hasRequest: Boolean(options.request),
      };
      events.push(event);
      return {
        success: async params => {
          event.outcome = 'success';
          event.successMeta = params?.meta;
        },
        fail: async params => {
          event.outcome = 'fail';
          event.error = String(params.error);
        },
      };
    },
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(
        r =>
          ({
            result:
              answers.authorizeByName?.[r.permission.name] ??
              answers.authorize ??
              AuthorizeResult.ALLOW,
          } as DefinitivePolicyDecision),
      ),
    authorizeConditional: async requests =>
      requests.map(() =>
        answers.conditional === AuthorizeResult.CONDITIONAL
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              // The catalog's own rule; the catalog turns it into a query.
              conditions: {
                rule: 'IS_ENTITY_KIND',
                resourceType: 'catalog-entity',
                params: { kinds: ['system'] },
              },
            }
          : ({ result: answers.conditional ?? AuthorizeResult.ALLOW } as any),
      ),
  });
  const guard = createRouteGuard({
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor,
    auth: mockServices.auth(),
    catalog: catalogServiceMock({
      entities: [
        entity('Component', 'cart'),
        entity('System', 'shop'),
        entity('System', 'payments'),
      ],
    }),
  });
  const lookFurther = jest.fn((req: express.Request) =>
    req.query.production ? touchProductionThing : undefined,
  );
  // Like the OpenAPI router, a promise router passes rejections on.
  const router = Router();
  router.use(express.json());
  const basic = guard(
    {
      permission: readThing,
      auditEventId: 'thing-read',
      auditMeta: (req: express.Request) => ({ id: req.params.id }),
      deniedMessage: 'Not allowed to read things',
    },
    async (req: express.Request, res: express.Response, { credentials }) => {
      res.json({
        id: req.params.id,
        principal: (credentials.principal as { type: string }).type,
      });
      return { found: true };
    },
  );
  router.get('/things/:id', basic);
  router.get(
    '/entity-things/:kind/:name',
    guard(
      {
        permission: readEntityThing,
        auditEventId: 'entity-thing-read',
        resourceRef: (req: express.Request) =>
          `${req.params.kind}:default/${req.params.name}`,
      },
      async (_req, res: express.Response) => {
        res.json({ ok: true });
      },
    ),
  );
  router.get(
    '/entity-things',
    guard(
      { permission: readEntityThing, auditEventId: 'entity-thing-list' },
      async (_req, res: express.Response, { decision, visible }) => {
        const seen = await visible();
        res.json({
          decision: decision?.result,
          visible: seen.all ? 'all' : seen.entities.map(e => e.ref),
        });
      },
    ),
  );
  router.post(
    '/entity-things/:name/touch',
    guard(
      {
        permission: readEntityThing,
        auditEventId: 'entity-thing-touch',
        // Undefined unless the request names a resource.
        resourceRef: (req: express.Request) =>
          req.params.name === 'nothing'
            ? undefined
            : `component:default/${req.params.name}`,
        unconditionalOnly: true,
        additionalPermission: lookFurther,
        deniedMessage: 'Not allowed to touch things',
      },
      async (_req, res: express.Response) => {
        res.json({ touched: true });
      },
    ),
  );
  router.get(
    '/mine',
    guard(
      {
        permission: readEntityThing,
        auditEventId: 'mine',
        resourceRef: (_req, credentials) =>
          (credentials.principal as { userEntityRef: string }).userEntityRef,
      },
      async (_req, res: express.Response) => {
        res.json({ ok: true });
      },
    ),
  );
  router.post(
    '/answers',
    guard(
      {
        permission: readThing,
        auditEventId: 'answer',
        allow: ['user'],
        anonymousAudit: true,
      },
      async (_req, _res) => {
        throw new Error('store is down');
      },
    ),
  );
  const app = express();
  app.use(router);
  app.use(mockErrorHandler());
  return { app, events, permissions, basic, lookFurther };
}

describe('createRouteGuard', () => {
  it('answers an allowed caller and audits the request with the handler meta', async () => {
    const { app, events } = setup({});
    const res = await request(app)
      .get('/things/42')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: '42', principal: 'user' });
    expect(events).toEqual([
      {
        eventId: 'thing-read',
        severityLevel: 'low',
        meta: { id: '42' },
        outcome: 'success',
        successMeta: { found: true },
        hasRequest: true,
      },
    ]);
  });

  it('refuses a request without credentials with 401 and audits the failure', async () => {
    const { app, events, permissions } = setup({});
    const res = await request(app)
      .get('/things/42')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: 'thing-read', outcome: 'fail' });
  });

  it('refuses a denied caller with 403, the route message, and never runs the handler', async () => {
    const { app, events } = setup({ authorize: AuthorizeResult.DENY });
    const res = await request(app)
      .get('/things/42')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Not allowed to read things');
    expect(events[0]).toMatchObject({ outcome: 'fail' });
    expect(events[0].error).toContain('Not allowed to read things');
  });

  it('asks a resource permission about the resource the request names', async () => {
    const { app, permissions } = setup({});
    const res = await request(app)
      .get('/entity-things/component/cart')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: readEntityThing, resourceRef: 'component:default/cart' }],
      expect.anything(),
    );
    expect(permissions.authorizeConditional).not.toHaveBeenCalled();
  });

  it('hands a conditional decision to a list route and refuses a DENY', async () => {
    const conditional = setup({ conditional: AuthorizeResult.CONDITIONAL });
    const listed = await request(conditional.app)
      .get('/entity-things')
      .set('Authorization', mockCredentials.user.header());
    // The decision's conditions became a catalog query.
    expect(listed.body).toEqual({
      decision: AuthorizeResult.CONDITIONAL,
      visible: ['system:default/shop', 'system:default/payments'],
    });

    const allowed = setup({});
    const all = await request(allowed.app)
      .get('/entity-things')
      .set('Authorization', mockCredentials.user.header());
    expect(all.body).toEqual({
      decision: AuthorizeResult.ALLOW,
      visible: 'all',
    });

    const denied = setup({ conditional: AuthorizeResult.DENY });
    const res = await request(denied.app)
      .get('/entity-things')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Not allowed: test.entity-thing.read');
  });

  it('keeps services out of user-only routes and leaves the caller out of anonymous events', async () => {
    const { app, events } = setup({});
    const service = await request(app)
      .post('/answers')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);

    const failing = await request(app)
      .post('/answers')
      .set('Authorization', mockCredentials.user.header());
    expect(failing.status).toBe(500);
    expect(events[1]).toMatchObject({
      eventId: 'answer',
      severityLevel: 'medium',
      hasRequest: false,
      outcome: 'fail',
    });
    expect(events[1].error).toContain('store is down');
  });

  it('refuses a conditional answer where the route cannot apply one', async () => {
    const conditional = setup({ conditional: AuthorizeResult.CONDITIONAL });
    const unnamed = await request(conditional.app)
      .post('/entity-things/nothing/touch')
      .set('Authorization', mockCredentials.user.header());
    expect(unnamed.status).toBe(403);
    expect(unnamed.body.error.message).toBe('Not allowed to touch things');

    // A named resource is decided on that resource instead.
    const named = await request(conditional.app)
      .post('/entity-things/cart/touch')
      .set('Authorization', mockCredentials.user.header());
    expect(named.status).toBe(200);

    const allowed = setup({});
    const res = await request(allowed.app)
      .post('/entity-things/nothing/touch')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
  });

  it('asks a further permission on the same resource and names it when refused', async () => {
    const { app, permissions } = setup({
      authorizeByName: { 'test.entity-thing.production': AuthorizeResult.DENY },
    });
    const plain = await request(app)
      .post('/entity-things/cart/touch')
      .set('Authorization', mockCredentials.user.header());
    expect(plain.status).toBe(200);

    const production = await request(app)
      .post('/entity-things/cart/touch?production=1')
      .set('Authorization', mockCredentials.user.header());
    expect(production.status).toBe(403);
    expect(production.body.error.message).toBe(
      'Not allowed: test.entity-thing.production',
    );
    expect(permissions.authorize).toHaveBeenNthCalledWith(
      2,
      [{ permission: readEntityThing, resourceRef: 'component:default/cart' }],
      expect.anything(),
    );
    expect(permissions.authorize).toHaveBeenLastCalledWith(
      [
        {
          permission: touchProductionThing,
          resourceRef: 'component:default/cart',
        },
      ],
      expect.anything(),
    );

    // A refused caller never makes the route look further.
    const refused = setup({ authorize: AuthorizeResult.DENY });
    const denied = await request(refused.app)
      .post('/entity-things/cart/touch?production=1')
      .set('Authorization', mockCredentials.user.header());
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('Not allowed to touch things');
    expect(refused.lookFurther).not.toHaveBeenCalled();
  });

  it("hands resourceRef the caller's credentials", async () => {
    const { app, permissions } = setup({});
    const res = await request(app)
      .get('/mine')
      .set('Authorization', mockCredentials.user.header('user:default/ada'));
    expect(res.status).toBe(200);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: readEntityThing, resourceRef: 'user:default/ada' }],
      expect.anything(),
    );
  });

  it('marks the handlers it builds with their rule', () => {
    const { basic } = setup({});
    expect(basic[ROUTE_RULE]).toMatchObject({
      auditEventId: 'thing-read',
      permission: readThing,
    });
  });
});

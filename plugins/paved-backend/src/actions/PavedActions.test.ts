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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { createRouteGuard } from '../http/routeGuard';
import { createPavedActions } from './PavedActions';

const readThing = createPermission({
  name: 'test.thing.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

function setup(result: AuthorizeResult) {
  const events: Array<Record<string, unknown>> = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => {
      const event: Record<string, unknown> = {
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
  const asked: unknown[] = [];
  const permissions = mockServices.permissions.mock({
    authorize: async requests => {
      asked.push(...requests);
      return requests.map(() => ({ result } as any));
    },
  });
  const guard = createRouteGuard({
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor,
    auth: mockServices.auth(),
    catalog: catalogServiceMock(),
  });
  const registry = actionsRegistryServiceMock();
  const handler = jest.fn(async (input: { entity: string }) => ({
    entity: input.entity,
    at: new Date('2026-12-01T10:00:00Z'),
  }));
  createPavedActions(registry, guard).register({
    name: 'get-thing',
    title: 'Thing',
    description: 'A thing',
    attributes: { readOnly: false },
    schema: {
      input: z => z.object({ entity: z.string() }),
      output: z => z.object({ entity: z.string(), at: z.string() }),
    },
    rule: {
      permission: readThing,
      auditEventId: 'thing-read',
      resourceRef: input => input.entity,
      auditMeta: input => ({ entity: input.entity }),
      deniedMessage: 'Not allowed to read things',
      allow: ['user'],
    },
    handler,
    auditMeta: output => ({ answered: output.entity }),
  });
  return { registry, handler, events, asked };
}

describe('createPavedActions', () => {
  it('runs an allowed call through the guard: decision on the resource, audit event, JSON answer', async () => {
    const { registry, events, asked } = setup(AuthorizeResult.ALLOW);
    const credentials = mockCredentials.user('user:default/jane');
    await expect(
      registry.invoke({
        id: 'test:get-thing',
        input: { entity: 'component:default/a' },
        credentials,
      }),
    ).resolves.toEqual({
      // The date as the route would send it.
      output: { entity: 'component:default/a', at: '2026-12-01T10:00:00.000Z' },
    });
    expect(asked).toEqual([
      { permission: readThing, resourceRef: 'component:default/a' },
    ]);
    expect(events).toEqual([
      {
        eventId: 'thing-read',
        severityLevel: 'medium',
        meta: { action: 'paved:get-thing', entity: 'component:default/a' },
        hasRequest: false,
        outcome: 'success',
        successMeta: { answered: 'component:default/a' },
      },
    ]);
  });

  it('refuses a denied caller with the rule message, audits it and never runs the handler', async () => {
    const { registry, handler, events } = setup(AuthorizeResult.DENY);
    await expect(
      registry.invoke({
        id: 'test:get-thing',
        input: { entity: 'component:default/a' },
        credentials: mockCredentials.user('user:default/jane'),
      }),
    ).rejects.toThrow('Not allowed to read things');
    expect(handler).not.toHaveBeenCalled();
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'thing-read',
        outcome: 'fail',
        error: 'NotAllowedError: Not allowed to read things',
      }),
    ]);
  });

  it('keeps out the principal types the rule does not allow', async () => {
    const { registry, handler, asked, events } = setup(AuthorizeResult.ALLOW);
    await expect(
      registry.invoke({
        id: 'test:get-thing',
        input: { entity: 'component:default/a' },
        credentials: mockCredentials.service('plugin:mcp-actions'),
      }),
    ).rejects.toThrow("This action does not allow 'service' callers");
    expect(handler).not.toHaveBeenCalled();
    expect(asked).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ outcome: 'fail' })]);
  });
});

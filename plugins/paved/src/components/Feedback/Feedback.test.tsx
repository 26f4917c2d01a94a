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
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  MockPermissionApi,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  FeedbackRequest,
  FeedbackRequestDetail,
  PavedClient,
} from '@paved/plugin-paved-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { feedbackRouteRef } from '../../routes';
import { EntityFeedbackCard } from './EntityFeedbackCard';
import { FeedbackPage } from './FeedbackPage';

const baseUrl = 'http://localhost:7007/api/paved';

const request = (patch: Partial<FeedbackRequest>): FeedbackRequest => ({
  id: 'r1',
  title: 'Preview environments',
  description: 'Reviewing UI changes needs a running build.',
  submitter: 'user:default/jane',
  status: 'new',
  themes: [],
  votes: 2,
  votedByMe: false,
  commentCount: 0,
  createdAt: '2026-11-02T09:30:00.000Z',
  updatedAt: '2026-11-02T09:30:00.000Z',
  ...patch,
});

// The machine running the tests is shared and slow.
jest.setTimeout(30_000);

describe('feedback board', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  /** The backend in memory: the board's state and the queries it got. */
  let items: FeedbackRequest[];
  let queries: URLSearchParams[];
  let triaged: unknown[];

  beforeEach(() => {
    items = [
      request({ id: 'r1', votes: 2 }),
      request({
        id: 'r2',
        title: 'Docs are hard to find',
        submitter: undefined,
        origin: { survey: 'survey:default/platform-nps', period: '2026-Q4' },
        status: 'planned',
        themes: ['docs'],
        votes: 5,
      }),
    ];
    queries = [];
    triaged = [];
    server.use(
      http.get(`${baseUrl}/v1/feedback/requests`, ({ request: req }) => {
        const query = new URL(req.url).searchParams;
        queries.push(query);
        const q = query.get('q')?.toLowerCase();
        const matching = items.filter(
          r =>
            (!q || r.title.toLowerCase().includes(q)) &&
            (!query.get('entity') || r.entityRef === query.get('entity')),
        );
        return HttpResponse.json({
          items: matching,
          totalCount: matching.length,
        });
      }),
      http.post(`${baseUrl}/v1/feedback/requests/:id/vote`, ({ params }) => {
        const r = items.find(i => i.id === params.id)!;
        Object.assign(r, { votes: r.votes + 1, votedByMe: true });
        return HttpResponse.json(r);
      }),
      http.delete(`${baseUrl}/v1/feedback/requests/:id/vote`, ({ params }) => {
        const r = items.find(i => i.id === params.id)!;
        Object.assign(r, { votes: r.votes - 1, votedByMe: false });
        return HttpResponse.json(r);
      }),
      http.get(`${baseUrl}/v1/feedback/requests/:id`, ({ params }) => {
        const r = items.find(i => i.id === params.id)!;
        const detail: FeedbackRequestDetail = {
          ...r,
          comments: [
            {
              id: 'c1',
              author: 'user:default/sam',
              body: 'We would use this every day',
              createdAt: '2026-11-03T08:00:00.000Z',
            },
          ],
          mergedFrom: [],
        };
        return HttpResponse.json(detail);
      }),
      http.post(
        `${baseUrl}/v1/feedback/requests/:id/triage`,
        async ({ params, request: req }) => {
          const body = await req.json();
          triaged.push(body);
          const r = items.find(i => i.id === params.id)!;
          Object.assign(r, body);
          return HttpResponse.json(r);
        },
      ),
      http.post(`${baseUrl}/v1/feedback/requests`, async ({ request: req }) => {
        const body = (await req.json()) as any;
        if (!body.title.trim()) {
          return HttpResponse.json(
            {
              error: { name: 'InputError', message: 'title must not be empty' },
              response: { statusCode: 400 },
            },
            { status: 400 },
          );
        }
        const created = request({
          id: 'r3',
          votes: 0,
          submitter: 'user:default/guest',
          ...body,
        });
        items.push(created);
        return HttpResponse.json(created);
      }),
    );
  });

  /** What the page asked the permission framework about. */
  let asked: unknown[];
  const render = (element: JSX.Element, triage: boolean) => {
    asked = [];
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [pavedApiRef, client],
          [
            identityApiRef,
            // usePermission caches decisions by permission and resource
            // across renders (SWR), so the admin and the member are
            // different users.
            mockApis.identity({
              userEntityRef: triage ? 'user:default/ada' : 'user:default/bob',
            }),
          ],
          [
            permissionApiRef,
            new MockPermissionApi(question => {
              asked.push(question);
              return triage ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
            }),
          ],
        ]}
      >
        {element}
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/paved/feedback': feedbackRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
  };

  it('lists requests with status, origin and votes, and toggles the vote', async () => {
    await render(<FeedbackPage />, false);
    const rows = await screen.findAllByTestId('feedback-request');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]).getByText('Planned')).toBeInTheDocument();
    expect(within(rows[1]).getByText('docs')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/from survey/)).toBeInTheDocument();
    expect(within(rows[1]).getByText(/2026-Q4/)).toBeInTheDocument();

    const vote = within(rows[0]).getByRole('button', {
      name: 'Vote for Preview environments (2 votes)',
    });
    await userEvent.click(vote);
    const withdraw = await within(rows[0]).findByRole('button', {
      name: 'Withdraw vote for Preview environments (3 votes)',
    });
    expect(withdraw).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(withdraw);
    expect(
      await within(rows[0]).findByRole('button', {
        name: 'Vote for Preview environments (2 votes)',
      }),
    ).toBeInTheDocument();
    expect(queries[0].get('sort')).toBe('votes');
  });

  it('searches and sorts through the API', async () => {
    await render(<FeedbackPage />, false);
    await screen.findAllByTestId('feedback-request');
    await userEvent.type(screen.getByLabelText('Search'), 'docs');
    // The search waits for typing to pause before it asks.
    await waitFor(
      () => expect(screen.getAllByTestId('feedback-request')).toHaveLength(1),
      { timeout: 10_000 },
    );
    expect(queries[queries.length - 1].get('q')).toBe('docs');

    await userEvent.click(screen.getByLabelText('Sort by'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Newest' }),
    );
    await waitFor(
      () => expect(queries[queries.length - 1].get('sort')).toBe('recent'),
      { timeout: 10_000 },
    );
  });

  it('submits feedback and shows the API error in the dialog', async () => {
    await render(<FeedbackPage />, false);
    await screen.findAllByTestId('feedback-request');
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit feedback' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Title/), '   ');
    await userEvent.type(
      within(dialog).getByLabelText(/What is the pain point/),
      'Slow builds',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );
    expect(
      await within(dialog).findByText('title must not be empty'),
    ).toBeInTheDocument();

    await userEvent.clear(within(dialog).getByLabelText(/Title/));
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Faster CI');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Submit' }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('feedback-request')).toHaveLength(3),
    );
  });

  it('shows triage controls only to those allowed to triage', async () => {
    await render(<FeedbackPage />, false);
    await userEvent.click(await screen.findByText('Preview environments'));
    expect(
      await screen.findByText('We would use this every day'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Triage' })).toBeNull();
  });

  it('lets the platform team move a request on', async () => {
    await render(<FeedbackPage />, true);
    await userEvent.click(await screen.findByText('Preview environments'));
    const triage = await screen.findByRole('region', { name: 'Triage' });
    await userEvent.click(within(triage).getByLabelText('Move to'));
    // Only the moves the board allows from New.
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Keep New',
      'Under review',
      'Declined',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Under review' }));
    await userEvent.type(
      within(triage).getByLabelText(/Themes/),
      'environments',
    );
    await userEvent.click(within(triage).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(triaged).toEqual([
        { status: 'under_review', themes: ['environments'] },
      ]),
    );
    // The dialog shows the new status.
    expect(
      await within(screen.getByRole('dialog')).findByText('Under review'),
    ).toBeInTheDocument();
    // A request about no entity: asked with the caller's own User entity.
    expect(asked).toContainEqual(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'paved.feedback.triage' }),
        resourceRef: 'user:default/ada',
      }),
    );
  });

  it('lists the requests about an entity on its card', async () => {
    items[0].entityRef = 'component:default/checkout';
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout', namespace: 'default' },
      spec: {},
    };
    await render(
      <EntityProvider entity={entity}>
        <EntityFeedbackCard />
      </EntityProvider>,
      false,
    );
    const rows = await screen.findAllByTestId('feedback-request');
    expect(rows).toHaveLength(1);
    expect(
      within(rows[0]).getByText('Preview environments'),
    ).toBeInTheDocument();
    expect(queries[0].get('entity')).toBe('component:default/checkout');
    await userEvent.click(
      screen.getByRole('button', { name: 'Submit feedback' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/About entity/)).toHaveValue(
      'component:default/checkout',
    );
  });
});

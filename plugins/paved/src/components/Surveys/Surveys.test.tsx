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
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
  StorageApi,
  storageApiRef,
} from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  PavedClient,
  SurveyResults,
  SurveySummary,
} from '@paved/plugin-paved-common';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReactNode } from 'react';
import { pavedApiRef } from '../../api';
import { EntityNpsCard, PlatformNpsCard } from './EntityNpsCard';
import { SurveyPrompt } from './SurveyPrompt';

const baseUrl = 'http://localhost:7007/api/paved';

const summary: SurveySummary = {
  ref: 'survey:default/platform-nps',
  namespace: 'default',
  name: 'platform-nps',
  title: 'Platform satisfaction',
  question: 'How likely are you to recommend the platform?',
  followUp: 'What should we improve?',
  subject: 'platform',
  audience: { type: 'everyone' },
  period: 'quarterly',
  currentPeriod: '2026-Q4',
  minimumAnswers: 5,
  open: true,
  openSource: 'definition',
  demo: false,
  answered: false,
  inAudience: true,
};

const XSS = '<script>window.__pwned=1</script><b>bold</b>';

const results: SurveyResults = {
  survey: { ...summary, demo: true },
  audienceSize: 40,
  periods: [
    { period: '2026-Q2', demo: true, tooFewAnswers: true },
    {
      period: '2026-Q3',
      demo: true,
      tooFewAnswers: false,
      responses: 10,
      promoters: 5,
      passives: 3,
      detractors: 2,
      nps: 30,
      responseRate: 0.25,
      comments: [XSS, 'line one\nline two'],
    },
    { period: '2026-Q4', demo: false, tooFewAnswers: true },
  ],
};

describe('surveys in the portal', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  const render = (
    children: ReactNode,
    options: {
      environment?: string;
      user?: string;
      canManage?: boolean;
      storage?: StorageApi;
      path?: string;
    } = {},
  ) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [pavedApiRef, client],
          [discoveryApiRef, { getBaseUrl: async () => baseUrl }],
          [fetchApiRef, { fetch }],
          [
            configApiRef,
            mockApis.config({
              data: options.environment
                ? { auth: { environment: options.environment } }
                : {},
            }),
          ],
          [
            identityApiRef,
            mockApis.identity({
              userEntityRef: options.user ?? 'user:default/alice',
            }),
          ],
          [storageApiRef, options.storage ?? mockApis.storage()],
          [
            permissionApiRef,
            mockApis.permission({
              authorize: options.canManage
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
            }),
          ],
        ]}
      >
        {children}
      </TestApiProvider>,
      options.path ? { routeEntries: [options.path] } : undefined,
    );

  describe('results cards', () => {
    it('shows score, breakdown, response rate, trend and comments as text', async () => {
      server.use(
        http.get(`${baseUrl}/v1/survey-results`, ({ request }) => {
          expect(new URL(request.url).searchParams.get('subject')).toBe(
            'platform',
          );
          return HttpResponse.json({ items: [results] });
        }),
      );
      await render(<PlatformNpsCard />);

      expect(await screen.findByTestId('nps-score')).toHaveTextContent('+30');
      expect(screen.getByText('demo')).toBeInTheDocument();
      expect(
        screen.getByText(
          /NPS for 2026-Q3 \(demo data\) · 10 answers · response rate 25%/,
        ),
      ).toBeInTheDocument();
      expect(screen.getByText(/Promoters 5 \(\s*50%\)/)).toBeInTheDocument();
      expect(screen.getByText(/Detractors 2 \(\s*20%\)/)).toBeInTheDocument();
      expect(
        screen.getByText('2026-Q4: too few answers to show yet.'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('img', { name: 'NPS trend per period' }),
      ).toBeInTheDocument();

      // Markup in comments stays text: no script or b element is created.
      const comments = screen.getAllByTestId('survey-comment');
      expect(comments[0].textContent).toBe(XSS);
      expect(comments[0].querySelector('script, b')).toBeNull();
      expect(document.querySelector('script:not([src])')).toBeNull();
      expect((window as any).__pwned).toBeUndefined();
      expect(comments[1].textContent).toBe('line one\nline two');

      // Survey managers see open/close; others do not.
      expect(screen.queryByText('Close survey')).not.toBeInTheDocument();
      expect(screen.getByText('Export CSV')).toBeInTheDocument();
    });

    it('says "no data" rather than a score when nobody answered', async () => {
      server.use(
        http.get(`${baseUrl}/v1/survey-results`, () =>
          HttpResponse.json({
            items: [{ survey: summary, audienceSize: 3, periods: [] }],
          }),
        ),
      );
      await render(<PlatformNpsCard />);
      expect(await screen.findByTestId('nps-no-data')).toHaveTextContent(
        'No data yet',
      );
      expect(screen.queryByTestId('nps-score')).not.toBeInTheDocument();
    });

    it('shows only "too few answers" below the threshold', async () => {
      server.use(
        http.get(`${baseUrl}/v1/survey-results`, () =>
          HttpResponse.json({
            items: [
              {
                survey: summary,
                audienceSize: 3,
                periods: [
                  { period: '2026-Q4', demo: false, tooFewAnswers: true },
                ],
              },
            ],
          }),
        ),
      );
      await render(<PlatformNpsCard />);
      expect(await screen.findByTestId('nps-no-data')).toHaveTextContent(
        'Too few answers to show results yet (fewer than 5 per period).',
      );
    });

    it('loads the surveys about the entity and lets managers close one', async () => {
      let subject: string | null = null;
      let put: unknown;
      server.use(
        http.get(`${baseUrl}/v1/survey-results`, ({ request }) => {
          subject = new URL(request.url).searchParams.get('subject');
          return HttpResponse.json({ items: [results] });
        }),
        http.put(
          `${baseUrl}/v1/surveys/default/platform-nps/state`,
          async ({ request }) => {
            put = await request.json();
            return HttpResponse.json({ ...summary, open: false });
          },
        ),
      );
      await render(
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'checkout', namespace: 'default' },
          }}
        >
          <EntityNpsCard />
        </EntityProvider>,
        { canManage: true },
      );
      await userEvent.click(await screen.findByText('Close survey'));
      await waitFor(() => expect(put).toEqual({ open: false }));
      expect(subject).toBe('component:default/checkout');
    });

    it('shows an empty state when no survey is about the subject', async () => {
      server.use(
        http.get(`${baseUrl}/v1/survey-results`, () =>
          HttpResponse.json({ items: [] }),
        ),
      );
      await render(<PlatformNpsCard />);
      expect(await screen.findByText('No survey yet')).toBeInTheDocument();
    });
  });

  describe('SurveyPrompt', () => {
    const listing = (items: SurveySummary[]) =>
      http.get(`${baseUrl}/v1/surveys`, () => HttpResponse.json({ items }));

    it('answers in two clicks: a score, then Submit', async () => {
      let body: unknown;
      server.use(
        listing([summary]),
        http.post(
          `${baseUrl}/v1/surveys/default/platform-nps/answers`,
          async ({ request }) => {
            body = await request.json();
            return HttpResponse.json({
              survey: summary.ref,
              period: '2026-Q4',
              changed: false,
            });
          },
        ),
      );
      await render(<SurveyPrompt />);
      expect(await screen.findByText(summary.question)).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'Score 9' }));
      await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
      await waitFor(() => expect(body).toEqual({ score: 9 }));
      expect(await screen.findByText(/Thanks!/)).toBeInTheDocument();
    });

    it('sends the comment as typed', async () => {
      let body: unknown;
      server.use(
        listing([summary]),
        http.post(
          `${baseUrl}/v1/surveys/default/platform-nps/answers`,
          async ({ request }) => {
            body = await request.json();
            return HttpResponse.json({
              survey: summary.ref,
              period: '2026-Q4',
              changed: false,
            });
          },
        ),
      );
      await render(<SurveyPrompt />);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Score 3' }),
      );
      await userEvent.type(screen.getByLabelText('Comment'), 'More docs');
      await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
      await waitFor(() =>
        expect(body).toEqual({ score: 3, comment: 'More docs' }),
      );
    });

    it('stays away for answered, closed and out-of-audience surveys', async () => {
      server.use(
        listing([
          { ...summary, answered: true },
          { ...summary, ref: 'survey:default/b', open: false },
          { ...summary, ref: 'survey:default/c', inAudience: false },
        ]),
      );
      const { container } = await render(<SurveyPrompt />);
      await new Promise(r => setTimeout(r, 50));
      expect(container).toBeEmptyDOMElement();
    });

    it('can be dismissed and snoozed', async () => {
      server.use(
        listing([
          summary,
          { ...summary, ref: 'survey:default/second', title: 'Second survey' },
        ]),
      );
      await render(<SurveyPrompt />);
      expect(
        await screen.findByText('Platform satisfaction'),
      ).toBeInTheDocument();
      await userEvent.click(
        screen.getByRole('button', { name: 'Dismiss survey' }),
      );
      expect(await screen.findByText('Second survey')).toBeInTheDocument();
      await userEvent.click(
        screen.getByRole('button', { name: 'Remind me tomorrow' }),
      );
      await waitFor(() =>
        expect(screen.queryByTestId('survey-prompt')).not.toBeInTheDocument(),
      );
    });

    it('is never shown to guests in production', async () => {
      const list = jest.fn(() => HttpResponse.json({ items: [summary] }));
      server.use(http.get(`${baseUrl}/v1/surveys`, list));
      const { container } = await render(<SurveyPrompt />, {
        environment: 'production',
        user: 'user:development/guest',
      });
      await new Promise(r => setTimeout(r, 50));
      expect(container).toBeEmptyDOMElement();
      expect(list).not.toHaveBeenCalled();
    });

    it('is a labelled dialog, reachable with Tab, that Escape closes', async () => {
      server.use(listing([summary]));
      await render(<SurveyPrompt />);
      const dialog = await screen.findByRole('dialog', {
        name: 'Platform satisfaction',
      });
      expect(dialog).toHaveAttribute('aria-modal', 'false');
      // Tab reaches its buttons from the top of the page.
      const dismiss = screen.getByRole('button', { name: 'Dismiss survey' });
      for (let i = 0; i < 20 && document.activeElement !== dismiss; i++) {
        await userEvent.tab();
      }
      expect(dismiss).toHaveFocus();
      await userEvent.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });

    it.each([
      ['/create/templates/default/paved-typescript-service'],
      ['/catalog-import'],
      ['/settings/general'],
    ])('stays off %s, a form with its own buttons', async path => {
      server.use(listing([summary]));
      const { container } = await render(<SurveyPrompt />, { path });
      await new Promise(r => setTimeout(r, 50));
      expect(container).toBeEmptyDOMElement();
    });

    it('shows on a page that merely starts like a form path', async () => {
      server.use(listing([summary]));
      await render(<SurveyPrompt />, { path: '/created-things' });
      expect(await screen.findByTestId('survey-prompt')).toBeInTheDocument();
    });

    it('remembers a snooze across reloads', async () => {
      server.use(listing([summary]));
      const storage = mockApis.storage();
      const first = await render(<SurveyPrompt />, { storage });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Remind me tomorrow' }),
      );
      first.unmount();
      const { container } = await render(<SurveyPrompt />, { storage });
      await new Promise(r => setTimeout(r, 50));
      expect(container).toBeEmptyDOMElement();
    });

    it('waits for storage that loads later before showing a snoozed survey', async () => {
      server.use(listing([summary]));
      // Like the user-settings storage after a reload: nothing is known at
      // first; the stored snooze arrives a moment later.
      const stored = mockApis.storage();
      stored
        .forBucket('paved.surveys')
        .set(`snoozed:${summary.ref}`, Date.now() + 60_000);
      let loaded = false;
      const listeners: Array<() => void> = [];
      const loading = (bucket: StorageApi): StorageApi => ({
        forBucket: name => loading(bucket.forBucket(name)),
        set: (key, value) => bucket.set(key, value),
        remove: key => bucket.remove(key),
        snapshot: key =>
          loaded ? bucket.snapshot(key) : { key, presence: 'unknown' },
        observe$: key =>
          ({
            subscribe: (observer: any) => {
              const next = () => observer.next?.(bucket.snapshot(key));
              listeners.push(next);
              const inner = bucket.observe$(key).subscribe(observer);
              return {
                unsubscribe: () => inner.unsubscribe(),
                closed: false,
              };
            },
          } as any),
      });
      const { container } = await render(<SurveyPrompt />, {
        storage: loading(stored),
      });
      await new Promise(r => setTimeout(r, 50));
      expect(container).toBeEmptyDOMElement();
      act(() => {
        loaded = true;
        listeners.forEach(next => next());
      });
      await new Promise(r => setTimeout(r, 50));
      expect(container).toBeEmptyDOMElement();
    });

    it('is shown to guests in development', async () => {
      server.use(listing([summary]));
      await render(<SurveyPrompt />, {
        environment: 'development',
        user: 'user:development/guest',
      });
      expect(await screen.findByTestId('survey-prompt')).toBeInTheDocument();
    });
  });
});

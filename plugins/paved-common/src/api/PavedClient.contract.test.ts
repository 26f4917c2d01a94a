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
import { ResponseError } from '@backstage/errors';
import { PavedApi } from './PavedApi';
import { PavedClient } from './PavedClient';
import { exampleResponses } from './__fixtures__/exampleResponses';
import { operationIds, readSpec, SpecServer } from './__testUtils__/specServer';

/**
 * Operations of the OpenAPI document that no PavedClient method calls, and
 * why. Every other operation needs a call below.
 */
const NOT_CALLED_BY_CLIENTS: Record<string, string> = {
  ReceiveWebhook:
    'sent by GitHub, GitLab, Argo CD or PagerDuty, signed with a shared secret instead of a Backstage credential',
};

type Call = {
  [M in keyof PavedApi]: {
    operationId: string;
    method: M;
    args: Parameters<PavedApi[M]>;
  };
}[keyof PavedApi];

/** Every PavedClient method, with arguments as the portal or CLI pass them. */
const calls: Call[] = [
  { operationId: 'GetInfo', method: 'getInfo', args: [] },
  { operationId: 'GetGoldenPathDrift', method: 'getGoldenPathDrift', args: [] },
  { operationId: 'ListSurveys', method: 'listSurveys', args: [] },
  {
    operationId: 'AnswerSurvey',
    method: 'answerSurvey',
    args: ['survey:default/paved-platform-nps', { score: 9, comment: 'Fast' }],
  },
  {
    operationId: 'GetSurveyResults',
    method: 'getSurveyResults',
    args: ['default/paved-platform-nps'],
  },
  {
    operationId: 'ExportSurveyResults',
    method: 'getSurveyResultsCsv',
    args: ['paved-platform-nps'],
  },
  {
    operationId: 'SetSurveyState',
    method: 'setSurveyOpen',
    args: ['survey:team-a/onboarding', false],
  },
  {
    operationId: 'GetSurveyResultsBySubject',
    method: 'getSurveyResultsBySubject',
    args: ['component:default/checkout'],
  },
  {
    operationId: 'ListDeployments',
    method: 'listDeployments',
    args: [
      {
        entityRef: 'component:default/checkout',
        environment: 'production',
        since: '2026-01-01T00:00:00.000Z',
        limit: 50,
      },
    ],
  },
  {
    operationId: 'ListPreviews',
    method: 'listPreviews',
    args: ['component:default/checkout'],
  },
  {
    operationId: 'RecordDeployment',
    method: 'recordDeployment',
    args: [
      {
        subject: 'github.com/project-slug=acme/checkout',
        source: 'github-actions',
        externalId: 'run-42',
        environment: 'production',
        production: true,
        status: 'success',
        startedAt: '2026-02-02T10:00:00.000Z',
        finishedAt: '2026-02-02T10:04:30.000Z',
        changes: [{ sha: '9fceb02d', author: 'octocat' }],
        pipelineRun: 'https://ci.example.com/runs/42',
      },
    ],
  },
  {
    operationId: 'GetDeployment',
    method: 'getDeployment',
    args: ['6f1c2a8e-3b9d-4c1e-9a57-0d3e8b2f4c11'],
  },
  {
    operationId: 'GetDeploymentLogs',
    method: 'getDeploymentLogs',
    args: ['6f1c2a8e-3b9d-4c1e-9a57-0d3e8b2f4c11'],
  },
  {
    operationId: 'ListIncidents',
    method: 'listIncidents',
    args: [{ entityRef: 'component:default/checkout', limit: 10 }],
  },
  {
    operationId: 'RecordIncident',
    method: 'recordIncident',
    args: [
      {
        entityRef: 'component:default/checkout',
        source: 'pagerduty',
        externalId: 'PD-123',
        title: 'Checkout errors above 5 %',
        status: 'open',
        openedAt: '2026-02-02T11:00:00.000Z',
      },
    ],
  },
  {
    operationId: 'GetDoraReport',
    method: 'getDoraReport',
    args: [{ group: 'group:default/team-a', from: '2026-01-01', days: 28 }],
  },
  {
    operationId: 'GetPlatformReport',
    method: 'getPlatformReport',
    args: ['2026-11'],
  },
  {
    operationId: 'GetDoraOrganisation',
    method: 'getDoraOrganisation',
    args: [{ from: '2026-01-01', to: '2026-01-31' }],
  },
  {
    operationId: 'CreateOrchestratorProject',
    method: 'createOrchestratorProject',
    args: [
      'humanitec',
      {
        entityRef: 'component:default/checkout',
        projectId: 'checkout',
        displayName: 'Checkout',
        environments: [{ id: 'development', type: 'development' }],
      },
    ],
  },
  {
    operationId: 'ListOrchestratorEnvironments',
    method: 'listOrchestratorEnvironments',
    args: ['humanitec', 'checkout', 'component:default/checkout'],
  },
  {
    operationId: 'DeployThroughOrchestrator',
    method: 'deployThroughOrchestrator',
    args: [
      'humanitec',
      {
        projectId: 'checkout',
        environmentId: 'development',
        workload: {
          apiVersion: 'score.dev/v1b1',
          metadata: { name: 'checkout' },
          containers: { main: { image: 'ghcr.io/acme/checkout:1.4.2' } },
        },
        entityRef: 'component:default/checkout',
        idempotencyKey: 'scaffolder-task-1-deploy',
      },
    ],
  },
  { operationId: 'GetAdoption', method: 'getAdoption', args: [] },
  { operationId: 'RefreshAdoption', method: 'refreshAdoption', args: [] },
  {
    operationId: 'GetEntityScores',
    method: 'getEntityScores',
    args: ['component:default/cart'],
  },
  {
    operationId: 'GetEntitySlos',
    method: 'getEntitySlos',
    args: ['component:default/checkout'],
  },
  {
    operationId: 'GetEntitySummary',
    method: 'getEntitySummary',
    args: ['component:default/checkout'],
  },
  {
    operationId: 'ListFeedbackRequests',
    method: 'listFeedbackRequests',
    args: [{ sort: 'votes', q: 'preview', theme: 'environments', limit: 20 }],
  },
  {
    operationId: 'SubmitFeedbackRequest',
    method: 'submitFeedback',
    args: [
      {
        title: 'Preview environments for pull requests',
        description: 'Reviewing UI changes needs a running build.',
        entityRef: 'component:default/checkout',
        area: 'environments',
      },
    ],
  },
  {
    operationId: 'CreateFeedbackFromSurvey',
    method: 'createFeedbackFromSurvey',
    args: [
      {
        survey: 'survey:default/paved-platform-nps',
        period: '2026-Q4',
        comment: 'I never find the docs for the golden paths.',
        title: 'Docs are hard to find',
      },
    ],
  },
  {
    operationId: 'GetFeedbackRequest',
    method: 'getFeedbackRequest',
    args: ['2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40'],
  },
  {
    operationId: 'VoteFeedbackRequest',
    method: 'voteFeedback',
    args: ['2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40'],
  },
  {
    operationId: 'UnvoteFeedbackRequest',
    method: 'unvoteFeedback',
    args: ['2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40'],
  },
  {
    operationId: 'CommentFeedbackRequest',
    method: 'commentFeedback',
    args: ['2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40', 'We would use this.'],
  },
  {
    operationId: 'TriageFeedbackRequest',
    method: 'triageFeedback',
    args: [
      '2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40',
      { status: 'declined', reason: 'Out of scope', themes: ['environments'] },
    ],
  },
  {
    operationId: 'MergeFeedbackRequest',
    method: 'mergeFeedback',
    args: [
      '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
      '2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40',
    ],
  },
  {
    operationId: 'GetRoadmap',
    method: 'getRoadmap',
    args: [{ windowDays: 14 }],
  },
  {
    operationId: 'GetRoadmapItem',
    method: 'getRoadmapItem',
    args: ['roadmapitem:default/score-everywhere'],
  },
  {
    operationId: 'RecordPageViews',
    method: 'recordPageViews',
    args: [[{ pluginId: 'paved', at: '2026-02-02T10:00:00.000Z' }, {}]],
  },
];

/** What a method returns for the example answer: list answers unwrapped. */
function expectedResult(operationId: string): unknown {
  const { body } = exampleResponses[operationId];
  // Pages (items with a total) are returned whole.
  return body &&
    typeof body === 'object' &&
    'items' in body &&
    !('totalCount' in body)
    ? (body as { items: unknown }).items
    : body;
}

describe('PavedClient against the OpenAPI document', () => {
  const spec = readSpec();
  let server: SpecServer;
  let client: PavedClient;

  beforeAll(async () => {
    server = await SpecServer.create(exampleResponses);
    client = new PavedClient(server);
  });
  beforeEach(() => server.reset());

  it('has a call for every operation but those clients do not call', () => {
    const ids = operationIds(spec);
    for (const id of Object.keys(NOT_CALLED_BY_CLIENTS)) {
      expect(ids).toContain(id);
    }
    expect(calls.map(c => c.operationId).sort()).toEqual(
      ids.filter(id => !(id in NOT_CALLED_BY_CLIENTS)).sort(),
    );
  });

  it('has a call for every method of PavedClient', () => {
    const methods = Object.getOwnPropertyNames(PavedClient.prototype).filter(
      name => name !== 'constructor',
    );
    expect(calls.map(c => c.method).sort()).toEqual(methods.sort());
  });

  it.each(Object.keys(exampleResponses))(
    'has an example answer of %s that matches its response schema',
    operationId => {
      expect(
        server.checkAnswer(operationId, exampleResponses[operationId]),
      ).toEqual([]);
    },
  );

  it.each(calls)(
    '$method sends a valid $operationId request and reads the answer',
    async ({ operationId, method, args }) => {
      const result = await (
        client[method] as (...a: typeof args) => Promise<unknown>
      )(...args);
      expect(server.exchanges).toEqual([
        expect.objectContaining({ operationId, problems: [] }),
      ]);
      expect(result).toEqual(expectedResult(operationId));
    },
  );

  it('sends the entity as the query parameter of the renamed scores route', async () => {
    await client.getEntityScores('component:default/cart');
    expect(server.exchanges.map(e => `${e.method} ${e.url}`)).toEqual([
      'GET /v1/adoption/scores?entity=component%3Adefault%2Fcart',
    ]);
  });

  it('leaves out empty and undefined query values', async () => {
    await client.getDoraReport({ entity: 'component:default/a', from: '' });
    await client.listDeployments({ entityRef: undefined, limit: 5 });
    expect(server.exchanges.map(e => e.url)).toEqual([
      '/v1/dora?entity=component%3Adefault%2Fa',
      '/v1/deployments?limit=5',
    ]);
  });

  it('sends spaces in query values as %20 and a literal + as %2B', async () => {
    await client.listFeedbackRequests({ q: 'preview env C++' });
    await client.listDeployments({ environment: 'pre prod', limit: 5 });
    expect(server.exchanges.map(e => e.url)).toEqual([
      '/v1/feedback/requests?q=preview%20env%20C%2B%2B',
      '/v1/deployments?environment=pre%20prod&limit=5',
    ]);
  });

  it('throws a ResponseError with the answer of a documented error', async () => {
    const error = {
      error: { name: 'NotFoundError', message: 'no deployment with id x' },
      request: { method: 'GET', url: '/v1/deployments/x/logs' },
      response: { statusCode: 404 },
    };
    server.answer('GetDeploymentLogs', { status: 404, body: error });
    const failure = await client.getDeploymentLogs('x').catch(e => e);
    expect(failure).toBeInstanceOf(ResponseError);
    expect(failure.statusCode).toBe(404);
    expect(failure.body.error.message).toBe('no deployment with id x');
    expect(server.exchanges[0].problems).toEqual([]);
  });

  // The checks above can only pass for a client that follows the document
  // if they fail for one that does not: these requests and answers drift.
  describe('finds drift', () => {
    const send = (path: string, init?: RequestInit) =>
      server.fetchApi.fetch(`${server.baseUrl}${path}`, init);
    const post = (path: string, body: unknown) =>
      send(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('in a path the document does not have', async () => {
      const response = await send('/v1/scores?entity=component:default/a');
      expect(response.status).toBe(404);
      expect(server.exchanges[0].problems).toEqual([
        'no operation for GET /v1/scores',
      ]);
    });

    it('in a method the path does not take', async () => {
      await send('/v1/adoption/refresh');
      expect(server.exchanges[0].problems).toEqual([
        'no operation for GET /v1/adoption/refresh',
      ]);
    });

    it('in a query parameter the operation does not declare', async () => {
      await send('/v1/adoption/scores?entityRef=component:default/a');
      expect(server.exchanges[0].problems).toEqual(
        expect.arrayContaining([
          "request /query must have required property 'entity'",
          'request /query must NOT have additional properties (entityRef)',
        ]),
      );
    });

    it('in a query value out of range', async () => {
      const response = await send('/v1/dora?days=0');
      expect(response.status).toBe(400);
      expect(server.exchanges[0].problems).toEqual([
        'request /query/days must be >= 1',
      ]);
    });

    it('in a body without a required property', async () => {
      await post('/v1/deployments', {
        externalId: 'run-1',
        environment: 'production',
      });
      expect(server.exchanges[0].problems).toEqual([
        "request /requestBody must have required property 'status'",
      ]);
    });

    it('in a body property the schema does not have', async () => {
      await post('/v1/analytics/page-views', {
        events: [{ pluginId: 'paved', path: '/paved' }],
      });
      expect(server.exchanges[0].problems).toEqual([
        'request /requestBody/events/0 must NOT have additional properties (path)',
      ]);
    });

    it('in a body sent without its content type', async () => {
      await send('/v1/surveys/default/x/state', {
        method: 'PUT',
        body: JSON.stringify({ open: true }),
      });
      expect(server.exchanges[0].problems).toEqual([
        'body sent as text/plain;charset=UTF-8',
      ]);
    });

    it('in an answer that does not match the response schema', () => {
      const { body } = exampleResponses.GetInfo as {
        body: Record<string, unknown>;
      };
      expect(
        server.checkAnswer('GetInfo', {
          status: 200,
          body: { ...body, database: 'oracle', installedAt: 'yesterday' },
        }),
      ).toEqual([
        'answer /database must be equal to one of the allowed values',
        'answer /installedAt must match format "date-time"',
      ]);
      expect(
        server.checkAnswer('GetDeploymentLogs', { status: 418, body: {} }),
      ).toEqual(['GetDeploymentLogs does not declare status 418']);
    });
  });
});

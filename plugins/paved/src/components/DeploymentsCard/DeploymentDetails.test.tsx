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
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Deployment, PavedClient } from '@paved/plugin-paved-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { DeploymentDetails } from './DeploymentDetails';
import { formatLogLines } from './DeploymentLogsSection';

// Backstage's LogViewer measures its container and renders lines in a
// virtual list, which jsdom (no layout) leaves empty; the tests check what
// Paved hands it, so a plain stand-in shows the text.
jest.mock('@backstage/core-components', () => ({
  ...jest.requireActual('@backstage/core-components'),
  LogViewer: ({ text }: { text: string }) => (
    <pre data-testid="log-viewer">{text}</pre>
  ),
}));

const baseUrl = 'http://localhost:7007/api/paved';

const deployment = (overrides: Partial<Deployment>): Deployment => ({
  id: 'ledger-1',
  source: 'orchestrator:humanitec',
  externalId: 'dep-1',
  entityRef: 'component:default/checkout',
  environment: 'development',
  production: false,
  status: 'success',
  startedAt: '2026-11-20T10:00:00Z',
  changes: [],
  ...overrides,
});

/** A Backstage error body as the backend sends it. */
const errorBody = (name: string, message: string, statusCode: number) =>
  HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'GET', url: '/api/paved/v1/deployments/x/logs' },
      response: { statusCode },
    },
    { status: statusCode },
  );

describe('DeploymentDetails logs', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requested: string[] = [];
  beforeEach(() => requested.splice(0));

  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  const render = (d: Deployment, answer: () => Response) => {
    server.use(
      http.get(`${baseUrl}/v1/deployments/:id/logs`, ({ params }) => {
        requested.push(String(params.id));
        return answer();
      }),
    );
    return renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <DeploymentDetails deployment={d} onBack={() => {}} />
      </TestApiProvider>,
    );
  };

  it("shows the orchestrator's log lines", async () => {
    await render(deployment({}), () =>
      HttpResponse.json({
        lines: [
          {
            timestamp: '2026-11-20T10:00:01Z',
            level: 'info',
            message: 'Pulling ghcr.io/acme/checkout:1.0.0',
          },
          { level: 'error', message: 'readiness probe failed' },
          { message: 'workload checkout ready' },
        ],
      }),
    );
    expect(screen.getByText('Logs')).toBeInTheDocument();
    const log = await screen.findByTestId('log-viewer');
    expect(log.textContent).toBe(
      [
        '2026-11-20T10:00:01Z INFO Pulling ghcr.io/acme/checkout:1.0.0',
        '\u001b[31mERROR\u001b[0m readiness probe failed',
        'workload checkout ready',
      ].join('\n'),
    );
    expect(requested).toEqual(['ledger-1']);
  });

  it("shows the server's reason when the provider has no logs configured (501)", async () => {
    const message =
      'Deployment logs are not available from Humanitec: set paved.orchestrators.humanitec.logsIdentity to an age identity';
    await render(deployment({}), () =>
      errorBody('NotImplementedError', message, 501),
    );
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.queryByText(/Request failed/)).not.toBeInTheDocument();
  });

  it("shows the orchestrator's reason when it has no logs (404)", async () => {
    const message =
      'No logs for deployment dep-1: the orchestrator has none. It keeps runner logs for 30 days';
    await render(deployment({}), () =>
      errorBody('NotFoundError', message, 404),
    );
    expect(await screen.findByText(message)).toBeInTheDocument();
  });

  it('shows other errors as errors', async () => {
    await render(deployment({}), () =>
      errorBody('ServiceUnavailableError', 'Humanitec is down', 503),
    );
    expect(
      (await screen.findAllByText(/Humanitec is down/))[0],
    ).toBeInTheDocument();
  });

  it('points to the CI system for deployments it recorded, without asking the server', async () => {
    await render(
      deployment({
        source: 'github',
        externalId: 'run-4821',
        url: 'https://github.com/acme/checkout/actions/runs/4821',
      }),
      () => HttpResponse.json({ lines: [] }),
    );
    expect(
      screen.getByText(
        /Logs of this deployment are in the CI system that sent the record \(github\): follow its link above/,
      ),
    ).toBeInTheDocument();
    expect(requested).toEqual([]);
  });
});

describe('the deployment link', () => {
  // Records from a CI system: the card asks the server for nothing.
  const show = (url: string) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [
            pavedApiRef,
            new PavedClient({
              discoveryApi: { getBaseUrl: async () => baseUrl },
              fetchApi: { fetch: (...args) => fetch(...args) },
            }),
          ],
        ]}
      >
        <DeploymentDetails
          deployment={deployment({ source: 'github', url })}
          onBack={() => {}}
        />
      </TestApiProvider>,
    );

  it('is a link only for http and https URLs', async () => {
    // What a recorder could send; spelled out so no linter mistakes it.
    const scriptUrl = ['javascript', 'alert(document.cookie)'].join(':');
    await show(scriptUrl);
    const text = screen.getByText(scriptUrl);
    expect(text.closest('a')).toBeNull();
    expect(
      screen.getByText(/sent the record \(github\)\. Paved shows logs/),
    ).toBeInTheDocument();
  });

  it('links an https URL', async () => {
    const url = 'https://github.com/acme/checkout/actions/runs/1';
    await show(url);
    expect(screen.getByText(url).closest('a')).toHaveAttribute('href', url);
  });
});

describe('formatLogLines', () => {
  it('joins time, level and message and colours errors and warnings', () => {
    expect(
      formatLogLines([
        { timestamp: 't1', level: 'info', message: 'a' },
        { level: 'ERROR', message: 'b' },
        { level: 'warn', message: 'c' },
        { message: 'd' },
      ]),
    ).toBe(
      [
        't1 INFO a',
        '\u001b[31mERROR\u001b[0m b',
        '\u001b[33mWARN\u001b[0m c',
        'd',
      ].join('\n'),
    );
  });
});

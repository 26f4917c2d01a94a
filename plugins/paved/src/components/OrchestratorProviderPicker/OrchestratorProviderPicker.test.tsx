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
import { PavedClient } from '@paved/plugin-paved-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { OrchestratorProviderPicker } from './OrchestratorProviderPicker';

const baseUrl = 'http://localhost:7007/api/paved';

jest.setTimeout(30_000);

describe('OrchestratorProviderPicker', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  const info = (providers: Array<{ id: string; title: string }>) =>
    http.get(`${baseUrl}/v1/info`, () =>
      HttpResponse.json({
        version: '0.1.0',
        providers: providers.map(p => ({
          ...p,
          type: 'platform-orchestrator',
        })),
        database: 'sqlite',
        demoData: false,
      }),
    );

  const render = (formData?: string, onChange = jest.fn()) =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <OrchestratorProviderPicker
          {...({
            onChange,
            formData,
            required: false,
            rawErrors: [],
            schema: { title: 'Deploy through an orchestrator', type: 'string' },
            uiSchema: {},
            idSchema: { $id: 'root_orchestrator' },
          } as any)}
        />
      </TestApiProvider>,
    );

  it('offers none and every provider the backend registered, whatever they are', async () => {
    server.use(
      info([
        { id: 'humanitec', title: 'Humanitec Platform Orchestrator (acme)' },
        { id: 'example', title: 'Example orchestrator (in memory)' },
      ]),
    );
    const onChange = jest.fn();
    await render(undefined, onChange);
    const user = userEvent.setup();
    const select = await screen.findByRole('button', {
      name: /No, deploy later/,
    });
    expect(
      screen.getByText('Deploy through an orchestrator'),
    ).toBeInTheDocument();
    // Disabled until the providers are read.
    await waitFor(() =>
      expect(select).not.toHaveAttribute('aria-disabled', 'true'),
    );
    await user.click(select);
    const options = within(await screen.findByRole('listbox'))
      .getAllByRole('option')
      .map(o => o.textContent);
    expect(options).toEqual([
      'No, deploy later',
      'Humanitec Platform Orchestrator (acme)',
      'Example orchestrator (in memory)',
    ]);
    await user.click(
      screen.getByRole('option', { name: 'Example orchestrator (in memory)' }),
    );
    expect(onChange).toHaveBeenCalledWith('example');
  });

  it('says when no provider is registered', async () => {
    server.use(info([]));
    await render();
    expect(
      await screen.findByText(
        'No orchestrator provider is registered in this portal; deploy later.',
      ),
    ).toBeInTheDocument();
  });

  it('marks a value no registered provider has', async () => {
    server.use(info([{ id: 'humanitec', title: 'Humanitec' }]));
    await render('argocd');
    expect(
      await screen.findByText(
        "No provider 'argocd' is registered here; choose another.",
      ),
    ).toBeInTheDocument();
  });
});

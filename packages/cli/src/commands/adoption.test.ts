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
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import pavedBackend from '@paved/plugin-paved-backend';
import { AddressInfo } from 'node:net';
import { captureOutput, runCli } from '../testing/cli';

const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'paved-typescript-service',
    namespace: 'default',
    annotations: { 'paved.dev/template-version': '1.1.0' },
  },
  spec: {},
};
const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'group:default/team-a' },
});
const entities = [
  template,
  component('checkout', {
    'paved.dev/score-file': 'https://example.com/checkout/score.yaml',
    'paved.dev/template': 'paved-typescript-service@1.1.0',
  }),
  component('cart', {
    'paved.dev/score-file': 'https://example.com/cart/score.yaml',
    'paved.dev/template': 'paved-typescript-service@1.0.0',
    'paved.dev/golden-path-overrides':
      'containers.main.resources.limits.memory',
  }),
  component('legacy', {}),
];

// Runs the real CLI against the real Paved backend plugin on a test backend.
describe('paved adoption / paved scores', () => {
  let baseUrl: string;
  const output = captureOutput();
  const token = mockCredentials.user.token();

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [pavedBackend, catalogServiceMock.factory({ entities })],
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  const run = (...args: string[]) =>
    runCli('--base-url', baseUrl, '--token', token, ...args);

  it('says when adoption has not been computed yet', async () => {
    await run('adoption');
    expect(output.stdout).toMatch(/^Adoption has not been computed yet/);
  });

  it('recomputes and prints the funnel, runs and the components off the path', async () => {
    await run('adoption', '--refresh');
    const text = output.stdout;
    expect(text).toMatch(/^Recomputed 3 components in \d+ ms\n/);
    expect(text).toContain('Adoption of 3 components');
    expect(text).toMatch(/In the catalog\s+3\s+100 %/);
    expect(text).toMatch(/Described in Score\s+2\s+67 %/);
    expect(text).toMatch(/On the current template version\s+1\s+33 %/);
    // The test backend runs no scaffolder: said, not hidden.
    expect(text).toContain('Template runs              unavailable:');
    expect(text).toMatch(/component:default\/legacy {2}\d+ deviations/);
    expect(text).toContain('    - not created from a golden path');
  });

  it('prints the report as JSON', async () => {
    await run('adoption', '--json');
    const report = JSON.parse(output.stdout);
    expect(report.current.funnel.map((s: any) => s.count)).toEqual([
      3, 2, 2, 1, 0,
    ]);
  });

  it('prints the checks of a component with how to fix the failing ones', async () => {
    await run('scores', '--entity', 'cart');
    const text = output.stdout;
    expect(text).toMatch(
      /^component:default\/cart: automation \d+\/100, complexity \d+\/100/,
    );
    expect(text).toContain(
      '  FAIL  Golden-path defaults kept (15): overrode 1 default: containers.main.resources.limits.memory',
    );
    expect(text).toContain(
      "        fix: Go back to the golden path's defaults",
    );
    expect(text).toContain('  PASS  Resources provisioned from Score (20)');
    expect(text).toContain(
      '  - created from paved-typescript-service@1.0.0; the template is at 1.1.0',
    );
  });

  it('prints JSON scores with the facts', async () => {
    await run('scores', '--entity', 'component:default/checkout', '--json');
    const scores = JSON.parse(output.stdout);
    expect(scores.facts.catalog.goldenPath).toEqual({
      status: 'current',
      template: 'paved-typescript-service',
      version: '1.1.0',
      currentVersion: '1.1.0',
    });
    expect(scores.facts.repository.status).toBe('unavailable');
  });

  it('reports an unknown entity with the backend message', async () => {
    await expect(
      run('scores', '--entity', 'component:default/nope'),
    ).rejects.toThrow(/No entity component:default\/nope in the catalog/);
  });
});

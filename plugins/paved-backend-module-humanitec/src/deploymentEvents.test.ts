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
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PlatformOrchestratorClient } from './client/PlatformOrchestratorClient';
import { HumanitecOrchestratorProvider } from './HumanitecOrchestratorProvider';

const specFile = (name: string) =>
  readFileSync(
    resolvePackagePath(
      '@paved/plugin-paved-backend-module-humanitec',
      `src/client/spec/${name}`,
    ),
    'utf8',
  );

const spec = parse(specFile('stellwerk-dp-events.yaml'));
const examples: Array<{ subject: string; payload: any }> = JSON.parse(
  specFile('stellwerk-dp-events.examples.json'),
);

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...spec, $id: 'events' });
const schemaErrors = (name: string, data: unknown) => {
  const validate = ajv.compile({ $ref: `events#/components/schemas/${name}` });
  return validate(data) ? [] : validate.errors!.map(e => e.message);
};

const provider = new HumanitecOrchestratorProvider({
  client: new PlatformOrchestratorClient({
    apiUrl: 'https://po.example.com',
    orgId: 'acme',
    token: 'token',
  }),
});

const message = (subject: string, payload: unknown) => ({
  subject,
  data: new TextEncoder().encode(
    typeof payload === 'string' ? payload : JSON.stringify(payload),
  ),
});

describe('deployment events of the Platform Orchestrator', () => {
  it('the examples are valid against the vendored events schema', () => {
    for (const { subject, payload } of examples) {
      expect(schemaErrors('EventType', subject)).toEqual([]);
      expect(schemaErrors('EventType', payload.type)).toEqual([]);
      const dataSchema = subject.includes('.deployment.')
        ? 'DeploymentChangedData'
        : 'RunnerStatusCheckData';
      expect(schemaErrors(dataSchema, payload.data)).toEqual([]);
    }
  });

  it('reads created and updated events, a later revision ordered later', () => {
    const [created, succeeded, failed] = examples.map(e =>
      provider.deploymentFromEvent(message(e.subject, e.payload)),
    );
    expect(created).toEqual({
      deployment: {
        id: '8d3a4c1e-2f5b-4a7d-9c0e-1b2a3c4d5e6f',
        projectId: 'checkout',
        environmentId: 'production',
        status: 'in_progress',
        rawStatus: 'executing',
        createdAt: '2026-11-30T09:15:02.123Z',
      },
      updatedAt: '2026-11-30T09:15:02.124Z',
    });
    expect(succeeded?.deployment.status).toBe('success');
    expect(succeeded?.deployment.kind).toBeUndefined();
    expect(Date.parse(succeeded!.updatedAt)).toBeGreaterThan(
      Date.parse(created!.updatedAt),
    );
    expect(failed?.deployment).toMatchObject({
      environmentId: 'development',
      status: 'failure',
    });
  });

  it("ignores other event types and other orgs' deployments", () => {
    const runner = examples[3];
    expect(
      provider.deploymentFromEvent(message(runner.subject, runner.payload)),
    ).toBeUndefined();
    const other = structuredClone(examples[0]);
    other.payload.data.org_id = 'globex';
    expect(
      provider.deploymentFromEvent(message(other.subject, other.payload)),
    ).toBeUndefined();
  });

  it('refuses malformed messages, saying what is wrong', () => {
    const subject = examples[0].subject;
    const withData = (data: Record<string, unknown>) => ({
      ...examples[0].payload,
      data: { ...examples[0].payload.data, ...data },
    });
    expect(() =>
      provider.deploymentFromEvent(message(subject, '{"specversion": "1.0",')),
    ).toThrow(/payload is not JSON/);
    expect(() =>
      provider.deploymentFromEvent(
        message(subject, withData({ deployment_id: undefined })),
      ),
    ).toThrow('data.deployment_id must be a non-empty string');
    // What the vendored schema refuses, the reader refuses too.
    const badRevision = withData({ revision: '2' });
    expect(schemaErrors('DeploymentChangedData', badRevision.data)).not.toEqual(
      [],
    );
    expect(() =>
      provider.deploymentFromEvent(message(subject, badRevision)),
    ).toThrow('data.revision must be a non-negative integer, not "2"');
    expect(() =>
      provider.deploymentFromEvent(
        message(subject, { ...examples[0].payload, time: 'yesterday' }),
      ),
    ).toThrow("time 'yesterday' is not a time");
  });
});

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
import { validateAgainstSpec } from './__testUtils__/mswPlatformOrchestrator';
import {
  sampleDeployment,
  sampleDeploymentSummary,
  sampleEnvironment,
  sampleProject,
} from './__testUtils__/samples';
import {
  PoDeploymentCreateBody,
  PoEnvironmentCreateBody,
  PoProjectCreateBody,
} from './types';
import { scoreToManifest } from '../scoreToManifest';

// The hand-written types are checked against the vendored specs: a value
// typed with each of them (so TypeScript holds it to our type) must validate
// against the spec schema of the same name (so the spec holds it to its
// required fields and formats).
describe('hand-written types match the vendored specs', () => {
  it.each([
    ['cp', 'Project', sampleProject],
    ['cp', 'Environment', sampleEnvironment('development')],
    [
      'dp',
      'DeploymentSummary',
      sampleDeploymentSummary('0b7f5f7e-2c4e-4d7b-9d8e-0a1b2c3d4e5f'),
    ],
    [
      'dp',
      'Deployment',
      sampleDeployment('0b7f5f7e-2c4e-4d7b-9d8e-0a1b2c3d4e5f'),
    ],
    [
      'cp',
      'ProjectCreateBody',
      { id: 'checkout', display_name: 'Checkout' } as PoProjectCreateBody,
    ],
    [
      'cp',
      'EnvironmentCreateBody',
      { id: 'staging', env_type_id: 'staging' } as PoEnvironmentCreateBody,
    ],
    [
      'dp',
      'DeploymentCreateBody',
      {
        project_id: 'checkout',
        env_id: 'development',
        mode: 'deploy',
        encrypted_logs_recipient:
          'age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef',
        manifest: scoreToManifest({
          apiVersion: 'score.dev/v1b1',
          metadata: { name: 'checkout' },
          containers: { main: { image: 'ghcr.io/acme/checkout:1.0.0' } },
          resources: {
            db: { type: 'postgres' },
            dns: { type: 'dns', class: 'external', id: 'shared-dns' },
          },
        }),
      } as PoDeploymentCreateBody,
    ],
  ] as const)('%s %s', (spec, schema, value) => {
    expect(validateAgainstSpec(spec, schema, value)).toEqual([]);
  });

  it('the validator rejects what the spec forbids', () => {
    const { created_by, ...missing } = sampleDeploymentSummary(
      '0b7f5f7e-2c4e-4d7b-9d8e-0a1b2c3d4e5f',
    );
    expect(created_by).toBeDefined();
    expect(validateAgainstSpec('dp', 'DeploymentSummary', missing)).toEqual([
      "/ must have required property 'created_by'",
    ]);
    expect(
      validateAgainstSpec('cp', 'ProjectCreateBody', { id: 'Not Valid' }),
    ).toEqual(['/id must match pattern "^[a-z](?:-?[a-z0-9]+)+$"']);
  });
});

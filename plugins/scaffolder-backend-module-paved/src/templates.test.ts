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

import { Entity, EntityPolicies } from '@backstage/catalog-model';
import {
  DefaultNamespaceEntityPolicy,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { GOLDEN_PATH_ANNOTATIONS } from '@paved/plugin-paved-common';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { checkScoreText } from './actions/score/checkScore';
import {
  DryRunResult,
  loadTemplate,
  startScaffolder,
  writeWorkspace,
} from './__testUtils__/scaffolderDryRun';

/**
 * Renders every golden path through the real scaffolder (dry-run API, real
 * fetch:template and Paved actions), then checks what came out: a valid
 * Score file, valid catalog entities, the drift annotations, and the
 * generated project's own `npm install && npm test`.
 *
 * PAVED_TEMPLATE_PROJECT_TESTS chooses whose project tests run:
 * `typescript-service` (default, in `make test`), `all`
 * (scripts/test-templates.sh) or `none`.
 */

const TEMPLATES = ['typescript-service', 'web-frontend', 'queue-worker'];
const projectTests =
  process.env.PAVED_TEMPLATE_PROJECT_TESTS ?? 'typescript-service';
const runsProject = (name: string) =>
  projectTests === 'all' || projectTests.split(',').includes(name);

const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop' },
    spec: { owner: 'group:default/team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'existing-service',
      annotations: {
        'backstage.io/managed-by-location':
          'url:https://example.com/catalog-info.yaml',
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
    },
  },
];

const values = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: `The "${name}" golden-path test`,
  owner: 'group:default/team-a',
  system: 'system:default/shop',
  lifecycle: 'experimental',
  publisher: 'local',
  ...extra,
});

const entityPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('error', reject);
    child.on('close', code => resolve({ code, output }));
  });
}

function stepLog(result: DryRunResult): string {
  return (result.body.log ?? []).map(l => l.body.message).join('\n');
}

describe('golden-path templates', () => {
  let tmp: string;
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'paved-templates-'));
    scaffolder = await startScaffolder({
      entities,
      localReposDir: path.join(tmp, 'repos'),
    });
  });
  afterAll(async () => {
    await scaffolder?.backend.stop();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  describe.each(TEMPLATES)('%s', templateName => {
    let template: Entity;
    let workspace: string;
    let result: DryRunResult;
    const name = `gp-${templateName}`;

    beforeAll(async () => {
      template = await loadTemplate(templateName);
      result = await scaffolder.dryRun(
        templateName,
        values(name, {
          memoryLimit: templateName === 'web-frontend' ? '128Mi' : '512Mi',
        }),
      );
      workspace = path.join(tmp, templateName);
      await writeWorkspace(result, workspace);
    });

    it('is a valid template with a version', async () => {
      expect(await templateEntityV1beta3Validator.check(template)).toBe(true);
      expect(
        template.metadata.annotations?.[
          GOLDEN_PATH_ANNOTATIONS.templateVersion
        ],
      ).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it('runs every step', () => {
      if (result.status !== 200)
        console.log(JSON.stringify(result.body, null, 1).slice(0, 3000));
      expect({ status: result.status, error: result.body.error }).toEqual({
        status: 200,
        error: undefined,
      });
      const log = stepLog(result);
      expect(log).toContain(`Wrote score.yaml (workload ${name})`);
      expect(log).toMatch(/Dry run: would create the git repository/);
    });

    it('writes a valid Score file', async () => {
      const text = await fs.readFile(
        path.join(workspace, 'score.yaml'),
        'utf8',
      );
      const check = checkScoreText('score.yaml', text);
      expect(check.errors).toEqual([]);
      expect(check.workloads.map(w => w.workload.metadata.name)).toEqual([
        name,
      ]);
    });

    it('writes a valid Component with the drift annotations', async () => {
      const docs = YAML.parseAllDocuments(
        await fs.readFile(path.join(workspace, 'catalog-info.yaml'), 'utf8'),
      ).map(d => d.toJS() as Entity);
      expect(docs).toHaveLength(1);
      const entity = docs[0];
      await expect(entityPolicy.enforce(entity)).resolves.toBeDefined();
      expect(await componentEntityV1alpha1Validator.check(entity)).toBe(true);
      expect(entity.metadata.name).toBe(name);
      expect(entity.spec).toMatchObject({
        owner: 'group:default/team-a',
        system: 'system:default/shop',
        lifecycle: 'experimental',
      });
      const version =
        template.metadata.annotations![GOLDEN_PATH_ANNOTATIONS.templateVersion];
      expect(entity.metadata.annotations).toEqual(
        expect.objectContaining({
          'paved.dev/score-file': './score.yaml',
          [GOLDEN_PATH_ANNOTATIONS.template]: `${template.metadata.name}@${version}`,
          [GOLDEN_PATH_ANNOTATIONS.overrides]:
            'containers.main.resources.limits.memory',
        }),
      );
      expect(entity.metadata.description).toBe(
        `The "${name}" golden-path test`,
      );
    });

    it('has a README, a Dockerfile and a CI workflow that reports deployments', async () => {
      const readme = await fs.readFile(
        path.join(workspace, 'README.md'),
        'utf8',
      );
      expect(readme).toContain(`# ${name}`);
      expect(readme).toMatch(/What the golden path fixes, and what is yours/);
      await expect(
        fs.stat(path.join(workspace, 'Dockerfile')),
      ).resolves.toBeTruthy();
      const ci = await fs.readFile(
        path.join(workspace, '.github/workflows/ci.yaml'),
        'utf8',
      );
      const workflow = YAML.parse(ci);
      expect(Object.keys(workflow.jobs)).toEqual(['test', 'image', 'deploy']);
      expect(workflow.env.ENTITY_REF).toBe(`component:default/${name}`);
      expect(ci).toContain('/api/paved/v1/deployments');
      // GitHub's own expressions survive the scaffolder's templating.
      expect(ci).toContain('${{ github.sha }}');
    });

    (runsProject(templateName) ? describe : describe.skip)('own tests', () => {
      it("passes the generated project's own tests", async () => {
        const env = {
          ...process.env,
          // Nothing is cached outside the temporary directory.
          npm_config_cache: path.join(tmp, 'npm-cache'),
          npm_config_update_notifier: 'false',
          npm_config_fund: 'false',
          npm_config_audit: 'false',
          DATABASE_URL: pg ? `${pg.replace(/\/$/, '')}/postgres` : '',
          NODE_ENV: 'test',
        };
        const install = await run('npm', ['install'], { cwd: workspace, env });
        expect({
          step: 'npm install',
          code: install.code,
          output: install.code ? install.output : '',
        }).toEqual({ step: 'npm install', code: 0, output: '' });
        const test = await run('npm', ['test'], { cwd: workspace, env });
        expect({
          step: 'npm test',
          code: test.code,
          output: test.code ? test.output : '',
        }).toEqual({ step: 'npm test', code: 0, output: '' });
        // Tests ran (node:test prints "pass N", Vitest "N passed").
        expect(test.output).toMatch(/pass [1-9]|[1-9]\d* passed/);
        // With a database every test of the service runs, the PostgreSQL
        // ones included.
        const mustRunAll = templateName === 'typescript-service' && !!pg;
        expect({
          skippedTests: mustRunAll && !/skipped 0/.test(test.output),
        }).toEqual({ skippedTests: false });
      }, 300_000);
    });
  });

  describe('deploying through an orchestrator', () => {
    it('creates the application, deploys to development and links the component', async () => {
      const name = 'gp-orchestrated';
      const result = await scaffolder.dryRun(
        'typescript-service',
        values(name, { orchestrator: 'humanitec' }),
      );
      expect(result.status).toBe(200);
      const log = stepLog(result);
      expect(log).toContain(
        `Dry run: would create project ${name} with environments development, production through provider humanitec`,
      );
      expect(log).toContain(
        `would deploy ${name} to ${name}/development through humanitec`,
      );
      const workspace = path.join(tmp, 'orchestrated');
      await writeWorkspace(result, workspace);
      const [component] = YAML.parseAllDocuments(
        await fs.readFile(path.join(workspace, 'catalog-info.yaml'), 'utf8'),
      ).map(d => d.toJS() as Entity);
      expect(
        component.metadata.annotations?.['paved.dev/orchestrator-project'],
      ).toBe(name);
    });

    it('takes any registered provider, with no provider list in the templates', async () => {
      // A site that adds a provider module (here the example one) chooses
      // it in the unchanged template.
      const name = 'gp-other-provider';
      const result = await scaffolder.dryRun(
        'typescript-service',
        values(name, { orchestrator: 'example' }),
      );
      expect(result.status).toBe(200);
      expect(stepLog(result)).toContain(
        `Dry run: would create project ${name} with environments development, production through provider example`,
      );
      for (const template of TEMPLATES) {
        const doc: any = await loadTemplate(template);
        const field = doc.spec.parameters
          .map((p: any) => p.properties?.orchestrator)
          .find(Boolean);
        expect({ template, field }).toEqual({
          template,
          field: expect.objectContaining({
            'ui:field': 'PavedOrchestratorProviderPicker',
            default: 'none',
          }),
        });
        expect(field.enum).toBeUndefined();
      }
    });

    it('refuses a provider id that is not an id, naming the field', async () => {
      const result = await scaffolder.dryRun(
        'typescript-service',
        values('gp-bad-provider', { orchestrator: 'Humanitec Orchestrator' }),
      );
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body.errors)).toContain('orchestrator');
    });

    it('skips both steps and the annotation when no orchestrator is chosen', async () => {
      const result = await scaffolder.dryRun(
        'typescript-service',
        values('gp-not-orchestrated'),
      );
      expect(stepLog(result)).not.toContain('would create project');
      const workspace = path.join(tmp, 'not-orchestrated');
      await writeWorkspace(result, workspace);
      expect(
        await fs.readFile(path.join(workspace, 'catalog-info.yaml'), 'utf8'),
      ).not.toContain('paved.dev/orchestrator-project');
    });
  });

  describe('bad parameters fail early with a message that says what to fix', () => {
    it('refuses an invalid name before any step runs', async () => {
      const result = await scaffolder.dryRun(
        'typescript-service',
        values('Bad_Name'),
      );
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body.errors)).toContain('name');
      expect(JSON.stringify(result.body.errors)).toContain('pattern');
    });

    it('refuses a missing owner before any step runs', async () => {
      const { owner, ...rest } = values('no-owner');
      const result = await scaffolder.dryRun('web-frontend', rest);
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body.errors)).toContain('owner');
    });

    it('stops at the first step when the name is taken', async () => {
      const result = await scaffolder.dryRun(
        'queue-worker',
        values('existing-service'),
      );
      expect(result.status).not.toBe(200);
      const text = JSON.stringify(result.body);
      expect(text).toContain(
        'Component \\"existing-service\\" already exists in the catalog',
      );
      expect(text).toContain('pick another name');
      expect(text).not.toContain('Fetch the skeleton');
    });
  });
});

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
import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ExampleOrchestratorProvider } from '@paved/plugin-paved-backend-module-example-provider';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { readPreviewsConfig } from './config';
import { PreviewReconciler } from './PreviewReconciler';
import { PreviewStore } from './PreviewStore';
import { ConfigReader } from '@backstage/config';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
jest.setTimeout(60_000);

const SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'github.com/project-slug': 'acme/checkout',
      'paved.dev/score-file':
        'https://github.com/acme/checkout/blob/main/score.yaml',
      'paved.dev/orchestrator-project': 'checkout',
    },
  },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
};
const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: checkout
containers:
  main:
    image: ghcr.io/acme/checkout:1
`;

async function setup(
  databaseId: any,
  config: object = {},
  retryDelayMs = 0,
  entities: object[] = [checkout],
) {
  const knex: Knex = await databases.init(databaseId);
  await applyDatabaseMigrations(
    { getClient: async () => knex } as unknown as DatabaseService,
    knex,
  );
  const provider = new ExampleOrchestratorProvider();
  const readUrls: string[] = [];
  const store = new PreviewStore(knex);
  const reconciler = new PreviewReconciler({
    store,
    deployments: new DeploymentStore(knex),
    providers: () => [provider],
    catalog: catalogServiceMock({ entities: entities as any }),
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock({
      readUrl: async (url: string) => {
        readUrls.push(url);
        return { buffer: async () => Buffer.from(SCORE) } as any;
      },
    }),
    logger: mockServices.logger.mock(),
    config: readPreviewsConfig(
      new ConfigReader({ paved: { previews: config } }),
    ),
    retryDelayMs,
  });
  const open = (number: number, at = '2026-12-01T09:00:00Z') =>
    PreviewStore.recordRequest(knex, {
      scm: 'github',
      repository: 'acme/checkout',
      number,
      headSha: SHA,
      desired: 'active',
      updatedAt: new Date(at),
    });
  return { knex, provider, store, reconciler, open, readUrls };
}

describe('PreviewReconciler', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reads the Score file at the head commit', async () => {
      const { reconciler, open, readUrls } = await setup(databaseId);
      await open(3);
      await reconciler.run();
      expect(readUrls).toEqual([
        `https://github.com/acme/checkout/blob/${SHA}/score.yaml`,
      ]);
    });

    it('deploys the current Score file of a file location, and no file outside it', async () => {
      // The development portal's examples: file locations have no commits.
      const dir = await mkdtemp(join(tmpdir(), 'paved-preview-'));
      await writeFile(
        join(dir, 'score.yaml'),
        SCORE.replace('checkout:1', 'checkout:local'),
      );
      const local = (scoreFile: string) => ({
        ...checkout,
        metadata: {
          ...checkout.metadata,
          annotations: {
            ...checkout.metadata.annotations,
            'backstage.io/managed-by-location': `file:${join(
              dir,
              'catalog-info.yaml',
            )}`,
            'paved.dev/score-file': scoreFile,
          },
        },
      });
      const inside = await setup(databaseId, {}, 0, [
        local(join(dir, 'score.yaml')),
      ]);
      await inside.open(5);
      await inside.reconciler.run();
      const [row] = await inside.knex('paved_previews');
      expect(row).toMatchObject({ state: 'active', environment_id: 'pr-5' });
      expect(inside.readUrls).toEqual([]);
      expect(
        inside.provider.workloadOf(row.deployment_id)?.containers.main.image,
      ).toBe('ghcr.io/acme/checkout:local');

      const outside = await setup(databaseId, {}, 0, [
        local(join(dir, '..', 'elsewhere', 'score.yaml')),
      ]);
      await outside.open(6);
      await outside.reconciler.run();
      const [skipped] = await outside.knex('paved_previews');
      expect(skipped).toMatchObject({ state: 'skipped' });
      expect(skipped.reason).toContain('Cannot tell the commit');
      expect(outside.readUrls).toEqual([]);
    });

    it('retries a failed step with backoff and marks the preview failed after the last attempt', async () => {
      const { knex, provider, reconciler, open } = await setup(
        databaseId,
        { maxAttempts: 2 },
        60_000,
      );
      const later = () =>
        knex('paved_previews').update({
          next_attempt_at: new Date(Date.now() - 1000),
        });
      const create = jest
        .spyOn(provider, 'createEnvironment')
        .mockRejectedValueOnce(new Error('orchestrator unavailable'));
      await open(4);
      await reconciler.run();
      let [row] = await knex('paved_previews');
      expect(row).toMatchObject({
        state: 'pending',
        attempts: 1,
        reason: 'Attempt 1 failed, retrying: orchestrator unavailable',
      });
      // Backing off: not due yet.
      expect(await reconciler.run()).toBe(0);
      await later();
      await reconciler.run();
      [row] = await knex('paved_previews');
      expect(row).toMatchObject({ state: 'active', attempts: 0, reason: null });
      expect(create).toHaveBeenCalledTimes(2);

      // Every attempt fails: after maxAttempts the preview is failed, with the reason.
      create.mockRejectedValue(new Error('quota exceeded'));
      await PreviewStore.recordRequest(knex, {
        scm: 'github',
        repository: 'acme/checkout',
        number: 5,
        headSha: SHA,
        desired: 'active',
        updatedAt: new Date('2026-12-01T09:00:00Z'),
      });
      await reconciler.run();
      await later();
      await reconciler.run();
      const failed = await knex('paved_previews').where({ number: 5 }).first();
      expect(failed).toMatchObject({
        state: 'failed',
        attempts: 2,
        reason: 'Failed after 2 attempts: quota exceeded',
      });
      // Failed is settled: no more attempts until the pull request changes.
      await reconciler.run();
      expect(create).toHaveBeenCalledTimes(4);
    });

    it('removes previews idle for longer than the TTL and keeps fresh ones', async () => {
      const { knex, provider, store, reconciler, open } = await setup(
        databaseId,
      );
      await open(1);
      await open(2);
      await reconciler.run();
      expect((await provider.listEnvironments('checkout')).length).toBe(2);
      // Preview 1 saw its last push four days ago.
      await knex('paved_previews')
        .where({ number: 1 })
        .update({ last_activity_at: new Date(Date.now() - 4 * 86400_000) });

      const expired = await store.expireIdle(
        new Date(Date.now() - 3 * 86400_000),
        'Removed after 72 h without a push',
      );
      expect(expired).toBe(1);
      await reconciler.run();
      expect(
        (await provider.listEnvironments('checkout')).map(e => e.id),
      ).toEqual(['pr-2']);
      const rows = await knex('paved_previews').orderBy('number');
      expect(rows.map(r => [r.number, r.desired, r.state, r.reason])).toEqual([
        [1, 'closed', 'deleted', 'Removed after 72 h without a push'],
        [2, 'active', 'active', null],
      ]);

      // A push brings the expired preview back.
      await PreviewStore.recordRequest(knex, {
        scm: 'github',
        repository: 'acme/checkout',
        number: 1,
        headSha: 'c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c',
        desired: 'active',
        updatedAt: new Date('2026-12-05T09:00:00Z'),
      });
      await reconciler.run();
      expect(
        (await provider.listEnvironments('checkout')).map(e => e.id).sort(),
      ).toEqual(['pr-1', 'pr-2']);
    });

    it('lets one of two replicas claim a preview at a time', async () => {
      const { store, open } = await setup(databaseId);
      await open(8);
      const [a, b] = await Promise.all([
        store.claimDue({ owner: 'a', leaseMs: 60_000, limit: 10 }),
        store.claimDue({ owner: 'b', leaseMs: 60_000, limit: 10 }),
      ]);
      expect(a.length + b.length).toBe(1);
    });

    it('refuses an environment type that counts as production', async () => {
      const { knex, open, reconciler, provider } = await setup(databaseId, {
        environmentType: 'production',
      });
      await open(9);
      await reconciler.run();
      expect(await knex('paved_previews').first()).toMatchObject({
        state: 'refused',
        reason:
          "Environment type 'production' counts as production at example; set paved.previews.environmentType to a non-production type",
      });
      expect(await provider.listDeployments({})).toEqual([]);
    });
  });
});

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
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrate } from '../../dora/__testUtils__/fixtureLedger';
import {
  githubDeployment,
  githubPush,
  gitlabPush,
  sha,
} from '../../dora/__testUtils__/scmPayloads';
import { WebhookDeliveryStore } from '../WebhookDeliveryStore';
import { WebhookProcessor } from './WebhookProcessor';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe('WebhookProcessor batches', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let db: Knex;
    beforeEach(async () => {
      db = await migrate(await databases.init(databaseId));
    });

    const accept = (
      inbox: WebhookDeliveryStore,
      deliveries: Array<[string, string, string, object]>,
    ) =>
      inbox.acceptMany(
        deliveries.map(([source, deliveryId, event, body]) => ({
          source,
          deliveryId,
          event,
          payload: JSON.stringify(body),
        })),
      );

    it('writes a batch of pushes at once, the same push once', async () => {
      const inbox = new WebhookDeliveryStore(db);
      const push = githubPush({
        repo: 'acme/batch',
        before: sha('root'),
        commits: [
          { name: 'b1', at: '2026-09-01T08:00:00Z' },
          { name: 'b2', at: '2026-09-01T09:00:00Z' },
        ],
      });
      // The same push from a repository and an organisation webhook.
      await accept(inbox, [
        ['github', 'repo-hook-1', 'push', push],
        ['github', 'org-hook-1', 'push', push],
        [
          'gitlab',
          'gl-1',
          'Push Hook',
          gitlabPush({
            project: 'acme/batch',
            projectId: 7,
            before: sha('root'),
            commits: [{ name: 'g1', at: '2026-09-01T10:00:00Z' }],
            total: 1,
          }),
        ],
      ]);
      const processor = new WebhookProcessor({
        db,
        logger: mockServices.logger.mock(),
        webhookOptions: { incidentLabels: [] },
      });
      expect(await processor.drain()).toBe(3);
      expect(await inbox.counts()).toEqual({ processed: 3 });
      expect(
        (await db('paved_pushes').select('subject')).map(r => r.subject).sort(),
      ).toEqual([
        'github.com/project-slug=acme/batch',
        'gitlab.com/project-slug=acme/batch',
      ]);
      expect(
        await db('paved_push_commits as c')
          .join('paved_pushes as p', 'p.id', 'c.push_id')
          .where('p.subject', 'github.com/project-slug=acme/batch')
          .orderBy('c.position')
          .select('c.position', 'c.sha'),
      ).toEqual([
        { position: 0, sha: sha('b1') },
        { position: 1, sha: sha('b2') },
      ]);
    });

    it('processes a batch with a bad delivery one by one, losing no good one', async () => {
      const inbox = new WebhookDeliveryStore(db);
      const broken = githubDeployment({
        repo: 'acme/batch',
        id: 9,
        commit: 'b2',
        run: 'https://github.com/acme/batch/actions/runs/9',
        createdAt: '2026-09-01T09:55:00Z',
        status: { state: 'success', at: '2026-09-01T10:00:00Z' },
      });
      delete broken.deployment.sha;
      await accept(inbox, [
        [
          'github',
          'good-1',
          'push',
          githubPush({
            repo: 'acme/batch',
            before: sha('root'),
            commits: [{ name: 'b1', at: '2026-09-01T08:00:00Z' }],
          }),
        ],
        ['github', 'bad-1', 'deployment_status', broken],
        [
          'github',
          'good-2',
          'push',
          githubPush({
            repo: 'acme/batch',
            before: sha('b1'),
            commits: [{ name: 'b2', at: '2026-09-01T09:00:00Z' }],
          }),
        ],
      ]);
      const logger = mockServices.logger.mock();
      const processor = new WebhookProcessor({
        db,
        logger,
        webhookOptions: { incidentLabels: [] },
      });
      expect(await processor.drain()).toBe(3);
      expect(
        await db('paved_webhook_deliveries')
          .orderBy('delivery_id')
          .select('delivery_id', 'status', 'result'),
      ).toEqual([
        {
          delivery_id: 'bad-1',
          status: 'failed',
          result: 'Payload has no deployment.sha',
        },
        { delivery_id: 'good-1', status: 'processed', result: null },
        { delivery_id: 'good-2', status: 'processed', result: null },
      ]);
      expect(await db('paved_push_commits').pluck('sha')).toEqual(
        expect.arrayContaining([sha('b1'), sha('b2')]),
      );
      expect(logger.warn).toHaveBeenCalledTimes(1);
    });
  });
});

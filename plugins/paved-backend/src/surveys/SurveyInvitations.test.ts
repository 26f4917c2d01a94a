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
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database';
import { RecordingNotifications } from '../report/__testUtils__/RecordingNotifications';
import { SurveyInvitations } from './SurveyInvitations';
import { SurveyStateStore } from './SurveyStateStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const survey = (name: string, spec: object): Entity => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Survey',
  metadata: { name, namespace: 'default', title: `Survey ${name}` },
  spec: {
    question: 'How likely are you to recommend checkout to a colleague?',
    subject: 'component:default/checkout',
    period: 'monthly',
    status: 'open',
    audience: { type: 'groups', groups: ['group:default/team-a'] },
    minimumAnswers: 3,
    ...spec,
  },
});

const user = (name: string, group: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [group] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});

const ENTITIES = [
  survey('checkout-nps', {}),
  survey('closed-nps', { status: 'closed' }),
  user('alice', 'team-a'),
  user('ann', 'team-a'),
  user('bob', 'team-b'),
];

describe('SurveyInvitations', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let db: Knex;
    beforeEach(async () => {
      db = await databases.init(databaseId);
      await applyDatabaseMigrations(
        { getClient: async () => db } as unknown as DatabaseService,
        db,
      );
    });

    const invitations = (
      notifications: RecordingNotifications,
      now: string,
      entities: Entity[] = ENTITIES,
    ) =>
      new SurveyInvitations({
        db,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        notifications,
        states: new SurveyStateStore(db),
        logger: mockServices.logger.mock(),
        now: () => new Date(now),
      });

    it("invites an open survey's audience once per period", async () => {
      const notifications = new RecordingNotifications();
      expect(
        await invitations(notifications, '2026-11-03T09:00:00Z').run(),
      ).toEqual(['survey:default/checkout-nps@2026-11']);
      expect(notifications.sent).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: ['user:default/alice', 'user:default/ann'],
          },
          payload: expect.objectContaining({
            title: 'Survey: Survey checkout-nps',
            link: '/catalog/default/component/checkout/platform',
            topic: 'paved-survey',
          }),
        },
      ]);
      // Later in the same period, and after a restart: nothing more.
      expect(
        await invitations(notifications, '2026-11-20T09:00:00Z').run(),
      ).toEqual([]);
      expect(notifications.sent).toHaveLength(1);
      // The next period opens: one more invitation.
      expect(
        await invitations(notifications, '2026-12-01T00:10:00Z').run(),
      ).toEqual(['survey:default/checkout-nps@2026-12']);
      expect(notifications.sent).toHaveLength(2);
    });

    it('sends once when two backends on one database run at the same time', async () => {
      const first = new RecordingNotifications();
      const second = new RecordingNotifications();
      await Promise.all([
        invitations(first, '2026-11-03T09:00:00Z').run(),
        invitations(second, '2026-11-03T09:00:00Z').run(),
      ]);
      expect(first.sent.length + second.sent.length).toBe(1);
      expect(
        await db('paved_survey_invitations').select(
          'survey_ref',
          'period',
          'recipients',
        ),
      ).toEqual([
        {
          survey_ref: 'survey:default/checkout-nps',
          period: '2026-11',
          recipients: 2,
        },
      ]);
    });

    it('follows the open/closed override and retries after a failed send', async () => {
      const states = new SurveyStateStore(db);
      await states.set(
        'survey:default/checkout-nps',
        false,
        'user:default/admin',
        new Date('2026-11-01T00:00:00Z'),
      );
      const notifications = new RecordingNotifications();
      expect(
        await invitations(notifications, '2026-11-03T09:00:00Z').run(),
      ).toEqual([]);
      await states.set(
        'survey:default/checkout-nps',
        true,
        'user:default/admin',
        new Date('2026-11-04T00:00:00Z'),
      );
      notifications.failNext = true;
      expect(
        await invitations(notifications, '2026-11-04T09:00:00Z').run(),
      ).toEqual([]);
      expect(await db('paved_survey_invitations')).toEqual([]);
      expect(
        await invitations(notifications, '2026-11-04T10:00:00Z').run(),
      ).toEqual(['survey:default/checkout-nps@2026-11']);
      expect(notifications.sent).toHaveLength(1);
    });
  });
});

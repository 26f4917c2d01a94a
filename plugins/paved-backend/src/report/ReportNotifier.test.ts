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
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database';
import { RecordingNotifications } from './__testUtils__/RecordingNotifications';
import { readReportConfig } from './config';
import { ConfigReader } from '@backstage/config';
import { ReportNotifier } from './ReportNotifier';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const RECIPIENTS = ['group:default/leadership', 'user:default/cto'];

describe('ReportNotifier', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let db: Knex;
    beforeEach(async () => {
      db = await databases.init(databaseId);
      await applyDatabaseMigrations(
        { getClient: async () => db } as unknown as DatabaseService,
        db,
      );
    });

    const notifier = (
      notifications: RecordingNotifications,
      now: string,
      timeZone = 'UTC',
    ) =>
      new ReportNotifier({
        db,
        notifications,
        logger: mockServices.logger.mock(),
        recipients: RECIPIENTS,
        timeZone,
        now: () => new Date(now),
      });

    it('sends last month once, with the link, to the configured recipients', async () => {
      const notifications = new RecordingNotifications();
      expect(await notifier(notifications, '2026-12-02T06:00:00Z').run()).toBe(
        '2026-11',
      );
      expect(notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: RECIPIENTS },
          payload: expect.objectContaining({
            title: 'Platform report for November 2026',
            link: '/paved/report?month=2026-11',
            topic: 'paved-report',
          }),
        },
      ]);
      // A second run in the same month, or after a restart, sends nothing.
      expect(
        await notifier(notifications, '2026-12-02T07:00:00Z').run(),
      ).toBeUndefined();
      expect(
        await notifier(
          new RecordingNotifications(),
          '2026-12-05T07:00:00Z',
        ).run(),
      ).toBeUndefined();
      expect(notifications.sent).toHaveLength(1);
      expect(
        await db('paved_report_notifications').select('month', 'recipients'),
      ).toEqual([{ month: '2026-11', recipients: 2 }]);
    });

    it('sends once when two backends on one database run at the same time', async () => {
      const first = new RecordingNotifications();
      const second = new RecordingNotifications();
      const results = await Promise.all([
        notifier(first, '2026-12-01T09:00:00Z').run(),
        notifier(second, '2026-12-01T09:00:00Z').run(),
      ]);
      expect(results.filter(Boolean)).toEqual(['2026-11']);
      expect(first.sent.length + second.sent.length).toBe(1);
    });

    it('waits for the month to end in the configured time zone, and only sends in the first days', async () => {
      const notifications = new RecordingNotifications();
      // 23:30 UTC on 30 November is already 1 December in Berlin.
      expect(
        await notifier(notifications, '2026-11-30T23:30:00Z', 'UTC').run(),
      ).toBeUndefined();
      expect(
        await notifier(
          notifications,
          '2026-11-30T23:30:00Z',
          'Europe/Berlin',
        ).run(),
      ).toBe('2026-11');
      // Later in the month the notification is no longer due.
      expect(
        await notifier(notifications, '2027-01-20T09:00:00Z').run(),
      ).toBeUndefined();
      expect(notifications.sent.map(n => n.payload.link)).toEqual([
        '/paved/report?month=2026-11',
      ]);
    });

    it('tries again on the next run when sending failed', async () => {
      const notifications = new RecordingNotifications();
      notifications.failNext = true;
      await expect(
        notifier(notifications, '2026-12-01T09:00:00Z').run(),
      ).rejects.toThrow('notifications backend unavailable');
      expect(await db('paved_report_notifications')).toEqual([]);
      expect(await notifier(notifications, '2026-12-01T10:00:00Z').run()).toBe(
        '2026-11',
      );
      expect(notifications.sent).toHaveLength(1);
    });

    it('sends nothing without recipients', async () => {
      const notifications = new RecordingNotifications();
      const none = new ReportNotifier({
        db,
        notifications,
        logger: mockServices.logger.mock(),
        recipients: [],
        timeZone: 'UTC',
        now: () => new Date('2026-12-01T09:00:00Z'),
      });
      expect(await none.run()).toBeUndefined();
      expect(await db('paved_report_notifications')).toEqual([]);
    });
  });
});

describe('readReportConfig', () => {
  it('reads recipients as group or user refs and refuses others naming the key', () => {
    expect(
      readReportConfig(
        new ConfigReader({
          paved: { report: { recipients: ['leadership', 'user:cto'] } },
        }),
      ).recipients,
    ).toEqual(['group:default/leadership', 'user:default/cto']);
    expect(() =>
      readReportConfig(
        new ConfigReader({
          paved: { report: { recipients: ['group:a', 'component:x'] } },
        }),
      ),
    ).toThrow(/paved\.report\.recipients\[1\] 'component:x'/);
  });
});

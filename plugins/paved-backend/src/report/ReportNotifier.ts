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
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  previousReportMonth,
  reportMonthTitle,
  reportPagePath,
} from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import { DateTime } from 'luxon';

/** Notification topic of the monthly report (opt out per topic). */
export const REPORT_NOTIFICATION_TOPIC = 'paved-report';

/** The notification goes out within this many days after a month ends. */
export const REPORT_NOTIFICATION_DAYS = 7;

const TABLE = 'paved_report_notifications';

/**
 * Sends the monthly platform report notification: once the month has
 * ended, one notification per month to the configured recipients, with
 * the link to the month's report page. The month is recorded before
 * sending (its primary key decides between replicas), so restarts and
 * concurrent runs send it once; a failed send removes the record so the
 * next run tries again.
 */
export class ReportNotifier {
  constructor(
    private readonly options: {
      db: Knex;
      notifications: NotificationService;
      logger: LoggerService;
      recipients: string[];
      /** paved.dora.timeZone: the month ends there. */
      timeZone: string;
      now?: () => Date;
    },
  ) {}

  /** Sends the month that just ended, if due; returns the month sent. */
  async run(): Promise<string | undefined> {
    const { db, notifications, logger, recipients, timeZone } = this.options;
    if (!recipients.length) return undefined;
    const now = DateTime.fromJSDate(this.options.now?.() ?? new Date(), {
      zone: timeZone,
    });
    if (now.day > REPORT_NOTIFICATION_DAYS) return undefined;
    const month = previousReportMonth(now.toFormat('yyyy-MM'));
    if (!(await this.#claim(month, recipients.length, now.toJSDate()))) {
      return undefined;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: `Platform report for ${reportMonthTitle(month)}`,
          description: `The monthly platform report for ${reportMonthTitle(
            month,
          )} is ready: DORA per team, NPS, adoption, scores, SLOs, roadmap and top-voted requests, computed with your permissions.`,
          link: reportPagePath(month),
          topic: REPORT_NOTIFICATION_TOPIC,
          severity: 'normal',
          scope: `paved-report:${month}`,
        },
      });
    } catch (error) {
      await db(TABLE).where({ month }).delete();
      throw error;
    }
    logger.info(
      `Sent the platform report notification for ${month} to ${recipients.length} recipient(s)`,
    );
    return month;
  }

  /** Records the month; false when another run already did. */
  async #claim(month: string, recipients: number, now: Date) {
    const inserted: Array<{ month: string }> = await this.options
      .db(TABLE)
      .insert({ month, recipients, sent_at: now })
      .onConflict('month')
      .ignore()
      .returning('month');
    return inserted.length > 0;
  }
}

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
import { AdoptionEngine } from '../adoption/AdoptionEngine';
import { readDoraConfig } from '../dora/config';
import { DoraService } from '../dora/DoraService';
import { FeatureEnv, PavedFeature } from '../feature';
import { SloService } from '../slos/SloService';
import { SurveyService } from '../surveys/SurveyService';
import { readReportConfig } from './config';
import { ReportExtras } from './extras';
import { ReportNotifier } from './ReportNotifier';
import { ReportService } from './ReportService';
import { registerReportActions } from './actions';
import { registerReportRoutes } from './routes';

/** The scheduler task id of the monthly report notification. */
export const REPORT_NOTIFICATION_TASK_ID = 'paved-report-notification';

/**
 * The monthly platform report: `GET /v1/report` over the services behind
 * the cards, and the scheduled notification with its link to
 * `paved.report.recipients`.
 */
export async function createReportFeature(
  env: FeatureEnv,
  services: {
    dora: DoraService;
    surveys: SurveyService;
    engine: AdoptionEngine;
    slos: SloService;
    extras?: ReportExtras;
  },
): Promise<PavedFeature & { reports: ReportService }> {
  const { timeZone } = readDoraConfig(env.config);
  const config = readReportConfig(env.config);
  const reports = new ReportService({
    ...services,
    catalog: env.catalog,
    auth: env.auth,
    permissions: env.permissions,
    timeZone,
  });
  const notifier = new ReportNotifier({
    db: env.db,
    notifications: env.notifications,
    logger: env.logger.child({ task: REPORT_NOTIFICATION_TASK_ID }),
    recipients: config.recipients,
    timeZone,
  });
  await env.scheduler.scheduleTask({
    id: REPORT_NOTIFICATION_TASK_ID,
    ...config.schedule,
    fn: async () => {
      await notifier.run();
    },
  });
  const portalUrl = env.config.getOptionalString('app.baseUrl');
  return {
    reports,
    registerRoutes: router =>
      registerReportRoutes(router, reports, { portalUrl }),
    registerActions: actions => registerReportActions(actions, reports),
  };
}

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
import { reportReadPermission } from '@paved/plugin-paved-common';
import {
  renderReportHtml,
  renderReportMarkdown,
} from '@paved/plugin-paved-common';
import express from 'express';
import { GuardedRouter } from '../http/routeGuard';
import { ReportService } from './ReportService';

/** What reading the report asks, for the route and the action. */
export const REPORT_READ_RULE = {
  permission: reportReadPermission,
  auditEventId: 'report-read',
  deniedMessage: 'Not allowed to read the platform report',
};

/**
 * Adds `GET /v1/report`: the month's report as JSON, Markdown or a
 * printable HTML page, computed with the caller's credentials (each
 * section asks its own card's permission).
 */
export function registerReportRoutes(
  router: GuardedRouter,
  reports: ReportService,
  options: { portalUrl?: string },
) {
  router.get(
    '/v1/report',
    {
      ...REPORT_READ_RULE,
      auditMeta: req => ({
        month: String(req.query.month ?? ''),
        format: req.query.format ?? 'json',
      }),
    },
    async (req, res, { credentials }) => {
      const report = await reports.build(req.query.month, credentials);
      const render = { portalUrl: options.portalUrl };
      switch (req.query.format) {
        case 'md':
          // The typed response is the JSON one; text goes out as it is.
          (res as express.Response)
            .type('text/markdown; charset=utf-8')
            .send(renderReportMarkdown(report, render));
          return;
        case 'html':
          (res as express.Response)
            .type('text/html; charset=utf-8')
            .send(renderReportHtml(report, render));
          return;
        default:
          res.json(report);
      }
    },
  );
}

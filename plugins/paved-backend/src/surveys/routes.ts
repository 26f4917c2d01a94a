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
import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import {
  surveyAnswerPermission,
  surveyManagePermission,
  surveyResultsReadPermission,
} from '@paved/plugin-paved-common';
import { spec } from '../schema/openapi.generated';
import { createAuthorizer } from '../http/authorize';
import { surveyResultsCsv } from './csv';
import { SurveyService } from './SurveyService';

/**
 * Adds the `/v1/surveys...` routes. Answering needs a user credential (a
 * person answers, not a service); reading accepts users and services. Every
 * route asks the permission framework.
 */
export function registerSurveyRoutes(
  router: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    surveys: SurveyService;
  },
) {
  const { httpAuth, permissions, auditor, surveys } = options;

  const authorize = createAuthorizer(permissions);

  router.get('/v1/surveys', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      surveyAnswerPermission,
      'Not allowed to list surveys',
    );
    res.json({ items: await surveys.list(credentials) });
  });

  router.post('/v1/surveys/:namespace/:name/answers', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(
      credentials,
      surveyAnswerPermission,
      'Not allowed to answer surveys',
    );
    const { namespace, name } = req.params;
    // Anonymity wins over auditing detail: the event names the survey and
    // the period, never the respondent (no request, so no actor) nor the
    // score or comment.
    const event = await auditor.createEvent({
      eventId: 'survey-answer',
      severityLevel: 'low',
      meta: { survey: `survey:${namespace}/${name}` },
    });
    try {
      const receipt = await surveys.answer(namespace, name, credentials, {
        score: req.body.score,
        comment: req.body.comment,
      });
      await event.success({ meta: { period: receipt.period } });
      res.json(receipt);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/v1/surveys/:namespace/:name/results', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      surveyResultsReadPermission,
      'Not allowed to read survey results',
    );
    const { namespace, name } = req.params;
    res.json(await surveys.results(namespace, name, credentials));
  });

  router.get('/v1/surveys/:namespace/:name/results/csv', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      surveyResultsReadPermission,
      'Not allowed to export survey results',
    );
    const { namespace, name } = req.params;
    const event = await auditor.createEvent({
      eventId: 'survey-results-export',
      request: req,
      meta: { survey: `survey:${namespace}/${name}` },
    });
    try {
      const results = await surveys.results(namespace, name, credentials);
      await event.success();
      res
        .type('text/csv; charset=utf-8')
        .attachment(`${namespace}-${name}-results.csv`)
        .send(surveyResultsCsv([results]));
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.put('/v1/surveys/:namespace/:name/state', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      surveyManagePermission,
      'Not allowed to open or close surveys',
    );
    const { namespace, name } = req.params;
    const event = await auditor.createEvent({
      eventId: 'survey-state',
      severityLevel: 'medium',
      request: req,
      meta: { survey: `survey:${namespace}/${name}`, open: req.body.open },
    });
    try {
      const summary = await surveys.setOpen(
        namespace,
        name,
        req.body.open,
        credentials,
      );
      await event.success();
      res.json(summary);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/v1/survey-results', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      surveyResultsReadPermission,
      'Not allowed to read survey results',
    );
    const subject = String(req.query.subject);
    res.json({ items: await surveys.resultsBySubject(subject, credentials) });
  });
}

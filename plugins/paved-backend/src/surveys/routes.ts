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
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  surveyAnswerPermission,
  surveyManagePermission,
  surveyResultsReadPermission,
} from '@paved/plugin-paved-common';
import { VisibleEntities } from '../http/EntityAccess';
import { GuardedRouter, RouteContext } from '../http/routeGuard';
import { surveyResultsCsv } from './csv';
import { SurveyService } from './SurveyService';

// The surveys a conditional decision covers, as a ref test.
const surveyVisibility = (visible: VisibleEntities) => {
  if (visible.all) return () => true;
  const refs = new Set(visible.entities.map(e => e.ref));
  return (ref: string) => refs.has(ref);
};
const SURVEYS = { kind: 'survey' };

/** What reading results by subject asks, for the route and the action. */
export const SURVEY_RESULTS_LIST_RULE = {
  permission: surveyResultsReadPermission,
  auditEventId: 'survey-results-list',
  deniedMessage: 'Not allowed to read survey results',
};

/**
 * The results of the surveys about a subject that the caller's decision
 * covers, each period under its anonymity threshold.
 */
export async function surveyResultsBySubject(
  surveys: SurveyService,
  subject: string,
  { credentials, visible }: RouteContext,
) {
  return {
    items: await surveys.resultsBySubject(
      subject,
      credentials,
      surveyVisibility(await visible(SURVEYS)),
    ),
  };
}

/**
 * Adds the `/v1/surveys...` routes. Each is decided on the Survey entity it
 * names; the lists cover the surveys the caller's decision allows.
 * Answering needs a user credential (a person answers, not a service);
 * reading accepts users and services.
 */
export function registerSurveyRoutes(
  router: GuardedRouter,
  surveys: SurveyService,
) {
  const surveyRef = (params: { namespace: string; name: string }) => ({
    survey: `survey:${params.namespace}/${params.name}`,
  });
  // The Survey entity each survey route is decided on.
  const surveyEntityRef = (req: {
    params: { namespace: string; name: string };
  }) =>
    stringifyEntityRef({
      kind: 'survey',
      namespace: req.params.namespace,
      name: req.params.name,
    });

  router.get(
    '/v1/surveys',
    {
      permission: surveyAnswerPermission,
      auditEventId: 'survey-list',
      deniedMessage: 'Not allowed to list surveys',
    },
    async (_req, res, { credentials, visible }) => {
      res.json({
        items: await surveys.list(
          credentials,
          surveyVisibility(await visible(SURVEYS)),
        ),
      });
    },
  );

  router.post(
    '/v1/surveys/:namespace/:name/answers',
    {
      permission: surveyAnswerPermission,
      resourceRef: surveyEntityRef,
      auditEventId: 'survey-answer',
      severity: 'low',
      allow: ['user'],
      // The event names the survey and the period, never the respondent
      // nor the score or comment.
      anonymousAudit: true,
      auditMeta: req => surveyRef(req.params),
      deniedMessage: 'Not allowed to answer surveys',
    },
    async (req, res, { credentials }) => {
      const { namespace, name } = req.params;
      // `allow: ['user']` above: the guard let only users through.
      const user = credentials as BackstageCredentials<BackstageUserPrincipal>;
      const receipt = await surveys.answer(namespace, name, user, {
        score: req.body.score,
        comment: req.body.comment,
      });
      res.json(receipt);
      return { period: receipt.period };
    },
  );

  router.get(
    '/v1/surveys/:namespace/:name/results',
    {
      permission: surveyResultsReadPermission,
      resourceRef: surveyEntityRef,
      auditEventId: 'survey-results-read',
      auditMeta: req => surveyRef(req.params),
      deniedMessage: 'Not allowed to read survey results',
    },
    async (req, res, { credentials }) => {
      const { namespace, name } = req.params;
      res.json(await surveys.results(namespace, name, credentials));
    },
  );

  router.get(
    '/v1/surveys/:namespace/:name/results/csv',
    {
      permission: surveyResultsReadPermission,
      resourceRef: surveyEntityRef,
      auditEventId: 'survey-results-export',
      severity: 'medium',
      auditMeta: req => surveyRef(req.params),
      deniedMessage: 'Not allowed to export survey results',
    },
    async (req, res, { credentials }) => {
      const { namespace, name } = req.params;
      const results = await surveys.results(namespace, name, credentials);
      res
        .type('text/csv; charset=utf-8')
        .attachment(`${namespace}-${name}-results.csv`)
        .send(surveyResultsCsv([results]));
    },
  );

  router.put(
    '/v1/surveys/:namespace/:name/state',
    {
      permission: surveyManagePermission,
      resourceRef: surveyEntityRef,
      auditEventId: 'survey-state',
      auditMeta: req => ({ ...surveyRef(req.params), open: req.body.open }),
      deniedMessage: 'Not allowed to open or close surveys',
    },
    async (req, res, { credentials }) => {
      const { namespace, name } = req.params;
      res.json(
        await surveys.setOpen(namespace, name, req.body.open, credentials),
      );
    },
  );

  router.get(
    '/v1/survey-results',
    {
      ...SURVEY_RESULTS_LIST_RULE,
      auditMeta: req => ({ subject: String(req.query.subject) }),
    },
    async (req, res, context) => {
      res.json(
        await surveyResultsBySubject(
          surveys,
          String(req.query.subject),
          context,
        ),
      );
    },
  );
}

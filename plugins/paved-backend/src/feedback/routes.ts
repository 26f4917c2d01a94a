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
  feedbackCommentPermission,
  feedbackReadPermission,
  feedbackSubmitPermission,
  feedbackTriagePermission,
  feedbackVotePermission,
} from '@paved/plugin-paved-common';
import { requestEntityRef } from '../http/EntityAccess';
import { GuardedRouter } from '../http/routeGuard';
import { FeedbackService } from './FeedbackService';

/** What submitting a request asks, for the route and the action. */
export const FEEDBACK_SUBMIT_RULE = {
  permission: feedbackSubmitPermission,
  auditEventId: 'feedback-submit',
  // The submitter is the caller: a person, never a service token.
  allow: ['user' as const],
  deniedMessage: 'Not allowed to submit feedback',
};

/**
 * Adds the `/v1/feedback/...` routes. A request about an entity is decided
 * on that entity, so what the catalog hides stays hidden; lists cover what
 * the caller's decision allows. Writes need a user credential (the
 * submitter, voter or author is the caller); service tokens may read.
 * Triage, merge and from-survey are for admins (`paved.feedback.triage`).
 */
export function registerFeedbackRoutes(
  router: GuardedRouter,
  feedback: FeedbackService,
) {
  const requestEntity = (req: { params: { id: string } }) =>
    feedback.entityOf(req.params.id);
  const requestMeta = (req: { params: { id: string } }) => ({
    request: req.params.id,
  });

  router.get(
    '/v1/feedback/requests',
    {
      permission: feedbackReadPermission,
      resourceRef: req => requestEntityRef(req.query.entity, 'entity'),
      auditEventId: 'feedback-list',
      deniedMessage: 'Not allowed to read feedback',
    },
    async (req, res, { credentials, visible }) => {
      const { entity, ...query } = req.query;
      res.json(
        await feedback.list(
          { ...query, entityRef: entity },
          credentials,
          await visible(),
        ),
      );
    },
  );

  router.post(
    '/v1/feedback/requests',
    {
      ...FEEDBACK_SUBMIT_RULE,
      resourceRef: req => requestEntityRef(req.body.entityRef, 'entityRef'),
      auditMeta: req => ({ entityRef: req.body.entityRef ?? null }),
    },
    async (req, res, { credentials }) => {
      const created = await feedback.submit(req.body, credentials);
      res.json(created);
      return { request: created.id };
    },
  );

  router.post(
    '/v1/feedback/requests/from-survey',
    {
      permission: feedbackTriagePermission,
      resourceRef: req => requestEntityRef(req.body.entityRef, 'entityRef'),
      unconditionalOnly: true,
      auditEventId: 'feedback-from-survey',
      allow: ['user'],
      auditMeta: req => ({ survey: req.body.survey, period: req.body.period }),
      deniedMessage:
        'Only the platform team may turn survey comments into requests',
    },
    async (req, res, { credentials }) => {
      const created = await feedback.fromSurvey(req.body, credentials);
      res.json(created);
      return { request: created.id };
    },
  );

  router.get(
    '/v1/feedback/requests/:id',
    {
      permission: feedbackReadPermission,
      resourceRef: requestEntity,
      auditEventId: 'feedback-read',
      auditMeta: requestMeta,
      deniedMessage: 'Not allowed to read this feedback request',
    },
    async (req, res, { credentials, visible }) => {
      res.json(await feedback.get(req.params.id, credentials, await visible()));
    },
  );

  router.post(
    '/v1/feedback/requests/:id/vote',
    {
      permission: feedbackVotePermission,
      resourceRef: requestEntity,
      auditEventId: 'feedback-vote',
      allow: ['user'],
      auditMeta: requestMeta,
      deniedMessage: 'Not allowed to vote on this feedback request',
    },
    async (req, res, { credentials }) => {
      res.json(await feedback.vote(req.params.id, credentials));
    },
  );

  router.delete(
    '/v1/feedback/requests/:id/vote',
    {
      permission: feedbackVotePermission,
      resourceRef: requestEntity,
      auditEventId: 'feedback-unvote',
      allow: ['user'],
      auditMeta: requestMeta,
      deniedMessage: 'Not allowed to vote on this feedback request',
    },
    async (req, res, { credentials }) => {
      res.json(await feedback.unvote(req.params.id, credentials));
    },
  );

  router.post(
    '/v1/feedback/requests/:id/comments',
    {
      permission: feedbackCommentPermission,
      resourceRef: requestEntity,
      auditEventId: 'feedback-comment',
      allow: ['user'],
      auditMeta: requestMeta,
      deniedMessage: 'Not allowed to comment on this feedback request',
    },
    async (req, res, { credentials }) => {
      const comment = await feedback.comment(
        req.params.id,
        req.body.body,
        credentials,
      );
      res.json(comment);
      return { comment: comment.id };
    },
  );

  router.post(
    '/v1/feedback/requests/:id/triage',
    {
      permission: feedbackTriagePermission,
      resourceRef: requestEntity,
      unconditionalOnly: true,
      auditEventId: 'feedback-triage',
      allow: ['user'],
      auditMeta: req => ({
        ...requestMeta(req),
        status: req.body.status ?? null,
        themes: req.body.themes ?? null,
      }),
      deniedMessage: 'Only the platform team may triage feedback',
    },
    async (req, res, { credentials }) => {
      res.json(await feedback.triage(req.params.id, req.body, credentials));
    },
  );

  router.post(
    '/v1/feedback/requests/:id/merge',
    {
      permission: feedbackTriagePermission,
      resourceRef: requestEntity,
      unconditionalOnly: true,
      auditEventId: 'feedback-merge',
      allow: ['user'],
      auditMeta: req => ({ ...requestMeta(req), into: req.body.into }),
      deniedMessage: 'Only the platform team may merge feedback requests',
    },
    async (req, res, { credentials }) => {
      res.json(await feedback.merge(req.params.id, req.body.into, credentials));
    },
  );
}

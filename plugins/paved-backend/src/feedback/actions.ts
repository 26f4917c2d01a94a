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
  FeedbackRequest,
  FeedbackSubmission,
} from '@paved/plugin-paved-common';
import { PavedActions } from '../actions/PavedActions';
import {
  componentZod,
  responseZod,
  ZodObjectOf,
} from '../actions/openApiSchemas';
import { requestEntityRef } from '../http/EntityAccess';
import { FeedbackService } from './FeedbackService';
import { FEEDBACK_SUBMIT_RULE } from './routes';

/** Registers `submit-feedback`: `POST /v1/feedback/requests`. */
export function registerFeedbackActions(
  actions: PavedActions,
  feedback: FeedbackService,
) {
  actions.register<
    ZodObjectOf<FeedbackSubmission>,
    ZodObjectOf<FeedbackRequest>
  >({
    name: 'submit-feedback',
    title: 'Submit platform feedback',
    description: [
      "Submits a pain point or feature request to the platform team's feedback board, as the",
      'signed-in user (the submitter is always the caller; there is no anonymous or on-behalf',
      'submission). title (up to 200 characters) says what hurts, description (up to 10,000)',
      'the details; entityRef (a component) or templateRef (a golden-path template) names what it',
      'is about, area a free-text topic. Answers with the new request: its id, status (open) and',
      'vote count. Use it only when the user asked to file feedback; people, not services, submit',
      'feedback, so a call with a service token is refused.',
    ].join(' '),
    attributes: { readOnly: false, idempotent: false },
    schema: {
      input: z => componentZod<FeedbackSubmission>(z, 'FeedbackSubmission'),
      output: z => responseZod<FeedbackRequest>(z, 'SubmitFeedbackRequest'),
    },
    rule: {
      ...FEEDBACK_SUBMIT_RULE,
      resourceRef: input => requestEntityRef(input.entityRef, 'entityRef'),
      auditMeta: input => ({ entityRef: input.entityRef ?? null }),
    },
    handler: (input, { credentials }) => feedback.submit(input, credentials),
    auditMeta: created => ({ request: created.id }),
  });
}

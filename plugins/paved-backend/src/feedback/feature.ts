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
import { NotificationService } from '@backstage/plugin-notifications-node';
import { FeatureEnv, PavedFeature } from '../feature';
import { EntityAccess } from '../http/EntityAccess';
import { SurveyService } from '../surveys/SurveyService';
import { readFeedbackConfig } from './config';
import { FeedbackService } from './FeedbackService';
import { FeedbackStore } from './FeedbackStore';
import { registerFeedbackActions } from './actions';
import { registerFeedbackRoutes } from './routes';

/** Drops notifications when `paved.feedback.notifications` is false. */
const SILENT: NotificationService = { send: async () => {} };

/**
 * The feedback board: requests, votes, comments and triage, with status
 * notifications to submitters and voters. `surveys` lets the platform team
 * turn released survey comments into requests.
 */
export function createFeedbackFeature(
  env: FeatureEnv,
  surveys?: Pick<SurveyService, 'results'>,
): PavedFeature & { feedback: FeedbackService } {
  const config = readFeedbackConfig(env.config);
  const feedback = new FeedbackService({
    store: new FeedbackStore(env.db),
    catalog: env.catalog,
    notifications: config.notifications ? env.notifications : SILENT,
    permissions: env.permissions,
    entities: new EntityAccess(env),
    logger: env.logger,
    surveys,
  });
  return {
    feedback,
    registerRoutes: router => registerFeedbackRoutes(router, feedback),
    registerActions: actions => registerFeedbackActions(actions, feedback),
  };
}

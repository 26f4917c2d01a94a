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
import { Knex } from 'knex';
import { FeatureEnv, PavedFeature } from '../feature';
import { readSurveysConfig, SurveysConfig } from './config';
import { RespondentHasher } from './RespondentHasher';
import { registerSurveyActions } from './actions';
import { registerSurveyRoutes } from './routes';
import { SecretStore } from './SecretStore';
import { SurveyAnswerStore } from './SurveyAnswerStore';
import { SurveyPeriodStore } from './SurveyPeriodStore';
import { SurveyService } from './SurveyService';
import { SurveyStateStore } from './SurveyStateStore';
import { SurveyInvitations } from './SurveyInvitations';
import { readTaskSchedule } from '../readTaskSchedule';

/** The scheduler task id of the survey invitations. */
export const SURVEY_INVITATIONS_TASK_ID = 'paved-survey-invitations';

/** Name of the generated respondent-hash secret in `paved_secrets`. */
export const SURVEY_SECRET_NAME = 'survey-respondent-hmac';

/** Shortest `paved.surveys.secret` accepted in production. */
const MIN_PRODUCTION_SECRET_LENGTH = 32;

/**
 * Developer satisfaction surveys. The respondent hash key comes from
 * `paved.surveys.secret` (required in production, so the key never lies
 * beside the answers it protects); outside production a random secret is
 * generated once and kept in the database.
 */
export async function createSurveysFeature(
  env: FeatureEnv,
): Promise<PavedFeature & { surveys: SurveyService }> {
  const { auth, catalog, db, logger } = env;
  const config = readSurveysConfig(env.config);
  const hasher = new RespondentHasher(
    await respondentKey(config, db, logger),
    config.previousSecrets,
  );
  const answers = new SurveyAnswerStore(db);
  const states = new SurveyStateStore(db);
  const surveys = new SurveyService({
    catalog,
    auth,
    logger,
    answers,
    states,
    periods: new SurveyPeriodStore(db),
    hasher,
    demo: env.demoData ? env.demoSeeders : undefined,
  });
  const invitations = new SurveyInvitations({
    db,
    catalog,
    auth,
    notifications: env.notifications,
    states,
    logger: logger.child({ task: SURVEY_INVITATIONS_TASK_ID }),
  });
  await env.scheduler.scheduleTask({
    id: SURVEY_INVITATIONS_TASK_ID,
    ...readTaskSchedule(env.config, 'paved.surveys.invitations.schedule', {
      frequency: { minutes: 15 },
      timeout: { minutes: 5 },
      // Give the catalog a moment to answer after a cold start.
      initialDelay: { seconds: 30 },
    }),
    fn: async () => {
      await invitations.run();
    },
  });
  return {
    surveys,
    registerRoutes: router => registerSurveyRoutes(router, surveys),
    registerActions: actions => registerSurveyActions(actions, surveys),
  };
}

/**
 * The respondent-hash key. A configured key wins, and the generated one is
 * then deleted: it sat beside the answers, so anyone reading the database
 * could test guesses with it. Production refuses to start without one.
 */
async function respondentKey(
  config: SurveysConfig,
  db: Knex,
  logger: LoggerService,
): Promise<string> {
  const store = new SecretStore(db);
  const production = process.env.NODE_ENV === 'production';
  if (config.secret) {
    if (production && config.secret.length < MIN_PRODUCTION_SECRET_LENGTH) {
      throw new Error(
        `paved.surveys.secret must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production (e.g. openssl rand -base64 32)`,
      );
    }
    if (await store.delete(SURVEY_SECRET_NAME)) {
      logger.info(
        'Deleted the generated survey respondent key from the database: paved.surveys.secret is configured',
      );
    }
    return config.secret;
  }
  if (production) {
    throw new Error(
      'paved.surveys.secret is required in production: the key behind the survey respondent hashes must not be stored beside the answers (set it from a secret store, e.g. ${PAVED_SURVEYS_SECRET}; see docs/security.md)',
    );
  }
  logger.warn(
    'paved.surveys.secret is not set: using a key generated in the database, which is fine for development only',
  );
  return store.getOrCreate(SURVEY_SECRET_NAME);
}

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
import { FeatureEnv, PavedFeature } from '../feature';
import { readSurveysConfig } from './config';
import { RespondentHasher } from './RespondentHasher';
import { registerSurveyRoutes } from './routes';
import { SecretStore } from './SecretStore';
import { SurveyAnswerStore } from './SurveyAnswerStore';
import { SurveyService } from './SurveyService';
import { SurveyStateStore } from './SurveyStateStore';

/** Name of the generated respondent-hash secret in `paved_secrets`. */
export const SURVEY_SECRET_NAME = 'survey-respondent-hmac';

/**
 * Developer satisfaction surveys. The respondent hash key comes from
 * `paved.surveys.secret`, or else from a random secret generated once and
 * kept in the database.
 */
export async function createSurveysFeature(
  env: FeatureEnv,
): Promise<PavedFeature & { surveys: SurveyService }> {
  const { auth, catalog, db, logger } = env;
  const config = readSurveysConfig(env.config);
  const secret =
    config.secret ??
    (await new SecretStore(db).getOrCreate(SURVEY_SECRET_NAME));
  const hasher = new RespondentHasher(secret);
  const answers = new SurveyAnswerStore(db);
  const surveys = new SurveyService({
    catalog,
    auth,
    logger,
    answers,
    states: new SurveyStateStore(db),
    hasher,
    demo: env.demoData ? env.demoSeeders : undefined,
  });
  return {
    surveys,
    registerRoutes: router => registerSurveyRoutes(router, surveys),
  };
}

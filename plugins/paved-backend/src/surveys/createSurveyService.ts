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
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { SecretStore } from './SecretStore';
import { SurveyAnswerStore } from './SurveyAnswerStore';
import { SurveyStateStore } from './SurveyStateStore';
import { DemoSurveySeeder } from './DemoSurveySeeder';
import { RespondentHasher } from './RespondentHasher';
import { SurveyService } from './SurveyService';

/** Name of the generated respondent-hash secret in `paved_secrets`. */
export const SURVEY_SECRET_NAME = 'survey-respondent-hmac';

/**
 * Wires the survey service from config and the database: the respondent
 * hash key comes from `paved.surveys.secret`, or else from a random secret
 * generated once and kept in the database; demo answers are seeded only
 * while `paved.demoData.enabled` is true.
 */
export async function createSurveyService(options: {
  auth: AuthService;
  catalog: CatalogService;
  client: Knex;
  config: RootConfigService;
  logger: LoggerService;
  now?: () => Date;
}): Promise<SurveyService> {
  const { auth, catalog, client, config, logger, now } = options;
  const secret =
    config.getOptionalString('paved.surveys.secret') ??
    (await new SecretStore(client).getOrCreate(SURVEY_SECRET_NAME));
  const hasher = new RespondentHasher(secret);
  const answers = new SurveyAnswerStore(client);
  const demoData = config.getOptionalBoolean('paved.demoData.enabled') ?? false;
  return new SurveyService({
    catalog,
    auth,
    logger,
    answers,
    states: new SurveyStateStore(client),
    hasher,
    demo: demoData ? new DemoSurveySeeder(answers, hasher, logger) : undefined,
    now,
  });
}

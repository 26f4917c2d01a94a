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
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { pavedDemoDataExtensionPoint } from '@paved/plugin-paved-node';
import { demoAdoptionSeeder } from './adoptionSeeder';
import { createDemoLedgerSeeder } from './ledgerSeeder';
import { demoSurveySeeder } from './surveySeeder';

/**
 * Gives the Paved backend its clearly labelled demo data: adoption history,
 * demo users' page views, answers to surveys annotated
 * `paved.dev/demo-answers`, and a deployment ledger of the demo shop. Installing the module switches demo data on;
 * `paved.demoData.enabled: false` keeps it installed but off.
 *
 * @public
 */
export const pavedModuleDemoData = createBackendModule({
  pluginId: 'paved',
  moduleId: 'demo-data',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        demoData: pavedDemoDataExtensionPoint,
      },
      async init({ config, logger, demoData }) {
        if (config.getOptionalBoolean('paved.demoData.enabled') === false) {
          logger.info(
            'Demo data switched off (paved.demoData.enabled: false); seeding nothing',
          );
          return;
        }
        demoData.addSeeder(
          demoAdoptionSeeder,
          demoSurveySeeder,
          createDemoLedgerSeeder(config),
        );
        logger.info(
          'Demo data on: labelled adoption history, page views, survey answers and deployment ledger',
        );
      },
    });
  },
});

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
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { pavedInfoReadPermission } from '@paved/plugin-paved-common';
import express from 'express';
import { spec } from './schema/openapi.generated';
import { createAuthorizer } from './http/authorize';
import { InfoService } from './info/InfoService';
import { registerSurveyRoutes } from './surveys/routes';
import { SurveyService } from './surveys/SurveyService';
import { LedgerService } from './deployments/LedgerService';
import { registerDeploymentRoutes } from './deployments/routes';
import { registerOrchestratorRoutes } from './orchestrators/routes';
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import { GoldenPathDriftService } from './goldenPaths/GoldenPathDriftService';
import { registerGoldenPathRoutes } from './goldenPaths/routes';
import { registerAdoptionRoutes } from './adoption/routes';
import { DoraService } from './dora/DoraService';
import { registerDoraRoutes } from './dora/routes';

/**
 * Builds the Paved REST API. Each route checks the caller's credentials and
 * asks the permission framework before it answers.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  info: InfoService;
  /** Developer satisfaction surveys; routes under /v1/surveys. */
  surveys?: { service: SurveyService; auditor: AuditorService };
  /** Deployment and incident ledger; routes under /v1/deployments, /v1/incidents. */
  deployments?: { ledger: LedgerService; auditor: AuditorService };
  /** Orchestrator providers; routes under /v1/orchestrators and /v1/deployments/{id}/logs. */
  orchestrators?: {
    providers: () => OrchestratorProvider[];
    ledger: LedgerService;
    auditor: AuditorService;
  };
  /** Golden-path drift report; route /v1/golden-paths/drift. */
  goldenPaths?: { drift: GoldenPathDriftService };
  /** Adoption, scores, SLOs and page views; routes /v1/adoption, /v1/scores, /v1/slos, /v1/analytics. */
  adoption?: Omit<
    Parameters<typeof registerAdoptionRoutes>[1],
    'httpAuth' | 'permissions'
  >;
  /** DORA metrics; routes /v1/dora and /v1/dora/organisation. */
  dora?: DoraService;
}): Promise<express.Router> {
  const { httpAuth, permissions, info } = options;
  const router = createValidatedOpenApiRouter(spec);
  const authorize = createAuthorizer(permissions);

  router.get('/v1/info', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      pavedInfoReadPermission,
      'Not allowed to read Paved information',
    );
    res.json(await info.getInfo());
  });

  if (options.surveys) {
    registerSurveyRoutes(router, {
      httpAuth,
      permissions,
      auditor: options.surveys.auditor,
      surveys: options.surveys.service,
    });
  }

  if (options.deployments) {
    registerDeploymentRoutes(router, {
      httpAuth,
      permissions,
      auditor: options.deployments.auditor,
      ledger: options.deployments.ledger,
    });
  }

  if (options.orchestrators) {
    registerOrchestratorRoutes(router, {
      httpAuth,
      permissions,
      auditor: options.orchestrators.auditor,
      providers: options.orchestrators.providers,
      deployments: options.orchestrators.ledger.deployments,
    });
  }

  if (options.goldenPaths) {
    registerGoldenPathRoutes(router, {
      httpAuth,
      permissions,
      drift: options.goldenPaths.drift,
    });
  }

  if (options.adoption) {
    registerAdoptionRoutes(router, {
      httpAuth,
      permissions,
      ...options.adoption,
    });
  }

  if (options.dora) {
    registerDoraRoutes(router, { httpAuth, permissions, dora: options.dora });
  }

  return router;
}

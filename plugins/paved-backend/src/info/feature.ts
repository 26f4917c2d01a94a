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
import { pavedInfoReadPermission } from '@paved/plugin-paved-common';
import { FeatureEnv, PavedFeature } from '../feature';
import { InfoService } from './InfoService';
import { InstallationStore } from './InstallationStore';

/** `GET /v1/info`: version, providers, database and installation time. */
export async function createInfoFeature(
  env: FeatureEnv,
): Promise<PavedFeature> {
  const installations = new InstallationStore(env.db);
  // Record the installation time when the tables are created, not at the
  // first info request.
  await installations.installedAt();
  const info = new InfoService({
    client: env.db,
    installations,
    providers: env.providers,
    demoData: env.demoData,
  });
  return {
    registerRoutes: router =>
      router.get(
        '/v1/info',
        {
          permission: pavedInfoReadPermission,
          auditEventId: 'info-read',
          deniedMessage: 'Not allowed to read Paved information',
        },
        async (_req, res) => {
          res.json(await info.getInfo());
        },
      ),
  };
}

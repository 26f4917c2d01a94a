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
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { PavedDemoDataSeeder, pavedDemoDataExtensionPoint } from '.';

// Stands in for the Paved backend: owns the extension point and hands the
// seeders modules registered to its init.
function consumingPlugin(onInit: (seeders: PavedDemoDataSeeder[]) => void) {
  return createBackendPlugin({
    pluginId: 'paved',
    register(env) {
      const seeders: PavedDemoDataSeeder[] = [];
      env.registerExtensionPoint(pavedDemoDataExtensionPoint, {
        addSeeder(...added) {
          seeders.push(...added);
        },
      });
      env.registerInit({
        deps: {},
        async init() {
          onInit(seeders);
        },
      });
    },
  });
}

function seederModule(moduleId: string, ...added: PavedDemoDataSeeder[]) {
  return createBackendModule({
    pluginId: 'paved',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { demoData: pavedDemoDataExtensionPoint },
        async init({ demoData }) {
          demoData.addSeeder(...added);
        },
      });
    },
  });
}

describe('pavedDemoDataExtensionPoint', () => {
  it('brings the seeders modules register to the plugin before its init', async () => {
    const adoption: PavedDemoDataSeeder = {
      id: 'adoption',
      seedAdoption: async () => {},
    };
    const surveys: PavedDemoDataSeeder = {
      id: 'surveys',
      seedSurvey: async () => {},
    };
    const extra: PavedDemoDataSeeder = { id: 'extra' };
    let seen: PavedDemoDataSeeder[] | undefined;
    await startTestBackend({
      features: [
        seederModule('demo', adoption, surveys),
        consumingPlugin(seeders => {
          seen = [...seeders];
        }),
        seederModule('more', extra),
      ],
    });

    expect(seen?.map(s => s.id).sort()).toEqual([
      'adoption',
      'extra',
      'surveys',
    ]);
    // The modules' own objects, with their hooks, not copies.
    expect(seen).toContain(adoption);
    expect(seen).toContain(surveys);
  });

  it('gives the plugin no seeder when no module registers one', async () => {
    let seen: PavedDemoDataSeeder[] | undefined;
    await startTestBackend({
      features: [
        consumingPlugin(seeders => {
          seen = [...seeders];
        }),
      ],
    });

    expect(seen).toEqual([]);
  });

  it('cannot be used by a module of another plugin', async () => {
    const catalogModule = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'sneaky',
      register(env) {
        env.registerInit({
          deps: { demoData: pavedDemoDataExtensionPoint },
          async init({ demoData }) {
            demoData.addSeeder({ id: 'sneaky' });
          },
        });
      },
    });

    await expect(
      startTestBackend({
        features: [consumingPlugin(() => {}), catalogModule],
      }),
    ).rejects.toThrow(
      /Illegal dependency.*extension point 'paved\.demo-data' for plugin 'paved'/,
    );
  });
});

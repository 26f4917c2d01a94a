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
  configApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
} from '@backstage/frontend-test-utils';
import { AnalyticsImplementationBlueprint } from '@backstage/plugin-app-react';
import { PavedAnalytics } from '../analytics/PavedAnalytics';
import {
  pavedAnalyticsImplementation,
  pavedAnalyticsModule,
} from './analytics';
import plugin from './plugin';

describe('paved analytics module', () => {
  it('is a module of the app plugin carrying the analytics implementation', () => {
    expect(pavedAnalyticsModule.$$type).toBe('@backstage/FrontendModule');
    expect(pavedAnalyticsModule.pluginId).toBe('app');
    const { extensions } = pavedAnalyticsModule as unknown as {
      extensions: { id: string }[];
    };
    expect(extensions.map(e => e.id)).toEqual(['analytics:app/paved']);
  });

  it('builds the Paved analytics implementation from the app APIs', () => {
    const implementation = createExtensionTester(
      pavedAnalyticsImplementation,
    ).get(AnalyticsImplementationBlueprint.dataRefs.factory);
    expect(implementation.deps).toEqual({
      configApi: configApiRef,
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
    expect(
      implementation.factory({
        configApi: mockApis.config({
          data: { paved: { analytics: { enabled: true } } },
        }),
        discoveryApi: mockApis.discovery(),
        fetchApi: { fetch } as any,
      }),
    ).toBeInstanceOf(PavedAnalytics);
  });

  it('adds the Adoption & scores and SLO cards to the plugin', () => {
    expect(plugin.getExtension('entity-card:paved/adoption')).toBeDefined();
    expect(plugin.getExtension('entity-card:paved/slos')).toBeDefined();
  });
});

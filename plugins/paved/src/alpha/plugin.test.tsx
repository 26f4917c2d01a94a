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
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import plugin, { pavedPlatformPage } from './plugin';

describe('paved plugin for the new frontend system', () => {
  it('mounts the Platform page at /paved with a nav title and icon', () => {
    const tester = createExtensionTester(pavedPlatformPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/paved');
    expect(tester.get(coreExtensionData.title)).toBe('Platform');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('is the paved plugin with its API and page', () => {
    expect(plugin.id).toBe('paved');
    expect(plugin.getExtension('page:paved')).toBeDefined();
    expect(plugin.getExtension('api:paved')).toBeDefined();
  });
});

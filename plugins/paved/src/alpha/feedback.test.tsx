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
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { entityFeedbackCard, pavedFeedbackPage } from './feedback';
import plugin from './plugin';

describe('feedback extensions', () => {
  it('mounts the board at /paved/feedback with a nav title and icon', () => {
    const tester = createExtensionTester(pavedFeedbackPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/paved/feedback');
    expect(tester.get(coreExtensionData.title)).toBe('Feedback');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('puts the card on entities people send feedback about', () => {
    expect(plugin.getExtension('page:paved/feedback')).toBeDefined();
    expect(plugin.getExtension('entity-card:paved/feedback')).toBeDefined();
    const filter = createExtensionTester(entityFeedbackCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const of = (kind: string) =>
      filter({ apiVersion: 'v1', kind, metadata: { name: 'x' } });
    expect(['Component', 'System', 'Template', 'API'].map(of)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['User', 'Group', 'Location'].map(of)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

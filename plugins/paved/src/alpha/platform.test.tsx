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
import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import plugin from './plugin';
import { entityPlatformContent, entitySummaryCard } from './platform';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service' },
  spec: {},
};
const system: Entity = { ...component, kind: 'System' };
const api: Entity = { ...component, kind: 'API' };

describe('the Platform tab and the summary card', () => {
  it('mounts the Platform tab at platform', () => {
    const tester = createExtensionTester(entityPlatformContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('platform');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Platform');
  });

  it('shows the tab where one of its cards applies', () => {
    // Outside the plugin the tab's id has no namespace: cards like Paved's
    // own, attached to it under that id.
    const card = (name: string, filter?: (e: Entity) => boolean) =>
      EntityCardBlueprint.make({
        name,
        attachTo: { id: 'entity-content:platform', input: 'cards' },
        params: { filter, loader: async () => <p>{name}</p> },
      });
    const tester = createExtensionTester(entityPlatformContent)
      .add(card('dora', e => e.kind === 'Component'))
      .add(card('nps', e => ['Component', 'System'].includes(e.kind)));
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(component)).toBe(true);
    expect(filter(system)).toBe(true); // NPS is about systems too
    expect(filter(api)).toBe(false);
  });

  it('puts the summary card on the Overview and every other card on the tab', () => {
    expect(plugin.getExtension('entity-content:paved/platform')).toBeDefined();
    expect(plugin.getExtension('entity-card:paved/summary')).toBeDefined();
    for (const id of [
      'entity-card:paved/dora',
      'entity-card:paved/deployments',
      'entity-card:paved/adoption',
      'entity-card:paved/slos',
      'entity-card:paved/nps',
      'entity-card:paved/workload',
    ] as const) {
      const card = plugin.getExtension(id) as any;
      expect(card).toBeDefined();
      expect(card.attachTo).toEqual({
        id: 'entity-content:paved/platform',
        input: 'cards',
      });
    }
    expect((entitySummaryCard as any).attachTo).toEqual({
      id: 'entity-content:catalog/overview',
      input: 'cards',
    });
  });

  it('keeps the summary card to components', () => {
    const tester = createExtensionTester(entitySummaryCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(component)).toBe(true);
    expect(filter(system)).toBe(false);
  });
});

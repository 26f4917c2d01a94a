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
import {
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { RoadmapItemEntityProcessor } from './RoadmapItemEntityProcessor';

const location: LocationSpec = {
  type: 'url',
  target: 'https://github.com/acme/platform/blob/main/roadmap/items.yaml',
};

const item = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'RoadmapItem',
  metadata: {
    name: 'faster-builds',
    namespace: 'default',
    title: 'Faster builds',
  },
  spec: {
    owner: 'platform-team',
    problem: 'Builds are slow',
    horizon: 'now',
    outcome: { metric: 'automationScore', target: 70 },
    ...spec,
  },
});

async function run(entity: Entity) {
  const processor = new RoadmapItemEntityProcessor();
  const emitted: CatalogProcessorResult[] = [];
  const recognised = await processor.validateEntityKind(entity);
  const result = await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  return { recognised, result, emitted };
}

const errorMessage = (emitted: CatalogProcessorResult[]) => {
  expect(emitted).toHaveLength(1);
  const [error] = emitted;
  if (error.type !== 'error') throw new Error('expected an error');
  expect(error.error.name).toBe('InputError');
  expect(error.location).toBe(location);
  return error.error.message;
};

describe('RoadmapItemEntityProcessor', () => {
  it('recognises RoadmapItem entities of the Paved apiVersion only', async () => {
    const processor = new RoadmapItemEntityProcessor();
    expect(await processor.validateEntityKind(item({}))).toBe(true);
    expect(
      await processor.validateEntityKind({
        ...item({}),
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
  });

  it('accepts a valid item and relates it to its owner', async () => {
    const entity = item({});
    const { recognised, result, emitted } = await run(entity);
    expect(recognised).toBe(true);
    expect(result).toBe(entity);
    const self = {
      kind: 'RoadmapItem',
      namespace: 'default',
      name: 'faster-builds',
    };
    const owner = {
      kind: 'group',
      namespace: 'default',
      name: 'platform-team',
    };
    expect(emitted).toEqual([
      {
        type: 'relation',
        relation: { source: self, type: 'ownedBy', target: owner },
      },
      {
        type: 'relation',
        relation: { source: owner, type: 'ownerOf', target: self },
      },
    ]);
  });

  it.each([
    [{ owner: undefined }, 'spec.owner'],
    [{ problem: '' }, 'spec.problem'],
    [{ horizon: 'soon' }, 'spec.horizon'],
    [{ horizon: 'shipped' }, 'spec.shippedOn'],
    [{ horizon: 'shipped', shippedOn: 'last week' }, 'spec.shippedOn'],
    [{ requests: ['ok', -1] }, 'spec.requests.1'],
    [{ outcome: { metric: 'velocity', target: 1 } }, 'spec.outcome.metric'],
    [{ outcome: { metric: 'leadTime', target: '2d' } }, 'spec.outcome.group'],
    [{ outcome: { metric: 'nps', survey: 'survey:x' } }, 'spec.outcome.target'],
    [
      { outcome: { metric: 'adoptionStage', stage: 'x', target: 0.5 } },
      'spec.outcome.stage',
    ],
    [
      { outcome: { metric: 'sloAttainment', target: 2, group: 'team-a' } },
      'spec.outcome.target',
    ],
  ])('reports a bad field as an input error (%#: %s)', async (spec, field) => {
    const { emitted } = await run(item(spec));
    const message = errorMessage(emitted);
    expect(message).toMatch(
      /^Invalid RoadmapItem roadmapitem:default\/faster-builds in https:\/\/github.com\/acme\/platform\/blob\/main\/roadmap\/items.yaml: /,
    );
    expect(message).toContain(`${field}: `);
  });

  it('says at which line and column of the file each bad field is', async () => {
    const text = `apiVersion: paved.dev/v1alpha1
kind: RoadmapItem
metadata:
  name: faster-builds
  title: Faster builds
spec:
  owner: platform-team
  problem: Builds are slow
  horizon: shipped
  outcome:
    metric: velocity
    target: 1
`;
    const processor = new RoadmapItemEntityProcessor({
      readLocation: async l => (l === location ? text : undefined),
    });
    const messageOf = async (spec: Record<string, unknown>) => {
      const emitted: CatalogProcessorResult[] = [];
      await processor.postProcessEntity(item(spec), location, r =>
        emitted.push(r),
      );
      return errorMessage(emitted);
    };
    expect(
      await messageOf({ outcome: { metric: 'velocity', target: 1 } }),
    ).toContain(
      `${location.target}:11:13 spec.outcome.metric: unknown metric 'velocity'`,
    );
    // A missing field points at the mapping that lacks it.
    expect(await messageOf({ horizon: 'shipped' })).toContain(
      `${location.target}:7:3 spec.shippedOn: is required when horizon is shipped`,
    );
  });

  it('still names the field when the file cannot be read again', async () => {
    const processor = new RoadmapItemEntityProcessor({
      readLocation: async () => {
        throw new Error('gone');
      },
    });
    const emitted: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(item({ problem: '' }), location, r =>
      emitted.push(r),
    );
    expect(errorMessage(emitted)).toMatch(/: spec\.problem: /);
  });

  it('leaves other kinds alone', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: { type: 'service', owner: 'a', lifecycle: 'production' },
    };
    const { result, emitted } = await run(component);
    expect(result).toBe(component);
    expect(emitted).toEqual([]);
  });
});

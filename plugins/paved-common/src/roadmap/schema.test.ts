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
import { locateRoadmapItemField } from './locate';
import { validateRoadmapItemEntity } from './schema';

const valid = {
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'RoadmapItem',
  metadata: { name: 'faster-pipelines', title: 'Faster pipelines' },
  spec: {
    owner: 'platform-team',
    problem: 'Builds take too long',
    horizon: 'shipped',
    shippedOn: '2026-10-22',
    requests: [12, 'FR-7'],
    outcome: {
      metric: 'leadTime',
      group: 'team-checkout',
      target: '2d',
    },
  },
};

const withSpec = (spec: Record<string, unknown>) => ({
  ...valid,
  spec: { ...valid.spec, ...spec },
});
const withOutcome = (outcome: Record<string, unknown>) => withSpec({ outcome });

const errorsOf = (entity: unknown) => {
  const result = validateRoadmapItemEntity(entity);
  return result.ok ? [] : result.errors;
};

describe('validateRoadmapItemEntity', () => {
  it('accepts an item, normalises refs and reads the duration', () => {
    const result = validateRoadmapItemEntity(valid);
    expect(result.ok && result.entity.spec).toEqual({
      owner: 'group:default/platform-team',
      problem: 'Builds take too long',
      horizon: 'shipped',
      shippedOn: '2026-10-22',
      requests: ['12', 'FR-7'],
      outcome: {
        metric: 'leadTime',
        group: 'group:default/team-checkout',
        target: 172800,
        direction: 'decrease',
      },
    });
  });

  it('accepts each metric kind with its defaults', () => {
    const now = (outcome: Record<string, unknown>) =>
      validateRoadmapItemEntity(
        withSpec({ horizon: 'now', shippedOn: undefined, outcome }),
      );
    expect(
      now({ metric: 'nps', survey: 'survey:platform-nps', target: 30 }),
    ).toMatchObject({
      ok: true,
      entity: {
        spec: {
          outcome: {
            survey: 'survey:default/platform-nps',
            direction: 'increase',
          },
        },
      },
    });
    expect(
      now({ metric: 'adoptionStage', stage: 'golden-path', target: 0.5 }).ok,
    ).toBe(true);
    expect(now({ metric: 'automationScore', target: 70 }).ok).toBe(true);
    expect(
      now({
        metric: 'sloAttainment',
        entity: 'checkout',
        target: 0.9,
        direction: 'increase',
      }),
    ).toMatchObject({
      ok: true,
      entity: { spec: { outcome: { entity: 'component:default/checkout' } } },
    });
  });

  it.each([
    [withSpec({ owner: undefined }), 'spec.owner: '],
    [withSpec({ problem: '  ' }), 'spec.problem: '],
    [withSpec({ horizon: 'someday' }), 'spec.horizon: '],
    [
      withSpec({ shippedOn: undefined }),
      'spec.shippedOn: is required when horizon is shipped',
    ],
    [
      withSpec({ horizon: 'next' }),
      'spec.shippedOn: is only allowed when horizon is shipped (horizon is next)',
    ],
    [
      withSpec({ shippedOn: '2026-02-30' }),
      'spec.shippedOn: must be a date YYYY-MM-DD',
    ],
    [withSpec({ requests: [0] }), 'spec.requests.0: '],
    [withSpec({ outcome: undefined }), 'spec.outcome: '],
    [
      withOutcome({ metric: 'velocity', target: 3 }),
      "spec.outcome.metric: unknown metric 'velocity'; one of leadTime, nps, adoptionStage, automationScore, sloAttainment",
    ],
    [
      withOutcome({ metric: 'leadTime', group: 'team-a', target: 'soon' }),
      "spec.outcome.target: must be a duration such as 36h or 2d (got 'soon')",
    ],
    [
      withOutcome({ metric: 'leadTime', group: 'user:jane', target: '2d' }),
      'spec.outcome.group: must be the ref of a group',
    ],
    [
      withOutcome({ metric: 'nps', survey: 'survey:x', target: 101 }),
      'spec.outcome.target: ',
    ],
    [
      withOutcome({ metric: 'adoptionStage', stage: 'famous', target: 0.5 }),
      'spec.outcome.stage: ',
    ],
    [
      withOutcome({ metric: 'automationScore', target: 70, extra: 1 }),
      'spec.outcome: ',
    ],
    [
      withOutcome({ metric: 'sloAttainment', target: 0.9 }),
      'spec.outcome: name exactly one of entity or group',
    ],
    [
      withOutcome({ metric: 'automationScore', target: 70, direction: 'up' }),
      'spec.outcome.direction: ',
    ],
    [{ ...valid, metadata: { name: 'x' } }, 'metadata.title: '],
  ])('names the field of a bad item (%#)', (entity, message) => {
    const errors = errorsOf(entity);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(message)).toBe(true);
  });
});

describe('locateRoadmapItemField', () => {
  const text = `apiVersion: paved.dev/v1alpha1
kind: RoadmapItem
metadata: {name: other, title: Other}
spec: {}
---
apiVersion: paved.dev/v1alpha1
kind: RoadmapItem
metadata:
  name: faster
  title: Faster
spec:
  owner: platform-team
  problem: Slow
  horizon: shipped
  requests: [1, -2]
  outcome:
    metric: velocity
    target: 3
`;

  it('finds the field of the named item', () => {
    expect(
      locateRoadmapItemField(text, { name: 'faster' }, [
        'spec',
        'outcome',
        'metric',
      ]),
    ).toEqual({ line: 17, column: 13 });
    expect(
      locateRoadmapItemField(text, { name: 'faster' }, [
        'spec',
        'requests',
        '1',
      ]),
    ).toEqual({ line: 15, column: 17 });
  });

  it('points a missing field at the mapping that lacks it', () => {
    expect(
      locateRoadmapItemField(text, { name: 'faster' }, ['spec', 'shippedOn']),
    ).toEqual({ line: 12, column: 3 });
  });

  it('says nothing for an item the text does not hold', () => {
    expect(
      locateRoadmapItemField(text, { name: 'missing' }, ['spec']),
    ).toBeUndefined();
    expect(locateRoadmapItemField(': : :', { name: 'x' }, ['spec'])).toBe(
      undefined,
    );
  });
});

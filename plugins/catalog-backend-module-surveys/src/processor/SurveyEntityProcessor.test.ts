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
import { SurveyEntityProcessor } from './SurveyEntityProcessor';

const location: LocationSpec = {
  type: 'url',
  target: 'https://github.com/acme/platform/blob/main/surveys/nps.yaml',
};

const survey = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Survey',
  metadata: {
    name: 'platform-nps',
    namespace: 'default',
    title: 'Platform NPS',
  },
  spec: {
    question: 'How likely are you to recommend the platform?',
    subject: 'platform',
    period: 'quarterly',
    ...spec,
  },
});

async function run(entity: Entity) {
  const processor = new SurveyEntityProcessor();
  const emitted: CatalogProcessorResult[] = [];
  const recognised = await processor.validateEntityKind(entity);
  const result = await processor.postProcessEntity(entity, location, r =>
    emitted.push(r),
  );
  return { recognised, result, emitted };
}

describe('SurveyEntityProcessor', () => {
  it('recognises Survey entities of the Paved apiVersion only', async () => {
    const processor = new SurveyEntityProcessor();
    expect(await processor.validateEntityKind(survey({}))).toBe(true);
    expect(
      await processor.validateEntityKind({
        ...survey({}),
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
    expect(
      await processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });

  it('accepts a valid survey and relates it to its owner', async () => {
    const entity = survey({ owner: 'platform-team' });
    const { recognised, result, emitted } = await run(entity);
    expect(recognised).toBe(true);
    expect(result).toBe(entity);
    expect(emitted).toEqual([
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'Survey',
            namespace: 'default',
            name: 'platform-nps',
          },
          type: 'ownedBy',
          target: {
            kind: 'group',
            namespace: 'default',
            name: 'platform-team',
          },
        },
      },
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'group',
            namespace: 'default',
            name: 'platform-team',
          },
          type: 'ownerOf',
          target: {
            kind: 'Survey',
            namespace: 'default',
            name: 'platform-nps',
          },
        },
      },
    ]);
  });

  it('reports an invalid survey as an input error naming the field', async () => {
    const { emitted } = await run(
      survey({ minimumAnswers: 1, period: 'daily' }),
    );
    expect(emitted).toHaveLength(1);
    const [error] = emitted;
    expect(error.type).toBe('error');
    if (error.type !== 'error') throw new Error('expected an error');
    expect(error.error.name).toBe('InputError');
    expect(error.error.message).toMatch(
      /^Invalid Survey survey:default\/platform-nps: /,
    );
    expect(error.error.message).toMatch(/spec\.period: /);
    expect(error.error.message).toMatch(/spec\.minimumAnswers: /);
    expect(error.location).toBe(location);
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

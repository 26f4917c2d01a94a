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
import { validateSurveyEntity } from './schema';

const valid = {
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Survey',
  metadata: { name: 'platform-nps', title: 'Platform NPS' },
  spec: {
    question: 'How likely are you to recommend the platform?',
    subject: 'platform',
    period: 'quarterly',
  },
};

const withSpec = (spec: Record<string, unknown>) => ({
  ...valid,
  spec: { ...valid.spec, ...spec },
});

const errorsOf = (entity: unknown) => {
  const result = validateSurveyEntity(entity);
  return result.ok ? [] : result.errors;
};

describe('validateSurveyEntity', () => {
  it('accepts a minimal survey and fills in defaults', () => {
    const result = validateSurveyEntity(valid);
    expect(result.ok).toBe(true);
    expect(result.ok && result.entity.spec).toEqual({
      question: 'How likely are you to recommend the platform?',
      subject: 'platform',
      period: 'quarterly',
      audience: { type: 'everyone' },
      minimumAnswers: 5,
      status: 'open',
    });
  });

  it('normalises entity refs in subject, owner and audience', () => {
    const result = validateSurveyEntity(
      withSpec({
        subject: 'system:payments',
        owner: 'platform-team',
        audience: { type: 'groups', groups: ['team-a', 'group:ops/team-b'] },
      }),
    );
    expect(result.ok && result.entity.spec).toMatchObject({
      subject: 'system:default/payments',
      owner: 'group:default/platform-team',
      audience: {
        type: 'groups',
        groups: ['group:default/team-a', 'group:ops/team-b'],
      },
    });
  });

  it('accepts an owners audience with a catalog filter', () => {
    expect(
      errorsOf(
        withSpec({
          audience: {
            type: 'owners',
            filter: { kind: 'Component', 'spec.type': ['service', 'website'] },
          },
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    [{ period: 'daily' }, /^spec\.period: /],
    [{ minimumAnswers: 1 }, /^spec\.minimumAnswers: .*3/],
    [{ minimumAnswers: 4.5 }, /^spec\.minimumAnswers: /],
    [{ subject: 'user:default/someone' }, /^spec\.subject: /],
    [{ question: '' }, /^spec\.question: /],
    [{ audience: { type: 'groups', groups: [] } }, /^spec\.audience\.groups: /],
    [{ audience: { type: 'owners', filter: {} } }, /^spec\.audience\.filter: /],
    [{ audience: { type: 'nobody' } }, /^spec\.audience\.type: /],
    [{ surprise: true }, /^spec: .*surprise/],
  ])('names the field of %j', (spec, message) => {
    const errors = errorsOf(withSpec(spec));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('needs a title', () => {
    expect(
      errorsOf({ ...valid, metadata: { name: 'platform-nps' } }).join(),
    ).toMatch(/^metadata\.title: /);
  });

  it('needs the question and the period', () => {
    const errors = errorsOf({ ...valid, spec: { subject: 'platform' } });
    expect(errors.join('\n')).toMatch(/spec\.question/);
    expect(errors.join('\n')).toMatch(/spec\.period/);
  });
});

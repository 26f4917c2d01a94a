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
import { mockServices } from '@backstage/backend-test-utils';
import { SurveyEntity } from '@paved/plugin-paved-common';
import {
  PavedDemoAdoptionSnapshot,
  PavedDemoPageView,
  PavedDemoSurveyAnswer,
} from '@paved/plugin-paved-node';
import { demoAdoptionSeeder } from './adoptionSeeder';
import { demoSurveySeeder } from './surveySeeder';

const NOW = new Date('2026-11-28T09:30:00.000Z');
const DAY = 86_400_000;

async function seedAdoption(now: Date) {
  const snapshots: PavedDemoAdoptionSnapshot[] = [];
  const views: PavedDemoPageView[] = [];
  await demoAdoptionSeeder.seedAdoption!({
    now,
    logger: mockServices.logger.mock(),
    addSnapshots: async added => {
      snapshots.push(...added);
    },
    addPageViews: async added => {
      views.push(...added);
    },
  });
  return { snapshots, views };
}

const surveyEntity = (
  period: SurveyEntity['spec']['period'],
  annotations?: Record<string, string>,
): SurveyEntity => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'Survey',
  metadata: { name: 'nps', title: 'NPS', annotations },
  spec: {
    question: 'How likely?',
    subject: 'platform',
    audience: { type: 'everyone' },
    period,
    minimumAnswers: 5,
    status: 'open',
  },
});

async function seedSurvey(entity: SurveyEntity, currentPeriod: string) {
  const answers: PavedDemoSurveyAnswer[] = [];
  await demoSurveySeeder.seedSurvey!({
    logger: mockServices.logger.mock(),
    survey: { ref: 'survey:default/nps', entity, currentPeriod },
    addAnswers: async added => {
      answers.push(...added);
    },
  });
  return answers;
}

describe('demoAdoptionSeeder', () => {
  it('adds twelve weekly snapshots before today, an adopting platform', async () => {
    const { snapshots } = await seedAdoption(NOW);
    expect(snapshots.map(s => s.day)).toEqual(
      Array.from({ length: 12 }, (_, w) =>
        new Date(Date.parse('2026-11-28') - (12 - w) * 7 * DAY)
          .toISOString()
          .slice(0, 10),
      ),
    );
    expect(snapshots[0].day).toBe('2026-09-05');
    expect(snapshots[11].day).toBe('2026-11-21');
    const first = snapshots[0].metrics;
    const last = snapshots[11].metrics;
    expect(first.components).toBe(36);
    expect(last.components).toBe(50);
    expect(last.withScore.share!).toBeGreaterThan(first.withScore.share!);
    expect(last.automationScore!).toBeGreaterThan(first.automationScore!);
    expect(last.complexityScore!).toBeLessThan(first.complexityScore!);
  });

  it('adds page views of demo users over the last 30 days only', async () => {
    const { views } = await seedAdoption(NOW);
    const days = new Set(views.map(v => v.day));
    expect(days.size).toBe(30);
    expect([...days].sort()[0]).toBe('2026-10-30');
    expect([...days].sort()[29]).toBe('2026-11-28');
    const users = new Set(views.map(v => v.userRef));
    expect(users.size).toBe(28);
    for (const user of users) {
      expect(user).toMatch(/^user:default\/demo-user-(0[1-9]|1\d|2[0-8])$/);
    }
    // One row per user, day and plugin (the store's key).
    const keys = new Set(views.map(v => `${v.userRef}|${v.day}|${v.pluginId}`));
    expect(keys.size).toBe(views.length);
  });

  it('writes the same rows for the same day', async () => {
    const later = new Date('2026-11-28T23:59:00.000Z');
    expect(await seedAdoption(later)).toEqual(await seedAdoption(NOW));
  });
});

describe('demoSurveySeeder', () => {
  it('seeds nothing for a survey without the demo annotation', async () => {
    expect(await seedSurvey(surveyEntity('quarterly'), '2026-Q4')).toEqual([]);
    expect(
      await seedSurvey(
        surveyEntity('quarterly', { 'paved.dev/demo-answers': 'false' }),
        '2026-Q4',
      ),
    ).toEqual([]);
  });

  it('seeds four past periods and the current one, in the survey period', async () => {
    const demo = { 'paved.dev/demo-answers': 'true' };
    const quarterly = await seedSurvey(
      surveyEntity('quarterly', demo),
      '2026-Q4',
    );
    const perPeriod = (answers: PavedDemoSurveyAnswer[]) =>
      Object.fromEntries(
        [...new Set(answers.map(a => a.period))].map(p => [
          p,
          answers.filter(a => a.period === p).length,
        ]),
      );
    expect(perPeriod(quarterly)).toEqual({
      '2025-Q4': 11,
      '2026-Q1': 14,
      '2026-Q2': 16,
      '2026-Q3': 19,
      '2026-Q4': 4,
    });
    expect(
      Object.keys(
        perPeriod(await seedSurvey(surveyEntity('monthly', demo), '2026-02')),
      ),
    ).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);

    // Fixed respondents: one answer each per period, the same on every run.
    for (const period of Object.keys(perPeriod(quarterly))) {
      const respondents = quarterly
        .filter(a => a.period === period)
        .map(a => a.respondent);
      expect(new Set(respondents).size).toBe(respondents.length);
    }
    expect(
      await seedSurvey(surveyEntity('quarterly', demo), '2026-Q4'),
    ).toEqual(quarterly);
    expect(quarterly.every(a => a.score >= 0 && a.score <= 10)).toBe(true);
    const comments = quarterly.flatMap(a => (a.comment ? [a.comment] : []));
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every(c => c.startsWith('(demo) '))).toBe(true);
  });
});

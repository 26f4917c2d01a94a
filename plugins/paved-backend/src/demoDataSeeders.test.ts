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
import { PavedDemoDataSeeder } from '@paved/plugin-paved-node';
import { DemoDataSeeders } from './demoDataSeeders';

const adoptionContext = (now: string) => ({
  now: new Date(now),
  addSnapshots: async () => {},
  addPageViews: async () => {},
});

const surveyContext = (ref: string, currentPeriod: string) => ({
  survey: { ref, entity: {} as SurveyEntity, currentPeriod },
  addAnswers: async () => {},
});

describe('DemoDataSeeders', () => {
  it('is off without seeders', async () => {
    const seeders = new DemoDataSeeders([], mockServices.logger.mock());
    expect(seeders.enabled).toBe(false);
    await expect(
      seeders.seedAdoption(adoptionContext('2026-11-28T10:00:00Z')),
    ).resolves.toBeUndefined();
  });

  it('seeds adoption once per UTC day and each survey once per period', async () => {
    const calls: string[] = [];
    const seeder: PavedDemoDataSeeder = {
      id: 'test',
      async seedAdoption({ now }) {
        calls.push(`adoption ${now.toISOString()}`);
      },
      async seedSurvey({ survey }) {
        calls.push(`survey ${survey.ref} ${survey.currentPeriod}`);
      },
    };
    const seeders = new DemoDataSeeders([seeder], mockServices.logger.mock());
    expect(seeders.enabled).toBe(true);

    // Concurrent callers share one run.
    await Promise.all([
      seeders.seedAdoption(adoptionContext('2026-11-28T10:00:00Z')),
      seeders.seedAdoption(adoptionContext('2026-11-28T10:00:01Z')),
    ]);
    await seeders.seedAdoption(adoptionContext('2026-11-28T23:59:59Z'));
    await seeders.seedAdoption(adoptionContext('2026-11-29T00:00:00Z'));
    await seeders.seedSurvey(surveyContext('survey:default/a', '2026-Q4'));
    await seeders.seedSurvey(surveyContext('survey:default/a', '2026-Q4'));
    await seeders.seedSurvey(surveyContext('survey:default/b', '2026-Q4'));
    await seeders.seedSurvey(surveyContext('survey:default/a', '2027-Q1'));

    expect(calls).toEqual([
      'adoption 2026-11-28T10:00:00.000Z',
      'adoption 2026-11-29T00:00:00.000Z',
      'survey survey:default/a 2026-Q4',
      'survey survey:default/b 2026-Q4',
      'survey survey:default/a 2027-Q1',
    ]);
  });

  it('logs a failing seeder, runs the others and does not throw', async () => {
    const logger = mockServices.logger.mock();
    const warn = jest.fn();
    logger.child.mockReturnValue({ ...logger, warn });
    const ran: string[] = [];
    const seeders = new DemoDataSeeders(
      [
        {
          id: 'broken',
          seedSurvey: async () => {
            throw new Error('boom');
          },
        },
        { id: 'adoption-only', seedAdoption: async () => {} },
        {
          id: 'fine',
          seedSurvey: async ({ survey }) => {
            ran.push(survey.ref);
          },
        },
      ],
      logger,
    );

    await expect(
      seeders.seedSurvey(surveyContext('survey:default/a', '2026-Q4')),
    ).resolves.toBeUndefined();
    expect(ran).toEqual(['survey:default/a']);
    expect(logger.child).toHaveBeenCalledWith({ demoDataSeeder: 'broken' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      "Demo data seeder 'broken' failed in seedSurvey",
      expect.objectContaining({ message: 'boom' }),
    );
  });
});

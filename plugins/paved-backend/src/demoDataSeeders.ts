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
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PavedDemoAdoptionContext,
  PavedDemoDataSeeder,
  PavedDemoLedgerContext,
  PavedDemoSurveyContext,
} from '@paved/plugin-paved-node';

/**
 * The demo data seeders modules registered through
 * `pavedDemoDataExtensionPoint`, called by the features at their moments:
 * adoption once per UTC day, each survey once per period, the ledger at
 * startup. Concurrent
 * callers wait for the same seeding. A failing seeder is logged, not
 * thrown: demo data must not break the real data's routes or computation.
 */
export class DemoDataSeeders {
  readonly #seeders: PavedDemoDataSeeder[];
  readonly #logger: LoggerService;
  #adoption?: { day: string; done: Promise<void> };
  readonly #surveys = new Map<string, Promise<void>>();

  constructor(seeders: PavedDemoDataSeeder[], logger: LoggerService) {
    this.#seeders = seeders;
    this.#logger = logger;
  }

  /** Whether any seeder is registered: demo data is on. */
  get enabled(): boolean {
    return this.#seeders.length > 0;
  }

  /** Runs the adoption seeders, once per UTC day of `context.now`. */
  seedAdoption(context: Omit<PavedDemoAdoptionContext, 'logger'>) {
    const day = context.now.toISOString().slice(0, 10);
    if (this.#adoption?.day !== day) {
      this.#adoption = {
        day,
        done: this.#runEach('seedAdoption', (seeder, logger) =>
          seeder.seedAdoption?.({ ...context, logger }),
        ),
      };
    }
    return this.#adoption.done;
  }

  /** Runs the survey seeders, once per survey and period. */
  seedSurvey(context: Omit<PavedDemoSurveyContext, 'logger'>) {
    const key = `${context.survey.ref}@${context.survey.currentPeriod}`;
    let done = this.#surveys.get(key);
    if (!done) {
      done = this.#runEach('seedSurvey', (seeder, logger) =>
        seeder.seedSurvey?.({ ...context, logger }),
      );
      this.#surveys.set(key, done);
    }
    return done;
  }

  /** Runs the ledger seeders (at startup). */
  seedLedger(context: Omit<PavedDemoLedgerContext, 'logger'>) {
    return this.#runEach('seedLedger', (seeder, logger) =>
      seeder.seedLedger?.({ ...context, logger }),
    );
  }

  async #runEach(
    hook: string,
    seed: (
      seeder: PavedDemoDataSeeder,
      logger: LoggerService,
    ) => Promise<void> | undefined,
  ): Promise<void> {
    for (const seeder of this.#seeders) {
      const logger = this.#logger.child({ demoDataSeeder: seeder.id });
      try {
        await seed(seeder, logger);
      } catch (error) {
        logger.warn(
          `Demo data seeder '${seeder.id}' failed in ${hook}`,
          error as Error,
        );
      }
    }
  }
}

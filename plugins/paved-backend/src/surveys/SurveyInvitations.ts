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
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  SurveyEntity,
  surveyPeriodId,
  validateSurveyEntity,
} from '@paved/plugin-paved-common';
import { entityPlatformPath } from '../http/portalPaths';
import { Knex } from 'knex';
import { SurveyAudienceResolver } from './SurveyAudienceResolver';
import { SurveyStateStore } from './SurveyStateStore';

/** Notification topic of survey invitations (opt out per topic). */
export const SURVEY_INVITATION_TOPIC = 'paved-survey';

const TABLE = 'paved_survey_invitations';

/**
 * Invites a survey's audience once per open period: for every open survey
 * in the catalog, the current period is recorded before the notification
 * goes out (the primary key on survey and period decides between replicas
 * and restarts), then the audience's users get one notification linking
 * to where the survey is answered. A failed send removes the record so the
 * next run tries again.
 */
export class SurveyInvitations {
  readonly #audience: SurveyAudienceResolver;

  constructor(
    private readonly options: {
      db: Knex;
      catalog: CatalogService;
      auth: AuthService;
      notifications: NotificationService;
      states: SurveyStateStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.#audience = new SurveyAudienceResolver(options.catalog, options.auth);
  }

  /** Sends the invitations that are due; returns `survey@period` of each. */
  async run(): Promise<string[]> {
    const { catalog, auth, states, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Survey' } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const overrides = await states.getAll();
    const sent: string[] = [];
    for (const entity of items) {
      const result = validateSurveyEntity(entity);
      if (!result.ok) continue;
      const survey = result.entity;
      const ref = stringifyEntityRef(entity);
      const override = overrides.get(ref);
      if (!(override ? override.open : survey.spec.status === 'open')) {
        continue;
      }
      const period = surveyPeriodId(survey.spec.period, now);
      try {
        if (await this.#invite(ref, survey, period, now)) {
          sent.push(`${ref}@${period}`);
        }
      } catch (error) {
        // One survey's failure does not hold back the others.
        logger.warn(
          `Could not send the invitation to survey ${ref} for ${period}: ${error}`,
        );
      }
    }
    return sent;
  }

  async #invite(
    ref: string,
    survey: SurveyEntity,
    period: string,
    now: Date,
  ): Promise<boolean> {
    const { db, notifications, logger } = this.options;
    const members = await this.#audience.members(survey.spec.audience);
    const inserted: Array<{ period: string }> = await db(TABLE)
      .insert({
        survey_ref: ref,
        period,
        recipients: members.length,
        sent_at: now,
      })
      .onConflict(['survey_ref', 'period'])
      .ignore()
      .returning('period');
    if (!inserted.length) return false;
    if (!members.length) {
      logger.info(`Survey ${ref} has nobody in its audience for ${period}`);
      return true;
    }
    const title = survey.metadata.title ?? survey.metadata.name;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: members },
        payload: {
          title: `Survey: ${title}`,
          description: `${survey.spec.question} Your answer is anonymous; the survey prompt at the bottom right of any portal page takes it until the ${period} period ends.`,
          link: surveyAnswerPath(survey.spec.subject),
          topic: SURVEY_INVITATION_TOPIC,
          severity: 'normal',
          scope: `paved-survey:${ref}:${period}`,
        },
      });
    } catch (error) {
      await db(TABLE).where({ survey_ref: ref, period }).delete();
      throw error;
    }
    logger.info(
      `Invited ${members.length} ${
        members.length === 1 ? 'person' : 'people'
      } to survey ${ref} for ${period}`,
    );
    return true;
  }
}

/**
 * Where the invitation leads: the NPS card of what the survey asks about
 * (its Platform tab; the Platform page for `platform`). The survey prompt
 * shows on every page of the portal to people in the audience who have not
 * answered.
 */
export function surveyAnswerPath(subject: string): string {
  return subject.trim().toLocaleLowerCase('en-US') === 'platform'
    ? '/paved'
    : entityPlatformPath(subject.trim());
}

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
import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  computeNps,
  sanitizeSurveyComment,
  SURVEY_COMMENT_MAX_LENGTH,
  SurveyAnswerReceipt,
  surveyCommentLength,
  SurveyEntity,
  surveyPeriodId,
  SurveyPeriodResult,
  SurveyResults,
  SurveySummary,
  validateSurveyEntity,
} from '@paved/plugin-paved-common';
import { SurveyAnswerStore } from './SurveyAnswerStore';
import { SurveyStateOverride, SurveyStateStore } from './SurveyStateStore';
import { RespondentHasher } from './RespondentHasher';
import { SurveyAudienceResolver } from './SurveyAudienceResolver';
import { DemoDataSeeders } from '../demoDataSeeders';

/** A Survey from the catalog with its validated spec. */
type LoadedSurvey = { ref: string; entity: SurveyEntity };

/**
 * The rules of developer satisfaction surveys: who may answer, one answer
 * per person per period, and results that never show fewer answers than the
 * survey's threshold. Survey definitions come from the catalog; this service
 * stores only answers and open/closed overrides.
 */
export class SurveyService {
  private readonly audience: SurveyAudienceResolver;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      answers: SurveyAnswerStore;
      states: SurveyStateStore;
      hasher: RespondentHasher;
      /** The demo data modules' seeders; absent, demo answers are ignored. */
      demo?: DemoDataSeeders;
      now?: () => Date;
    },
  ) {
    this.audience = new SurveyAudienceResolver(options.catalog, options.auth);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async list(credentials: BackstageCredentials): Promise<SurveySummary[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'Survey' } },
      { credentials },
    );
    const overrides = await this.options.states.getAll();
    const surveys = items
      .map(entity => this.load(entity))
      .filter((s): s is LoadedSurvey => Boolean(s));
    return Promise.all(
      surveys.map(s => this.summarize(s, overrides.get(s.ref), credentials)),
    );
  }

  async get(
    namespace: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<SurveySummary> {
    const survey = await this.find(namespace, name, credentials);
    return this.summarize(
      survey,
      await this.options.states.get(survey.ref),
      credentials,
    );
  }

  async answer(
    namespace: string,
    name: string,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    input: { score: number; comment?: string },
  ): Promise<SurveyAnswerReceipt> {
    const survey = await this.find(namespace, name, credentials);
    const { spec } = survey.entity;
    const override = await this.options.states.get(survey.ref);
    if (!(override ? override.open : spec.status === 'open')) {
      throw new ConflictError(`Survey ${survey.ref} is closed`);
    }
    if (!Number.isInteger(input.score) || input.score < 0 || input.score > 10) {
      throw new InputError('score must be a whole number from 0 to 10');
    }
    const comment = sanitizeSurveyComment(input.comment);
    if (comment && surveyCommentLength(comment) > SURVEY_COMMENT_MAX_LENGTH) {
      throw new InputError(
        `comment must be at most ${SURVEY_COMMENT_MAX_LENGTH} characters`,
      );
    }
    const userRef = credentials.principal.userEntityRef;
    if (!(await this.audience.includes(spec.audience, userRef))) {
      throw new NotAllowedError(
        `You are not in the audience of survey ${survey.ref}`,
      );
    }

    const period = surveyPeriodId(spec.period, this.now());
    await this.seedDemo(survey, period);
    const respondentHash = this.options.hasher.hash(
      survey.ref,
      period,
      userRef,
    );
    const changed = await this.options.answers.exists(
      survey.ref,
      period,
      respondentHash,
    );
    await this.options.answers.upsert({
      surveyRef: survey.ref,
      period,
      respondentHash,
      score: input.score,
      comment,
    });
    return { survey: survey.ref, period, changed };
  }

  async results(
    namespace: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<SurveyResults> {
    const survey = await this.find(namespace, name, credentials);
    return this.resultsOf(
      survey,
      await this.options.states.get(survey.ref),
      credentials,
    );
  }

  /** Results of every survey about `platform` or an entity. */
  async resultsBySubject(
    subject: string,
    credentials: BackstageCredentials,
  ): Promise<SurveyResults[]> {
    const wanted = normalizeSubject(subject);
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'Survey' } },
      { credentials },
    );
    const overrides = await this.options.states.getAll();
    const surveys = items
      .map(entity => this.load(entity))
      .filter(
        (s): s is LoadedSurvey =>
          Boolean(s) &&
          s!.entity.spec.subject.toLocaleLowerCase('en-US') === wanted,
      );
    return Promise.all(
      surveys.map(s => this.resultsOf(s, overrides.get(s.ref), credentials)),
    );
  }

  async setOpen(
    namespace: string,
    name: string,
    open: boolean,
    credentials: BackstageCredentials,
  ): Promise<SurveySummary> {
    const survey = await this.find(namespace, name, credentials);
    const actor = this.options.auth.isPrincipal(credentials, 'user')
      ? credentials.principal.userEntityRef
      : undefined;
    await this.options.states.set(survey.ref, open, actor, this.now());
    return this.summarize(
      survey,
      await this.options.states.get(survey.ref),
      credentials,
    );
  }

  private async find(
    namespace: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<LoadedSurvey> {
    const entity = await this.options.catalog.getEntityByRef(
      { kind: 'survey', namespace, name },
      { credentials },
    );
    const survey = entity && this.load(entity);
    if (!survey) {
      throw new NotFoundError(`No survey ${namespace}/${name} in the catalog`);
    }
    return survey;
  }

  private load(entity: Entity): LoadedSurvey | undefined {
    const result = validateSurveyEntity(entity);
    const ref = stringifyEntityRef(entity);
    if (!result.ok) {
      // The catalog module rejects invalid surveys; this only happens when
      // it is not installed.
      this.options.logger.warn(
        `Ignoring invalid survey ${ref}: ${result.errors.join('; ')}`,
      );
      return undefined;
    }
    return { ref, entity: result.entity };
  }

  /** Lets the demo data modules seed answers (source `demo`) first. */
  private async seedDemo(survey: LoadedSurvey, period: string) {
    const { answers, hasher } = this.options;
    await this.options.demo?.seedSurvey({
      survey: { ...survey, currentPeriod: period },
      addAnswers: rows =>
        answers.insertDemo(
          rows.map(row => ({
            surveyRef: survey.ref,
            period: row.period,
            respondentHash: hasher.hash(survey.ref, row.period, row.respondent),
            score: row.score,
            comment: row.comment,
          })),
        ),
    });
  }

  private async summarize(
    survey: LoadedSurvey,
    override: SurveyStateOverride | undefined,
    credentials: BackstageCredentials,
  ): Promise<SurveySummary> {
    const { entity, ref } = survey;
    const { spec } = entity;
    const currentPeriod = surveyPeriodId(spec.period, this.now());
    await this.seedDemo(survey, currentPeriod);
    const summary: SurveySummary = {
      ref,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
      title: entity.metadata.title,
      question: spec.question,
      ...(spec.followUp ? { followUp: spec.followUp } : {}),
      subject: spec.subject,
      audience: spec.audience,
      period: spec.period,
      currentPeriod,
      minimumAnswers: spec.minimumAnswers,
      open: override ? override.open : spec.status === 'open',
      openSource: override ? 'override' : 'definition',
      demo:
        Boolean(this.options.demo) && (await this.options.answers.hasDemo(ref)),
    };
    if (this.options.auth.isPrincipal(credentials, 'user')) {
      const userRef = credentials.principal.userEntityRef;
      summary.answered = await this.options.answers.exists(
        ref,
        currentPeriod,
        this.options.hasher.hash(ref, currentPeriod, userRef),
      );
      summary.inAudience = await this.audience.includes(spec.audience, userRef);
    }
    return summary;
  }

  private async resultsOf(
    survey: LoadedSurvey,
    override: SurveyStateOverride | undefined,
    credentials: BackstageCredentials,
  ): Promise<SurveyResults> {
    const summary = await this.summarize(survey, override, credentials);
    const [rows, audienceSize] = await Promise.all([
      this.options.answers.list(survey.ref, {
        includeDemo: Boolean(this.options.demo),
      }),
      this.audience.size(survey.entity.spec.audience),
    ]);
    const byPeriod = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byPeriod.get(row.period) ?? [];
      list.push(row);
      byPeriod.set(row.period, list);
    }
    const minimum = survey.entity.spec.minimumAnswers;
    const periods = [...byPeriod.keys()].sort().map(period => {
      const answers = byPeriod.get(period)!;
      const demo = answers.some(a => a.source === 'demo');
      if (answers.length < minimum) {
        // Nothing but the fact that there are too few answers: no count,
        // no score, no comments.
        const hidden: SurveyPeriodResult = {
          period,
          demo,
          tooFewAnswers: true,
        };
        return hidden;
      }
      const nps = computeNps(answers.map(a => a.score));
      const result: SurveyPeriodResult = {
        period,
        demo,
        tooFewAnswers: false,
        responses: nps.responses,
        promoters: nps.promoters,
        passives: nps.passives,
        detractors: nps.detractors,
        nps: nps.nps,
        // Unknown rather than over 100% when there are more answers than
        // people in today's audience (it shrank, or demo answers).
        responseRate:
          audienceSize && nps.responses <= audienceSize
            ? nps.responses / audienceSize
            : null,
        // Sorted by text, so their order says nothing about who answered
        // when.
        comments: answers
          .map(a => a.comment)
          .filter((c): c is string => Boolean(c))
          .sort((a, b) => a.localeCompare(b)),
      };
      return result;
    });
    return { survey: summary, audienceSize, periods };
  }
}

function normalizeSubject(subject: string): string {
  const trimmed = subject.trim();
  if (trimmed.toLocaleLowerCase('en-US') === 'platform') return 'platform';
  try {
    return stringifyEntityRef(
      parseEntityRef(trimmed, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `subject must be "platform" or an entity ref: ${
        (error as Error).message
      }`,
    );
  }
}

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
import { StoredSurveyAnswer, SurveyAnswerStore } from './SurveyAnswerStore';
import {
  ReleasedSurveyResult,
  SurveyPeriodState,
  SurveyPeriodStore,
} from './SurveyPeriodStore';
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
 * stores only answers, open/closed overrides and what each period released.
 *
 * Results cannot single out one answer by polling: while a period takes
 * answers its figures change only in steps of at least the threshold; when
 * it closes they count every answer unless fewer than the threshold came
 * after the last step; and a period's threshold never falls once it has
 * answers, and is frozen when it closes. Demo answers are never counted
 * with real ones.
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
      periods: SurveyPeriodStore;
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

  /** Surveys the catalog shows the caller; `visible` narrows them by ref. */
  async list(
    credentials: BackstageCredentials,
    visible: (surveyRef: string) => boolean = () => true,
  ): Promise<SurveySummary[]> {
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: 'Survey' } },
      { credentials },
    );
    const overrides = await this.options.states.getAll();
    const surveys = items
      .map(entity => this.load(entity))
      .filter((s): s is LoadedSurvey => Boolean(s) && visible(s!.ref));
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
    const { answers, hasher } = this.options;
    const respondentHash = hasher.hash(survey.ref, period, userRef);
    let changed = await answers.exists(survey.ref, period, respondentHash);
    // An answer given before the key was rotated is the same person's.
    for (const previous of hasher.previousHashes(survey.ref, period, userRef)) {
      if (changed) break;
      changed = await answers.rekey(
        survey.ref,
        period,
        previous,
        respondentHash,
      );
    }
    // The threshold in force while the period takes answers.
    await this.options.periods.markOpen(
      survey.ref,
      period,
      spec.minimumAnswers,
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
  /** `visible` narrows the surveys by ref (the caller's decision). */
  async resultsBySubject(
    subject: string,
    credentials: BackstageCredentials,
    visible: (surveyRef: string) => boolean = () => true,
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
          s!.entity.spec.subject.toLocaleLowerCase('en-US') === wanted &&
          visible(s!.ref),
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
      const { hasher } = this.options;
      summary.answered = await this.options.answers.existsAny(
        ref,
        currentPeriod,
        [
          hasher.hash(ref, currentPeriod, userRef),
          ...hasher.previousHashes(ref, currentPeriod, userRef),
        ],
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
    const [rows, audienceSize, states] = await Promise.all([
      this.options.answers.list(survey.ref, {
        includeDemo: Boolean(this.options.demo),
      }),
      this.audience.size(survey.entity.spec.audience),
      this.options.periods.list(survey.ref),
    ]);
    const byPeriod = new Map<
      string,
      { real: StoredSurveyAnswer[]; demo: StoredSurveyAnswer[] }
    >();
    for (const row of rows) {
      const answers = byPeriod.get(row.period) ?? { real: [], demo: [] };
      (row.source === 'demo' ? answers.demo : answers.real).push(row);
      byPeriod.set(row.period, answers);
    }
    const periods: SurveyPeriodResult[] = [];
    for (const period of [...byPeriod.keys()].sort()) {
      const { real, demo } = byPeriod.get(period)!;
      const collecting = summary.open && period === summary.currentPeriod;
      if (real.length) {
        periods.push(
          await this.released(survey, period, real, {
            collecting,
            state: states.get(period),
            audienceSize,
          }),
        );
      } else {
        // Demo answers are never counted with real ones: only a period
        // without any real answer shows them, labelled demo.
        periods.push(
          shownResult(period, {
            demo: true,
            released: aggregate(demo),
            minimumAnswers: survey.entity.spec.minimumAnswers,
            collecting,
            audienceSize,
          }),
        );
      }
    }
    return { survey: summary, audienceSize, periods };
  }

  /**
   * The figures of a period with real answers, as far as they may be
   * released: in steps of at least the threshold while the period takes
   * answers, in full once it closed (unless fewer than the threshold came
   * after the last step: comparing the two would reveal them).
   */
  private async released(
    survey: LoadedSurvey,
    period: string,
    answers: StoredSurveyAnswer[],
    options: {
      collecting: boolean;
      state?: SurveyPeriodState;
      audienceSize: number | null;
    },
  ): Promise<SurveyPeriodResult> {
    const { periods } = this.options;
    const { collecting, state } = options;
    const current = aggregate(answers);
    let released = state?.released;
    const last = released?.responses ?? 0;
    let minimumAnswers: number;
    if (collecting) {
      const wanted = survey.entity.spec.minimumAnswers;
      minimumAnswers =
        !state || state.closed || state.minimumAnswers < wanted
          ? await periods.markOpen(survey.ref, period, wanted)
          : state.minimumAnswers;
      if (current.responses >= last + minimumAnswers) {
        await periods.release(survey.ref, period, current);
        released = current;
      }
    } else {
      // Frozen: the threshold in force while the period was open.
      minimumAnswers = state?.closed
        ? state.minimumAnswers
        : await periods.markClosed(
            survey.ref,
            period,
            survey.entity.spec.minimumAnswers,
          );
      if (
        current.responses >= minimumAnswers &&
        (last === 0 || current.responses - last >= minimumAnswers)
      ) {
        if (current.responses > last) {
          await periods.release(survey.ref, period, current);
        }
        released = current;
      }
    }
    return shownResult(period, {
      demo: false,
      released,
      minimumAnswers,
      collecting,
      audienceSize: options.audienceSize,
    });
  }
}

/** The figures of a set of answers, comments sorted by text. */
function aggregate(answers: StoredSurveyAnswer[]): ReleasedSurveyResult {
  const nps = computeNps(answers.map(a => a.score));
  return {
    responses: nps.responses,
    promoters: nps.promoters,
    passives: nps.passives,
    detractors: nps.detractors,
    nps: nps.nps,
    // Sorted by text, so their order says nothing about who answered when.
    comments: answers
      .map(a => a.comment)
      .filter((c): c is string => Boolean(c))
      .sort((a, b) => a.localeCompare(b)),
  };
}

/** A period's result as the API shows it: released figures or nothing. */
function shownResult(
  period: string,
  options: {
    demo: boolean;
    released?: ReleasedSurveyResult;
    minimumAnswers: number;
    collecting: boolean;
    audienceSize: number | null;
  },
): SurveyPeriodResult {
  const { demo, released, minimumAnswers, collecting, audienceSize } = options;
  if (!released || released.responses < minimumAnswers) {
    // Nothing but the fact that there are too few answers: no count, no
    // score, no comments.
    return { period, demo, tooFewAnswers: true, minimumAnswers, collecting };
  }
  return {
    period,
    demo,
    tooFewAnswers: false,
    responses: released.responses,
    promoters: released.promoters,
    passives: released.passives,
    detractors: released.detractors,
    nps: released.nps,
    // Unknown rather than over 100% when there are more answers than
    // people in today's audience (it shrank, or demo answers).
    responseRate:
      audienceSize && released.responses <= audienceSize
        ? released.responses / audienceSize
        : null,
    comments: released.comments,
    minimumAnswers,
    collecting,
  };
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

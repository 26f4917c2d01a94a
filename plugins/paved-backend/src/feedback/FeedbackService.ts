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
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  canMoveFeedback,
  FEEDBACK_NOTIFICATION_TOPIC,
  FEEDBACK_STATUSES,
  FEEDBACK_TITLE_MAX_LENGTH,
  FEEDBACK_TRANSITIONS,
  feedbackReadPermission,
  FeedbackComment,
  FeedbackFromSurvey,
  FeedbackQuery,
  FeedbackRequest,
  FeedbackRequestDetail,
  FeedbackRequestPage,
  FeedbackStatus,
  FeedbackSubmission,
  FeedbackTriage,
  feedbackStatusLabel,
  sanitizeSurveyComment,
  surveyCommentLength,
} from '@paved/plugin-paved-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityAccess,
  VisibleEntities,
  visibleRefs,
} from '../http/EntityAccess';
import { SurveyService } from '../surveys/SurveyService';
import { FeedbackStore, StoredFeedbackRequest } from './FeedbackStore';

const DESCRIPTION_MAX_LENGTH = 10_000;
const COMMENT_MAX_LENGTH = 5_000;
const AREA_MAX_LENGTH = 100;
const REASON_MAX_LENGTH = 2_000;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const THEME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const MAX_THEMES = 10;

/** Where the portal shows a request; notifications link there. */
export function feedbackRequestLink(id: string): string {
  return `/paved/feedback?request=${encodeURIComponent(id)}`;
}

/**
 * The feedback board: people submit, vote and comment; the platform team
 * triages, merges duplicates and turns survey comments into requests.
 *
 * The service does not ask the write permissions itself: callers decide
 * first (the route guard does; an action asks the same permission).
 * Reads apply what the catalog shows the caller: pass the caller's
 * `visible` entities, or the service works them out from
 * `paved.feedback.read`.
 */
export class FeedbackService {
  constructor(
    private readonly options: {
      store: FeedbackStore;
      catalog: CatalogService;
      notifications: NotificationService;
      permissions: PermissionsService;
      entities: EntityAccess;
      logger: LoggerService;
      surveys?: Pick<SurveyService, 'results'>;
    },
  ) {}

  /** Submits a request as the signed-in user. */
  async submit(
    input: FeedbackSubmission,
    credentials: BackstageCredentials,
  ): Promise<FeedbackRequest> {
    const submitter = userRef(credentials);
    const entityRef = await this.catalogRef(
      input.entityRef,
      'entityRef',
      'component',
      credentials,
    );
    const templateRef = await this.catalogRef(
      input.templateRef,
      'templateRef',
      'template',
      credentials,
    );
    const id = await this.options.store.create({
      title: cleanTitle(input.title),
      description: cleanText(
        input.description,
        'description',
        DESCRIPTION_MAX_LENGTH,
      )!,
      entityRef,
      templateRef,
      area: cleanText(input.area, 'area', AREA_MAX_LENGTH, true),
      submitterRef: submitter,
      createdBy: submitter,
    });
    return this.getStored(id, submitter).then(toApi);
  }

  /**
   * Turns a survey comment into a request. Only a comment the survey's
   * released results show can be used, and only the survey and period are
   * kept: answers carry no identity to copy.
   */
  async fromSurvey(
    input: FeedbackFromSurvey,
    credentials: BackstageCredentials,
  ): Promise<FeedbackRequest> {
    const admin = userRef(credentials);
    const { surveys } = this.options;
    if (!surveys) throw new NotFoundError('Surveys are not available');
    const surveyRef = entityRefOrThrow(input.survey, 'survey', 'survey');
    const { namespace, name } = parseEntityRef(surveyRef);
    const comment = cleanText(
      input.comment,
      'comment',
      DESCRIPTION_MAX_LENGTH,
    )!;
    const results = await surveys.results(namespace, name, credentials);
    const period = results.periods.find(p => p.period === input.period);
    if (!period) {
      throw new InputError(
        `period '${input.period}' has no results in ${surveyRef}`,
      );
    }
    if (!(period.comments ?? []).includes(comment)) {
      throw new InputError(
        `comment is not one of the released comments of ${surveyRef} in ${input.period}`,
      );
    }
    const id = await this.options.store.create({
      title: cleanTitle(input.title),
      description: comment,
      entityRef: await this.catalogRef(
        input.entityRef,
        'entityRef',
        'component',
        credentials,
      ),
      area: cleanText(input.area, 'area', AREA_MAX_LENGTH, true),
      createdBy: admin,
      origin: { survey: surveyRef, period: input.period },
      themes: cleanThemes(input.themes),
    });
    return this.getStored(id, admin).then(toApi);
  }

  /** A page of requests the caller may see. */
  async list(
    query: FeedbackQuery,
    credentials: BackstageCredentials,
    visible?: VisibleEntities,
  ): Promise<FeedbackRequestPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InputError(`limit must be between 1 and ${MAX_PAGE_SIZE}`);
    }
    if (!Number.isInteger(offset) || offset < 0) {
      throw new InputError('offset must be 0 or more');
    }
    if (query.status && !FEEDBACK_STATUSES.includes(query.status)) {
      throw new InputError(`status '${query.status}' is not a status`);
    }
    const seen = visible ?? (await this.visibleTo(credentials));
    const { items, totalCount } = await this.options.store.list({
      sort: query.sort ?? 'votes',
      search: query.q?.trim() || undefined,
      status: query.status,
      theme: query.theme?.trim().toLowerCase() || undefined,
      entityRef: query.entityRef
        ? entityRefOrThrow(query.entityRef, 'entity', 'component')
        : undefined,
      visibleRefs: visibleRefs(seen),
      limit,
      offset,
      viewerRef: viewerRef(credentials),
    });
    return { items: items.map(toApi), totalCount };
  }

  /** The catalog entities a request concerns (for the route's decision). */
  async entityOf(id: string): Promise<string | undefined> {
    return (await this.options.store.get(id))?.entityRef;
  }

  /** One request with its comments, if the caller may see it. */
  async get(
    id: string,
    credentials: BackstageCredentials,
    visible?: VisibleEntities,
  ): Promise<FeedbackRequestDetail> {
    const request = await this.getStored(id, viewerRef(credentials));
    await this.assertVisible(request, credentials, visible);
    const { store } = this.options;
    return {
      ...toApi(request),
      comments: (await store.comments(id)).map(c => ({
        ...c,
        createdAt: c.createdAt.toISOString(),
      })),
      mergedFrom: await store.mergedFrom(id),
    };
  }

  /** Votes for a request; a second vote by the same person is refused. */
  async vote(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<FeedbackRequest> {
    const voter = userRef(credentials);
    const request = await this.getStored(id, voter);
    assertNotMerged(request, 'vote for');
    if (!(await this.options.store.vote(id, voter))) {
      throw new ConflictError(`You have already voted for request ${id}`);
    }
    return this.getStored(id, voter).then(toApi);
  }

  /** Withdraws the caller's vote. */
  async unvote(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<FeedbackRequest> {
    const voter = userRef(credentials);
    await this.getStored(id, voter);
    if (!(await this.options.store.unvote(id, voter))) {
      throw new ConflictError(`You have not voted for request ${id}`);
    }
    return this.getStored(id, voter).then(toApi);
  }

  async comment(
    id: string,
    body: string,
    credentials: BackstageCredentials,
  ): Promise<FeedbackComment> {
    const author = userRef(credentials);
    const request = await this.getStored(id, author);
    assertNotMerged(request, 'comment on');
    const text = cleanText(body, 'body', COMMENT_MAX_LENGTH)!;
    const { id: commentId, createdAt } = await this.options.store.addComment(
      id,
      author,
      text,
    );
    return {
      id: commentId,
      author,
      body: text,
      createdAt: createdAt.toISOString(),
    };
  }

  /**
   * Moves a request to a new status (declined needs a reason) and/or sets
   * its themes. The submitter and voters hear of a status change.
   */
  async triage(
    id: string,
    change: FeedbackTriage,
    credentials: BackstageCredentials,
  ): Promise<FeedbackRequest> {
    const actor = userRef(credentials);
    const request = await this.getStored(id, actor);
    assertNotMerged(request, 'triage');
    const themes =
      change.themes === undefined ? undefined : cleanThemes(change.themes);
    const reason = cleanText(change.reason, 'reason', REASON_MAX_LENGTH, true);
    const status = change.status ?? request.status;
    const moved = status !== request.status;
    if (change.status === undefined && themes === undefined) {
      throw new InputError('Give a status, themes or both');
    }
    if (moved && !canMoveFeedback(request.status, status)) {
      const allowed = FEEDBACK_TRANSITIONS[request.status];
      throw new ConflictError(
        `status cannot move from ${request.status} to ${status}${
          allowed.length
            ? ` (allowed: ${allowed.join(', ')})`
            : ` (${request.status} is final)`
        }`,
      );
    }
    if (status === 'declined' && !reason) {
      throw new InputError('reason is required when a request is declined');
    }
    const updated = await this.options.store.triage(id, {
      expected: request.status,
      status,
      // A reason belongs to the change that gave it.
      reason: moved ? reason : reason ?? request.statusReason,
      themes,
    });
    if (!updated) {
      throw new ConflictError(
        `Request ${id} changed meanwhile; reload it and try again`,
      );
    }
    const after = await this.getStored(id, actor);
    if (moved) await this.notifyStatus(after);
    return toApi(after);
  }

  /**
   * Merges a duplicate into the surviving request: votes move there, one
   * per person, and the duplicate points to it.
   */
  async merge(
    id: string,
    into: string,
    credentials: BackstageCredentials,
  ): Promise<FeedbackRequest> {
    const actor = userRef(credentials);
    if (id === into) {
      throw new InputError('into must name another request than the duplicate');
    }
    const duplicate = await this.getStored(id, actor);
    assertNotMerged(duplicate, 'merge');
    const survivor = await this.options.store.get(into, actor);
    if (!survivor) throw new InputError(`into: no request ${into}`);
    if (survivor.mergedInto) {
      throw new InputError(
        `into: request ${into} was merged into ${survivor.mergedInto}; merge into that one`,
      );
    }
    if (!(await this.options.store.merge(id, into))) {
      throw new ConflictError(`Request ${id} was merged meanwhile`);
    }
    return this.getStored(into, actor).then(toApi);
  }

  private async notifyStatus(request: StoredFeedbackRequest) {
    const recipients = [
      ...new Set([
        ...(request.submitterRef ? [request.submitterRef] : []),
        ...(await this.options.store.voters(request.id)),
      ]),
    ];
    if (!recipients.length) return;
    const label = feedbackStatusLabel(request.status).toLowerCase();
    const shipped = request.status === 'shipped';
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: shipped
            ? `Shipped: ${request.title}`
            : `Feedback "${request.title}" is now ${label}`,
          description: request.statusReason
            ? `${feedbackStatusLabel(request.status)}: ${request.statusReason}`
            : `A request you submitted or voted for is now ${label}.`,
          link: feedbackRequestLink(request.id),
          topic: FEEDBACK_NOTIFICATION_TOPIC,
          // One notification per request, updated as it moves on.
          scope: `paved-feedback:${request.id}`,
          severity: shipped ? 'normal' : 'low',
        },
      });
    } catch (error) {
      // The change stands; a notification outage must not undo it.
      this.options.logger.warn(
        `Could not notify about feedback request ${request.id}: ${error}`,
      );
    }
  }

  private async getStored(
    id: string,
    viewer?: string,
  ): Promise<StoredFeedbackRequest> {
    const request = await this.options.store.get(id, viewer);
    if (!request) throw new NotFoundError(`No feedback request ${id}`);
    return request;
  }

  private async visibleTo(
    credentials: BackstageCredentials,
  ): Promise<VisibleEntities> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: feedbackReadPermission }],
      { credentials },
    );
    return this.options.entities.visible(decision, credentials);
  }

  private async assertVisible(
    request: StoredFeedbackRequest,
    credentials: BackstageCredentials,
    visible?: VisibleEntities,
  ) {
    const refs = [request.entityRef, request.templateRef].filter(
      (r): r is string => Boolean(r),
    );
    if (!refs.length) {
      if (visible) return;
      const [decision] = await this.options.permissions.authorizeConditional(
        [{ permission: feedbackReadPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.DENY) return;
    } else {
      const seen = visible ?? (await this.visibleTo(credentials));
      const allowed = visibleRefs(seen);
      if (!allowed || refs.every(r => allowed.includes(r))) return;
    }
    // Not found rather than forbidden: its existence is not told either.
    throw new NotFoundError(`No feedback request ${request.id}`);
  }

  /**
   * A catalog ref from a request, normalised, that must name an entity the
   * caller can see; undefined when not given.
   */
  private async catalogRef(
    value: string | undefined,
    field: string,
    defaultKind: string,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    if (value === undefined || value.trim() === '') return undefined;
    const ref = entityRefOrThrow(value.trim(), field, defaultKind);
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity)
      throw new InputError(`${field} '${value}' is not in the catalog`);
    return ref;
  }
}

function userRef(credentials: BackstageCredentials): string {
  const ref = viewerRef(credentials);
  if (!ref) {
    throw new NotAllowedError(
      'Feedback is written by people: sign in as a user (service tokens may only read)',
    );
  }
  return ref;
}

function viewerRef(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

function entityRefOrThrow(
  value: string,
  field: string,
  defaultKind: string,
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    throw new InputError(`${field} '${value}' is not an entity ref`);
  }
}

function assertNotMerged(request: StoredFeedbackRequest, what: string) {
  if (request.mergedInto) {
    throw new ConflictError(
      `Request ${request.id} was merged into ${request.mergedInto}: ${what} that one instead`,
    );
  }
}

/** Plain text, cleaned like survey comments, with a length limit. */
function cleanText(
  value: string | undefined,
  field: string,
  max: number,
  optional = false,
): string | undefined {
  const text = sanitizeSurveyComment(value);
  if (!text) {
    if (optional) return undefined;
    throw new InputError(`${field} must not be empty`);
  }
  if (surveyCommentLength(text) > max) {
    throw new InputError(`${field} is longer than ${max} characters`);
  }
  return text;
}

function cleanTitle(value: string): string {
  const title = cleanText(value, 'title', FEEDBACK_TITLE_MAX_LENGTH)!;
  // One line: titles show in lists and notification headlines.
  return title.replace(/\s+/g, ' ');
}

function cleanThemes(themes: string[] | undefined): string[] {
  if (!themes) return [];
  const cleaned = themes.map((theme, i) => {
    const t = String(theme).trim().toLowerCase();
    if (!THEME.test(t)) {
      throw new InputError(
        `themes[${i}] '${theme}' must be lowercase letters, digits and dashes (up to 40)`,
      );
    }
    return t;
  });
  const unique = [...new Set(cleaned)];
  if (unique.length > MAX_THEMES) {
    throw new InputError(`themes: at most ${MAX_THEMES}`);
  }
  return unique;
}

function toApi(r: StoredFeedbackRequest): FeedbackRequest {
  const optional = <T>(key: string, value: T | undefined) =>
    value === undefined ? {} : { [key]: value };
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    ...optional('entityRef', r.entityRef),
    ...optional('templateRef', r.templateRef),
    ...optional('area', r.area),
    ...optional('submitter', r.submitterRef),
    ...optional('origin', r.origin),
    status: r.status as FeedbackStatus,
    ...optional('statusReason', r.statusReason),
    themes: r.themes,
    votes: r.votes,
    votedByMe: r.votedByMe,
    commentCount: r.commentCount,
    ...optional('mergedInto', r.mergedInto),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

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
import { FeedbackSort, FeedbackStatus } from '@paved/plugin-paved-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { whereInList } from '../database/inList';
import { toDate } from '../deployments/time';

const REQUESTS = 'paved_feedback_requests';
const VOTES = 'paved_feedback_votes';
const COMMENTS = 'paved_feedback_comments';
const THEMES = 'paved_feedback_themes';

/** A stored request with its counts, as the service reads it. */
export type StoredFeedbackRequest = {
  id: string;
  title: string;
  description: string;
  entityRef?: string;
  templateRef?: string;
  area?: string;
  submitterRef?: string;
  createdBy: string;
  origin?: { survey: string; period: string };
  status: FeedbackStatus;
  statusReason?: string;
  mergedInto?: string;
  themes: string[];
  votes: number;
  votedByMe: boolean;
  commentCount: number;
  createdAt: Date;
  updatedAt: Date;
};

export type NewFeedbackRequest = {
  title: string;
  description: string;
  entityRef?: string;
  templateRef?: string;
  area?: string;
  submitterRef?: string;
  createdBy: string;
  origin?: { survey: string; period: string };
  themes?: string[];
};

/** Which requests a list covers; `visibleRefs` undefined means all. */
export type FeedbackListFilter = {
  sort: FeedbackSort;
  search?: string;
  status?: FeedbackStatus;
  theme?: string;
  entityRef?: string;
  /** Entities the caller may see; requests about others are left out. */
  visibleRefs?: string[];
  limit: number;
  offset: number;
  /** Whose votes `votedByMe` reports. */
  viewerRef?: string;
};

/** Rows an insert returned: an array on PostgreSQL, ids on SQLite. */
function insertedCount(result: unknown): number {
  return Array.isArray(result) ? result.length : Number(result ?? 0);
}

/** Escapes LIKE wildcards so a search matches the text as typed. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

/**
 * Feedback requests, votes, comments and themes in the database. Votes
 * have the key (request, voter), so one person's concurrent votes are one
 * row whatever the interleaving.
 */
export class FeedbackStore {
  constructor(private readonly db: Knex) {}

  async create(input: NewFeedbackRequest): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await this.db.transaction(async tx => {
      await tx(REQUESTS).insert({
        id,
        title: input.title,
        description: input.description,
        entity_ref: input.entityRef ?? null,
        template_ref: input.templateRef ?? null,
        area: input.area ?? null,
        submitter_ref: input.submitterRef ?? null,
        created_by: input.createdBy,
        origin_survey_ref: input.origin?.survey ?? null,
        origin_period: input.origin?.period ?? null,
        status: 'new',
        created_at: now,
        updated_at: now,
      });
      await this.writeThemes(tx, id, input.themes ?? []);
    });
    return id;
  }

  async get(
    id: string,
    viewerRef?: string,
  ): Promise<StoredFeedbackRequest | undefined> {
    const rows = await this.selectRequests(viewerRef).where('r.id', id);
    if (!rows.length) return undefined;
    const [request] = await this.withThemes(rows);
    return request;
  }

  async list(
    filter: FeedbackListFilter,
  ): Promise<{ items: StoredFeedbackRequest[]; totalCount: number }> {
    const { db } = this;
    const where = (query: Knex.QueryBuilder) => {
      query.whereNull('r.merged_into');
      if (filter.status) query.where('r.status', filter.status);
      if (filter.entityRef) query.where('r.entity_ref', filter.entityRef);
      if (filter.theme) {
        query.whereExists(
          db(`${THEMES} as t`)
            .select(db.raw('1'))
            .whereRaw('t.request_id = r.id')
            .andWhere('t.theme', filter.theme),
        );
      }
      if (filter.search) {
        const pattern = likePattern(filter.search);
        query.where(inner =>
          inner
            .whereRaw(`lower(r.title) like ? escape '\\'`, [pattern])
            .orWhereRaw(`lower(r.description) like ? escape '\\'`, [pattern]),
        );
      }
      const refs = filter.visibleRefs;
      if (refs) {
        for (const column of ['r.entity_ref', 'r.template_ref']) {
          query.where(inner =>
            inner
              .whereNull(column)
              .orWhere(visible => whereInList(db, visible, column, refs)),
          );
        }
      }
      return query;
    };
    const [{ total }] = await where(db(`${REQUESTS} as r`)).count({
      total: '*',
    });
    const query = where(this.selectRequests(filter.viewerRef));
    const firstTheme = `(select min(t.theme) from ${THEMES} t where t.request_id = r.id)`;
    if (filter.sort === 'theme') {
      // Requests without a theme last, then by votes within a theme.
      query.orderByRaw(`${firstTheme} is null, ${firstTheme} asc`);
    }
    if (filter.sort !== 'recent') query.orderBy('votes', 'desc');
    query.orderBy('r.created_at', 'desc').orderBy('r.id', 'asc');
    const rows = await query.limit(filter.limit).offset(filter.offset);
    return { items: await this.withThemes(rows), totalCount: Number(total) };
  }

  /** Adds a vote; false when the person had voted already. */
  async vote(requestId: string, voterRef: string): Promise<boolean> {
    const inserted = await this.db(VOTES)
      .insert({
        request_id: requestId,
        voter_ref: voterRef,
        created_at: new Date(),
      })
      .onConflict(['request_id', 'voter_ref'])
      .ignore()
      .returning('voter_ref');
    return insertedCount(inserted) > 0;
  }

  /** Withdraws a vote; false when there was none. */
  async unvote(requestId: string, voterRef: string): Promise<boolean> {
    const deleted = await this.db(VOTES)
      .where({ request_id: requestId, voter_ref: voterRef })
      .delete();
    return deleted > 0;
  }

  /** Everyone who votes for a request. */
  async voters(requestId: string): Promise<string[]> {
    const rows = await this.db(VOTES)
      .where({ request_id: requestId })
      .orderBy('voter_ref')
      .select('voter_ref');
    return rows.map(r => r.voter_ref);
  }

  async addComment(
    requestId: string,
    authorRef: string,
    body: string,
  ): Promise<{ id: string; createdAt: Date }> {
    const id = randomUUID();
    const createdAt = new Date();
    await this.db(COMMENTS).insert({
      id,
      request_id: requestId,
      author_ref: authorRef,
      body,
      created_at: createdAt,
    });
    return { id, createdAt };
  }

  async comments(
    requestId: string,
  ): Promise<
    Array<{ id: string; author: string; body: string; createdAt: Date }>
  > {
    const rows = await this.db(COMMENTS)
      .where({ request_id: requestId })
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc');
    return rows.map(r => ({
      id: r.id,
      author: r.author_ref,
      body: r.body,
      createdAt: toDate(r.created_at),
    }));
  }

  /** Ids of the duplicates merged into a request. */
  async mergedFrom(requestId: string): Promise<string[]> {
    const rows = await this.db(REQUESTS)
      .where({ merged_into: requestId })
      .orderBy('created_at')
      .select('id');
    return rows.map(r => r.id);
  }

  /**
   * Sets status and reason, and themes when given, if the status is still
   * `expected` (another admin may have moved it meanwhile).
   */
  async triage(
    id: string,
    change: {
      expected: FeedbackStatus;
      status: FeedbackStatus;
      reason?: string;
      themes?: string[];
    },
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const updated = await tx(REQUESTS)
        .where({ id, status: change.expected })
        .whereNull('merged_into')
        .update({
          status: change.status,
          status_reason: change.reason ?? null,
          updated_at: new Date(),
        });
      if (updated === 0) return false;
      if (change.themes) await this.writeThemes(tx, id, change.themes);
      return true;
    });
  }

  /**
   * Merges a duplicate into the surviving request: its votes move there
   * (a person who voted for both keeps one vote) and it points to it.
   * False when the duplicate was merged meanwhile.
   */
  async merge(duplicateId: string, survivorId: string): Promise<boolean> {
    return this.db.transaction(async tx => {
      const marked = await tx(REQUESTS)
        .where({ id: duplicateId })
        .whereNull('merged_into')
        .update({ merged_into: survivorId, updated_at: new Date() });
      if (marked === 0) return false;
      const moved = await tx(VOTES).where({ request_id: duplicateId });
      if (moved.length) {
        await tx(VOTES)
          .insert(
            moved.map(v => ({
              request_id: survivorId,
              voter_ref: v.voter_ref,
              created_at: v.created_at,
            })),
          )
          .onConflict(['request_id', 'voter_ref'])
          .ignore();
      }
      await tx(VOTES).where({ request_id: duplicateId }).delete();
      // Requests merged into the duplicate earlier follow it.
      await tx(REQUESTS)
        .where({ merged_into: duplicateId })
        .update({ merged_into: survivorId });
      await tx(REQUESTS)
        .where({ id: survivorId })
        .update({ updated_at: new Date() });
      return true;
    });
  }

  private selectRequests(viewerRef?: string): Knex.QueryBuilder {
    const db = this.db;
    return db(`${REQUESTS} as r`).select(
      'r.*',
      db(`${VOTES} as v`)
        .count('*')
        .whereRaw('v.request_id = r.id')
        .as('votes'),
      db(`${COMMENTS} as c`)
        .count('*')
        .whereRaw('c.request_id = r.id')
        .as('comment_count'),
      viewerRef
        ? db(`${VOTES} as mine`)
            .count('*')
            .whereRaw('mine.request_id = r.id')
            .andWhere('mine.voter_ref', viewerRef)
            .as('voted_by_me')
        : db.raw('0 as voted_by_me'),
    );
  }

  private async withThemes(rows: any[]): Promise<StoredFeedbackRequest[]> {
    const ids = rows.map(r => r.id);
    const themes = ids.length
      ? await this.db(THEMES)
          .whereIn('request_id', ids)
          .orderBy('theme')
          .select('request_id', 'theme')
      : [];
    const byRequest = new Map<string, string[]>();
    for (const t of themes) {
      byRequest.set(t.request_id, [
        ...(byRequest.get(t.request_id) ?? []),
        t.theme,
      ]);
    }
    return rows.map(r => ({
      id: r.id,
      title: r.title,
      description: r.description,
      entityRef: r.entity_ref ?? undefined,
      templateRef: r.template_ref ?? undefined,
      area: r.area ?? undefined,
      submitterRef: r.submitter_ref ?? undefined,
      createdBy: r.created_by,
      origin: r.origin_survey_ref
        ? { survey: r.origin_survey_ref, period: r.origin_period }
        : undefined,
      status: r.status,
      statusReason: r.status_reason ?? undefined,
      mergedInto: r.merged_into ?? undefined,
      themes: byRequest.get(r.id) ?? [],
      votes: Number(r.votes),
      votedByMe: Number(r.voted_by_me) > 0,
      commentCount: Number(r.comment_count),
      createdAt: toDate(r.created_at),
      updatedAt: toDate(r.updated_at),
    }));
  }

  private async writeThemes(tx: Knex, id: string, themes: string[]) {
    await tx(THEMES).where({ request_id: id }).delete();
    if (themes.length) {
      await tx(THEMES).insert(themes.map(theme => ({ request_id: id, theme })));
    }
  }
}

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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  feedbackStatusLabel,
  formatDoraValue,
  ReportListItem,
  ReportListSection,
  ReportNpsSection,
  ReportRoadmapSection,
  RoadmapItem,
  shiftSurveyPeriod,
  surveyPeriodStart,
  SurveyPeriodKind,
} from '@paved/plugin-paved-common';
import { FeedbackService } from '../feedback/FeedbackService';
import { RoadmapService } from '../roadmap/RoadmapService';
import { count, figure, percent } from './figures';

/** Where the roadmap and the feedback board are in the portal. */
export const EXTRA_LINKS = {
  roadmap: '/paved/roadmap',
  feedback: '/paved/feedback',
};

/** Requests read to find the top-voted open ones and the survey themes. */
const REQUESTS_READ = 100;
const TOP_REQUESTS = 5;
const TOP_THEMES = 5;

/**
 * The report sections that come from the product-loop features (roadmap
 * and feedback board), when they are installed: each answers with the
 * caller's credentials.
 */
export interface ReportExtras {
  roadmap?: {
    /** Items shipped within `days` and the ones planned next. */
    section(
      days: { from: string; to: string },
      credentials: BackstageCredentials,
      /** The items the caller's roadmap decision covers (undefined: all). */
      visible?: (itemRef: string) => boolean,
    ): Promise<ReportRoadmapSection>;
  };
  feedback?: {
    /** The open requests with the most votes. */
    topVoted(credentials: BackstageCredentials): Promise<ReportListSection>;
    /** Themes of the requests made from the month's survey comments. */
    surveyThemes(
      month: string,
      credentials: BackstageCredentials,
    ): Promise<ReportNpsSection['themes']>;
  };
}

/** A roadmap outcome value with its unit, as the roadmap page shows it. */
function outcomeText(value: number, unit: RoadmapItem['outcome']['unit']) {
  switch (unit) {
    case 'seconds':
      return formatDoraValue(value, 'seconds');
    case 'ratio':
      return percent(value);
    case 'nps':
      return String(Math.round(value));
    default:
      return value.toFixed(1).replace(/\.0$/, '');
  }
}

function roadmapItem(item: RoadmapItem): ReportListItem {
  const { outcome } = item;
  const link = EXTRA_LINKS.roadmap;
  const before = outcome.before?.value;
  const after = outcome.after?.value;
  const shipped = item.horizon === 'shipped';
  const value = shipped ? after : outcome.current?.value;
  const detail = shipped
    ? `${outcome.label}: ${
        before === null || before === undefined
          ? 'n/a'
          : outcomeText(before, outcome.unit)
      } before, target ${outcomeText(outcome.target, outcome.unit)}`
    : `${outcome.label}, target ${outcomeText(outcome.target, outcome.unit)}`;
  return {
    title: item.title,
    link,
    status: item.horizon,
    ...(item.shippedOn ? { date: item.shippedOn } : {}),
    detail,
    figure: figure(
      value,
      `${shipped ? 'after: ' : 'now: '}${
        value === null || value === undefined
          ? 'n/a'
          : outcomeText(value, outcome.unit)
      }`,
      link,
    ),
  };
}

/** The period kind a survey period id is written in. */
function periodKind(period: string): SurveyPeriodKind | undefined {
  if (/^\d{4}-W\d{2}$/.test(period)) return 'weekly';
  if (/^\d{4}-\d{2}$/.test(period)) return 'monthly';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarterly';
  if (/^\d{4}$/.test(period)) return 'yearly';
  return undefined;
}

/**
 * The report sections of the roadmap and the feedback board, read through
 * their services with the caller's credentials.
 */
export function reportExtrasFrom(services: {
  roadmap?: RoadmapService;
  feedback?: FeedbackService;
}): ReportExtras {
  const { roadmap, feedback } = services;
  return {
    ...(roadmap && {
      roadmap: {
        async section(days, credentials, visible) {
          const items = await roadmap.list(credentials, { visible });
          return {
            available: true,
            link: EXTRA_LINKS.roadmap,
            shipped: items.shipped
              .filter(
                i =>
                  i.shippedOn &&
                  i.shippedOn >= days.from &&
                  i.shippedOn <= days.to,
              )
              .map(roadmapItem),
            next: [...items.now, ...items.next].map(roadmapItem),
          };
        },
      },
    }),
    ...(feedback && {
      feedback: {
        async topVoted(credentials) {
          const { items } = await feedback.list(
            { sort: 'votes', limit: REQUESTS_READ },
            credentials,
          );
          return {
            available: true,
            link: EXTRA_LINKS.feedback,
            items: items
              .filter(
                r =>
                  !r.mergedInto &&
                  r.status !== 'shipped' &&
                  r.status !== 'declined',
              )
              .slice(0, TOP_REQUESTS)
              .map(r => {
                // The board opens the request named in the URL.
                const link = `${
                  EXTRA_LINKS.feedback
                }?request=${encodeURIComponent(r.id)}`;
                return {
                  title: r.title,
                  link,
                  status: feedbackStatusLabel(r.status),
                  figure: figure(
                    r.votes,
                    `${r.votes} ${r.votes === 1 ? 'vote' : 'votes'}`,
                    link,
                  ),
                };
              }),
          };
        },
        async surveyThemes(month, credentials) {
          const [year, m] = month.split('-').map(Number);
          const start = Date.UTC(year, m - 1, 1);
          const end = Date.UTC(year, m, 1);
          const { items } = await feedback.list(
            { sort: 'votes', limit: REQUESTS_READ },
            credentials,
          );
          const counts = new Map<string, number>();
          let fromSurveys = 0;
          for (const request of items) {
            const kind = request.origin && periodKind(request.origin.period);
            if (!kind || request.mergedInto) continue;
            const period = request.origin!.period;
            const from = surveyPeriodStart(kind, period).getTime();
            const until = surveyPeriodStart(
              kind,
              shiftSurveyPeriod(kind, period, 1),
            ).getTime();
            // Periods overlapping the month (UTC, like survey periods).
            if (from >= end || until <= start) continue;
            fromSurveys++;
            for (const theme of request.themes) {
              counts.set(theme, (counts.get(theme) ?? 0) + 1);
            }
          }
          if (!counts.size) {
            return {
              available: false,
              notAvailableReason: fromSurveys
                ? "the requests made from this month's survey comments have no themes yet"
                : "no feedback request was made from this month's survey comments; the platform team tags themes on the feedback board",
              items: [],
            };
          }
          return {
            available: true,
            items: [...counts.entries()]
              .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
              .slice(0, TOP_THEMES)
              .map(([theme, n]) => ({
                theme,
                count: count(n, EXTRA_LINKS.feedback),
              })),
          };
        },
      },
    }),
  };
}

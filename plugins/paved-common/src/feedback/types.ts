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
import * as generated from '../generated/models';

/** @public */
export type FeedbackStatus = generated.FeedbackStatus;
/** @public */
export type FeedbackRequest = generated.FeedbackRequest;
/** @public */
export type FeedbackRequestDetail = generated.FeedbackRequestDetail;
/** @public */
export type FeedbackRequestPage = generated.FeedbackRequestPage;
/** @public */
export type FeedbackComment = generated.FeedbackComment;
/** @public */
export type FeedbackSubmission = generated.FeedbackSubmission;
/** @public */
export type FeedbackFromSurvey = generated.FeedbackFromSurveyRequest;
/** @public */
export type FeedbackTriage = generated.FeedbackTriageRequest;

/** How a list of requests is ordered. @public */
export type FeedbackSort = 'votes' | 'recent' | 'theme';

/**
 * A query of the feedback board.
 *
 * @public
 */
export type FeedbackQuery = {
  sort?: FeedbackSort;
  /** Text searched in titles and descriptions. */
  q?: string;
  status?: FeedbackStatus;
  theme?: string;
  /** Only requests about this entity ref. */
  entityRef?: string;
  limit?: number;
  offset?: number;
};

/**
 * Every status, in the order a request moves through them.
 *
 * @public
 */
export const FEEDBACK_STATUSES: FeedbackStatus[] = [
  'new',
  'under_review',
  'planned',
  'in_progress',
  'shipped',
  'declined',
];

/**
 * The statuses a request may move to from each status: one step forward,
 * one step back while not shipped, declined from anywhere before shipping,
 * and a declined request reopened for review. Shipped is final.
 *
 * @public
 */
export const FEEDBACK_TRANSITIONS: Record<FeedbackStatus, FeedbackStatus[]> = {
  new: ['under_review', 'declined'],
  under_review: ['planned', 'new', 'declined'],
  planned: ['in_progress', 'under_review', 'declined'],
  in_progress: ['shipped', 'planned', 'declined'],
  shipped: [],
  declined: ['under_review'],
};

/**
 * Whether a request may move from one status to another.
 *
 * @public
 */
export function canMoveFeedback(
  from: FeedbackStatus,
  to: FeedbackStatus,
): boolean {
  return FEEDBACK_TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * A status as people read it: `in_progress` → `In progress`.
 *
 * @public
 */
export function feedbackStatusLabel(status: FeedbackStatus): string {
  const text = status.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Notification topic of feedback status changes; people opt out of it in
 * Backstage's notification settings.
 *
 * @public
 */
export const FEEDBACK_NOTIFICATION_TOPIC = 'paved-feedback';

/**
 * Longest title accepted, in characters after clean-up.
 *
 * @public
 */
export const FEEDBACK_TITLE_MAX_LENGTH = 200;

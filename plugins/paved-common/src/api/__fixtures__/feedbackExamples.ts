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
  FeedbackComment,
  FeedbackRequest,
  FeedbackRequestDetail,
  FeedbackRequestPage,
} from '../../feedback/types';

/* Answers of the feedback routes, for the contract test. */

const request: FeedbackRequest = {
  id: '2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40',
  title: 'Preview environments for pull requests',
  description: 'Reviewing UI changes needs a running build.',
  entityRef: 'component:default/checkout',
  area: 'environments',
  submitter: 'user:default/jane',
  status: 'planned',
  themes: ['environments'],
  votes: 12,
  votedByMe: true,
  commentCount: 1,
  createdAt: '2026-11-02T09:30:00.000Z',
  updatedAt: '2026-11-20T14:00:00.000Z',
};

const fromSurvey: FeedbackRequest = {
  id: '7c1d9e2f-0a3b-4c5d-8e6f-1a2b3c4d5e6f',
  title: 'Docs are hard to find',
  description: 'I never find the docs for the golden paths.',
  origin: { survey: 'survey:default/paved-platform-nps', period: '2026-Q4' },
  status: 'new',
  themes: [],
  votes: 0,
  votedByMe: false,
  commentCount: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

const comment: FeedbackComment = {
  id: '9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a',
  author: 'user:default/sam',
  body: 'We would use this every day.',
  createdAt: '2026-11-03T08:00:00.000Z',
};

const detail: FeedbackRequestDetail = {
  ...request,
  comments: [comment],
  mergedFrom: ['4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b'],
};

const page: FeedbackRequestPage = { items: [request], totalCount: 1 };

/** A successful answer per feedback operation id. */
export const feedbackExampleResponses: Record<
  string,
  { status: number; body: unknown }
> = {
  ListFeedbackRequests: { status: 200, body: page },
  SubmitFeedbackRequest: {
    status: 200,
    body: { ...request, status: 'new', votes: 0, votedByMe: false },
  },
  CreateFeedbackFromSurvey: { status: 200, body: fromSurvey },
  GetFeedbackRequest: { status: 200, body: detail },
  VoteFeedbackRequest: { status: 200, body: request },
  UnvoteFeedbackRequest: {
    status: 200,
    body: { ...request, votes: 11, votedByMe: false },
  },
  CommentFeedbackRequest: { status: 200, body: comment },
  TriageFeedbackRequest: {
    status: 200,
    body: { ...request, status: 'declined', statusReason: 'Out of scope' },
  },
  MergeFeedbackRequest: { status: 200, body: { ...request, votes: 15 } },
};

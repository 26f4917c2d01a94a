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

/** Where a pull request's preview is. */
export type PreviewState =
  | 'pending'
  | 'deploying'
  | 'active'
  | 'refused'
  | 'failed'
  | 'deleting'
  | 'deleted'
  | 'skipped';

/**
 * What one pull-request event asks of its preview: the head commit
 * deployed (`active`) or the preview removed (`closed`).
 */
export type PreviewRequest = {
  scm: 'github' | 'gitlab';
  /** `owner/name` (GitHub) or the project's path with its groups (GitLab). */
  repository: string;
  number: number;
  title?: string;
  /** The pull request's page. */
  webUrl?: string;
  headSha: string;
  headRef?: string;
  desired: 'active' | 'closed';
  /** The pull request's update time: a redelivered older event changes nothing. */
  updatedAt: Date;
  /** A reopen brings a refused, failed or removed preview back. */
  reopened?: boolean;
};

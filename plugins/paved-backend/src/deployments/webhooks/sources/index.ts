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
import { WebhookSource } from '../types';
import { argocdSource } from './argocd';
import { demoSource } from './demo';
import { genericSource } from './generic';
import { githubSource } from './github';
import { gitlabSource } from './gitlab';
import { pagerdutySource } from './pagerduty';

/** Every webhook sender Paved understands, by the path segment it posts to. */
export const webhookSources: Record<string, WebhookSource> = {
  github: githubSource,
  gitlab: gitlabSource,
  argocd: argocdSource,
  pagerduty: pagerdutySource,
  generic: genericSource,
};

/**
 * Every source the webhook processor interprets: the senders above, and
 * the demo data's deliveries, which come from inside the backend.
 */
export const deliverySources: Record<string, WebhookSource> = {
  ...webhookSources,
  demo: demoSource,
};

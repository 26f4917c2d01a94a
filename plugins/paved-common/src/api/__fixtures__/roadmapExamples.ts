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
import { Roadmap, RoadmapItem } from '../../roadmap/types';

const shipped: RoadmapItem = {
  ref: 'roadmapitem:default/score-everywhere',
  namespace: 'default',
  name: 'score-everywhere',
  title: 'Score files generated for every service',
  owner: 'group:default/platform-team',
  problem: 'Writing deployment config by hand is the most common complaint.',
  horizon: 'shipped',
  shippedOn: '2026-10-22',
  requests: ['2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40'],
  outcome: {
    metric: 'leadTime',
    label: 'Lead time for changes (median) of group:default/team-web',
    subject: 'group:default/team-web',
    unit: 'seconds',
    target: 86400,
    direction: 'decrease',
    windowDays: 28,
    before: {
      from: '2026-09-24T00:00:00.000Z',
      to: '2026-10-22T00:00:00.000Z',
      value: 183600,
      sampleCount: 14,
      sampleUnit: 'commits',
      deployments: 6,
    },
    after: {
      from: '2026-10-22T00:00:00.000Z',
      to: '2026-11-19T00:00:00.000Z',
      value: 61200,
      sampleCount: 21,
      sampleUnit: 'commits',
      deployments: 11,
    },
    targetMet: true,
  },
};

const later: RoadmapItem = {
  ref: 'roadmapitem:default/cost-visibility',
  namespace: 'default',
  name: 'cost-visibility',
  title: 'Cost per component',
  owner: 'group:default/platform-team',
  problem: 'Teams cannot see what their workloads cost.',
  horizon: 'later',
  requests: [],
  outcome: {
    metric: 'nps',
    label: 'NPS of survey:default/paved-platform-nps',
    subject: 'survey:default/paved-platform-nps',
    unit: 'nps',
    target: 40,
    direction: 'increase',
    windowDays: 28,
    current: {
      from: '2026-07-01T00:00:00.000Z',
      to: '2026-10-01T00:00:00.000Z',
      value: null,
      sampleCount: 0,
      sampleUnit: 'answers',
      notAvailableReason: 'no survey period has released results yet',
    },
    targetMet: null,
  },
};

const roadmap: Roadmap = {
  windowDays: 28,
  now: [],
  next: [],
  later: [later],
  shipped: [shipped],
  invalid: 0,
};

/** Example answers of the roadmap operations. */
export const roadmapExampleResponses = {
  GetRoadmap: { status: 200, body: roadmap },
  GetRoadmapItem: { status: 200, body: shipped },
};

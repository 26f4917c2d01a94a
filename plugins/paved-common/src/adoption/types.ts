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

/**
 * Scores of one component with the checks and facts behind them. Answer of
 * `GET /v1/adoption/scores?entity=<ref>`.
 *
 * @public
 */
export type EntityScores = generated.EntityScores;

/**
 * A count out of a total. `share` is null when the total is 0 (no data is
 * not 0 %).
 *
 * @public
 */
export type AdoptionShare = generated.AdoptionShare;

/** @public */
export type AdoptionFunnelStageId = generated.AdoptionFunnelStage['id'];

/**
 * One stage of the adoption funnel. Each stage counts the components that
 * meet its condition and every earlier one; `share` is of all components.
 *
 * @public
 */
export type AdoptionFunnelStage = generated.AdoptionFunnelStage;

/**
 * Runs of one software template in the scaffolder's task history.
 *
 * @public
 */
export type TemplateUsage = generated.TemplateUsage;

/**
 * Template runs and their success rate over the window.
 *
 * @public
 */
export type TemplateRunStats = generated.TemplateRunStats;

/**
 * Distinct signed-in users with a page view in the last 7 and 30 days.
 *
 * @public
 */
export type ActiveUsers = generated.ActiveUsers;

/**
 * The product metrics of the platform at one point in time.
 *
 * @public
 */
export type AdoptionMetrics = generated.AdoptionMetrics;

/**
 * One day of the leading indicators (the last computation of the day).
 *
 * @public
 */
export type AdoptionHistoryPoint = generated.AdoptionHistoryPoint;

/**
 * A component far off the golden path.
 *
 * @public
 */
export type OffPathComponent = generated.OffPathComponent;

/**
 * Answer of `GET /v1/adoption`: the platform team's product view.
 *
 * @public
 */
export type AdoptionReport = generated.AdoptionReport;

/**
 * Answer of `POST /v1/adoption/refresh`.
 *
 * @public
 */
export type AdoptionRefreshResult = generated.AdoptionRefreshResult;

/**
 * A Backstage analytics event the portal forwards (page views only).
 *
 * @public
 */
export type PageViewEvent = generated.PageViewEvent;

/**
 * Answer of `POST /v1/analytics/page-views`.
 *
 * @public
 */
export type PageViewsRecorded = generated.PageViewsRecorded;

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
 * The monthly platform report: executive summary, DORA per team, NPS,
 * adoption, scores, SLOs, roadmap and top requests. Every number is a
 * {@link ReportFigure} with the portal view it comes from.
 *
 * @public
 */
export type PlatformReport = generated.PlatformReport;

/**
 * A number of the report with its formatted text and the portal path of
 * the view it comes from; `value` is null when there is no data.
 *
 * @public
 */
export type ReportFigure = generated.ReportFigure;

/** @public */
export type ReportMetricChange = generated.ReportMetricChange;
/** @public */
export type ReportDoraMetrics = generated.ReportDoraMetrics;
/** @public */
export type ReportDoraTeam = generated.ReportDoraTeam;
/** @public */
export type ReportDoraSection = generated.ReportDoraSection;
/** @public */
export type ReportSurvey = generated.ReportSurvey;
/** @public */
export type ReportNpsSection = generated.ReportNpsSection;
/** @public */
export type ReportFunnelStage = generated.ReportFunnelStage;
/** @public */
export type ReportAdoptionSection = generated.ReportAdoptionSection;
/** @public */
export type ReportScoreDistribution = generated.ReportScoreDistribution;
/** @public */
export type ReportScoresSection = generated.ReportScoresSection;
/** @public */
export type ReportSloObjective = generated.ReportSloObjective;
/** @public */
export type ReportSloSection = generated.ReportSloSection;
/** @public */
export type ReportListItem = generated.ReportListItem;
/** @public */
export type ReportListSection = generated.ReportListSection;
/** @public */
export type ReportRoadmapSection = generated.ReportRoadmapSection;
/** @public */
export type ReportSentence = generated.ReportSentence;

/**
 * Formats of `GET /v1/report`: JSON, Markdown or a printable HTML page.
 *
 * @public
 */
export type ReportFormat = 'json' | 'md' | 'html';

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
import { PavedInfo } from '../types';
import {
  FeedbackComment,
  FeedbackFromSurvey,
  FeedbackQuery,
  FeedbackRequest,
  FeedbackRequestDetail,
  FeedbackRequestPage,
  FeedbackSubmission,
  FeedbackTriage,
} from '../feedback/types';
import { GoldenPathDriftReport } from '../goldenPaths/types';
import { DoraOrganisationReport, DoraQuery, DoraReport } from '../dora/types';
import {
  AdoptionRefreshResult,
  AdoptionReport,
  EntityScores,
  PageViewEvent,
  PageViewsRecorded,
} from '../adoption/types';
import { SloReport } from '../slos/types';
import { Roadmap, RoadmapItem } from '../roadmap/types';
import { PlatformReport } from '../report/types';
import { EntityPavedSummary } from '../entitySummary/types';
import {
  SurveyAnswerReceipt,
  SurveyResults,
  SurveySummary,
} from '../surveys/types';
import {
  Deployment,
  DeploymentLogs,
  Incident,
  ListDeploymentsQuery,
  Preview,
  OrchestratorEnvironmentInfo,
  RecordDeploymentRequest,
  RecordDeploymentResult,
  RecordIncidentRequest,
  RecordIncidentResult,
  CreateOrchestratorProjectResult,
  OrchestratorDeployResult,
} from '../deployments/types';

/**
 * The Paved REST API as seen by its clients: the portal, the CLI and the
 * scaffolder actions. Every operation of the OpenAPI document except the
 * signed webhook intake has a method here (the contract test checks it).
 *
 * @public
 */
export interface PavedApi {
  getInfo(): Promise<PavedInfo>;

  /** Surveys in the catalog, with the caller's answered state. */
  listSurveys(): Promise<SurveySummary[]>;
  /**
   * Answers a survey for the current period (replacing the caller's earlier
   * answer in the same period). `survey` is an entity ref or `namespace/name`.
   */
  answerSurvey(
    survey: string,
    answer: { score: number; comment?: string },
  ): Promise<SurveyAnswerReceipt>;
  /** Thresholded results of one survey, oldest period first. */
  getSurveyResults(survey: string): Promise<SurveyResults>;
  /** Results of every survey about a subject: `platform` or an entity ref. */
  getSurveyResultsBySubject(subject: string): Promise<SurveyResults[]>;
  /** The thresholded results of a survey as CSV text. */
  getSurveyResultsCsv(survey: string): Promise<string>;
  /** Opens or closes a survey (overrides the YAML's `status`). */
  setSurveyOpen(survey: string, open: boolean): Promise<SurveySummary>;

  /** Deployments, newest first, of an entity or of everything. */
  listDeployments(query?: ListDeploymentsQuery): Promise<Deployment[]>;
  /** Preview environments of an entity's pull requests, newest first. */
  listPreviews(entityRef: string): Promise<Preview[]>;
  /** One deployment with the commits it shipped. */
  getDeployment(id: string): Promise<Deployment>;
  /**
   * Log lines of a deployment made through an orchestrator, read from the
   * orchestrator. Fails with a ResponseError: 404 for an unknown deployment
   * or when the orchestrator has no logs for it, 501 when the deployment was
   * not made through an orchestrator or its provider cannot (or is not
   * configured to) read logs; the error's message says which.
   */
  getDeploymentLogs(id: string): Promise<DeploymentLogs>;
  /** Records or updates a deployment (idempotent on source + externalId). */
  recordDeployment(
    request: RecordDeploymentRequest,
  ): Promise<RecordDeploymentResult>;
  /** Incidents, newest first, of an entity or of everything. */
  listIncidents(query?: {
    entityRef?: string;
    since?: string;
    limit?: number;
  }): Promise<Incident[]>;
  /** Records or updates an incident (idempotent on source + externalId). */
  recordIncident(request: RecordIncidentRequest): Promise<RecordIncidentResult>;

  /**
   * Creates a project and environments through an orchestrator provider.
   * `entityRef` names the entity the project belongs to (its annotations
   * must name `projectId`).
   */
  createOrchestratorProject(
    provider: string,
    request: {
      entityRef: string;
      projectId: string;
      displayName?: string;
      environments?: Array<{ id: string; type: string; displayName?: string }>;
    },
  ): Promise<CreateOrchestratorProjectResult>;
  /** Environments of an entity's project in an orchestrator provider. */
  listOrchestratorEnvironments(
    provider: string,
    projectId: string,
    entityRef: string,
  ): Promise<OrchestratorEnvironmentInfo[]>;
  /** Deploys a Score workload through an orchestrator provider. */
  deployThroughOrchestrator(
    provider: string,
    request: {
      projectId: string;
      environmentId: string;
      /** A Score workload (score.dev/v1b1). */
      workload: object;
      /** The entity deployed; `projectId` must be its project. */
      entityRef: string;
      idempotencyKey?: string;
      dryRun?: boolean;
    },
  ): Promise<OrchestratorDeployResult>;

  /**
   * Components created from a golden path whose template has a newer
   * version, is gone, or whose Score file no longer validates.
   */
  getGoldenPathDrift(): Promise<GoldenPathDriftReport>;

  /**
   * DORA metrics of one entity, an owner group's entities or a system's
   * entities (exactly one of them) over a window.
   */
  getDoraReport(query: DoraQuery): Promise<DoraReport>;
  /** The organisation's DORA metrics with every team, system and component. */
  getDoraOrganisation(
    query?: Pick<DoraQuery, 'from' | 'to' | 'days'>,
  ): Promise<DoraOrganisationReport>;

  /**
   * The monthly platform report (`month` as YYYY-MM), computed with the
   * caller's permissions.
   */
  getPlatformReport(month: string): Promise<PlatformReport>;

  /**
   * The adoption report: funnel, template usage, active users, leading
   * indicators over time and the components furthest off the golden path.
   */
  getAdoption(): Promise<AdoptionReport>;
  /** Recomputes the adoption facts and scores now. */
  refreshAdoption(): Promise<AdoptionRefreshResult>;
  /** Automation and complexity scores of an entity, with their checks. */
  getEntityScores(entityRef: string): Promise<EntityScores>;
  /** The entity's service level objectives with their error budgets. */
  getEntitySlos(entityRef: string): Promise<SloReport>;
  /**
   * What the entity page's summary card shows, in one request: DORA,
   * scores, newest deployments and open incidents; a part the caller may
   * not read is `{ notAllowed: true }`.
   */
  getEntitySummary(entityRef: string): Promise<EntityPavedSummary>;
  /** Records page views of the signed-in caller (the analytics module). */
  recordPageViews(events: PageViewEvent[]): Promise<PageViewsRecorded>;

  /** A page of feedback requests (merged duplicates left out). */
  listFeedbackRequests(query?: FeedbackQuery): Promise<FeedbackRequestPage>;
  /** One feedback request with its comments. */
  getFeedbackRequest(id: string): Promise<FeedbackRequestDetail>;
  /** Submits a request as the signed-in user. */
  submitFeedback(submission: FeedbackSubmission): Promise<FeedbackRequest>;
  /** Turns a released survey comment into a request (platform team). */
  createFeedbackFromSurvey(input: FeedbackFromSurvey): Promise<FeedbackRequest>;
  /** Votes for a request (once per person). */
  voteFeedback(id: string): Promise<FeedbackRequest>;
  /** Withdraws the caller's vote. */
  unvoteFeedback(id: string): Promise<FeedbackRequest>;
  /** Comments on a request. */
  commentFeedback(id: string, body: string): Promise<FeedbackComment>;
  /** Changes status (declined needs a reason) and themes (platform team). */
  triageFeedback(id: string, triage: FeedbackTriage): Promise<FeedbackRequest>;
  /** Merges duplicate `id` into `into` (platform team). */
  mergeFeedback(id: string, into: string): Promise<FeedbackRequest>;

  /**
   * The roadmap, Now / Next / Later / Shipped, each item with its outcome
   * metric; `windowDays` sets the before/after windows of shipped items.
   */
  getRoadmap(options?: { windowDays?: number }): Promise<Roadmap>;
  /** One roadmap item (`roadmapitem:default/x`, `default/x` or `x`). */
  getRoadmapItem(
    item: string,
    options?: { windowDays?: number },
  ): Promise<RoadmapItem>;
}

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
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DefaultApiClient, TypedResponse } from '../generated';
import { PavedApi } from './PavedApi';
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
  CreateOrchestratorProjectResult,
  Deployment,
  DeploymentLogs,
  Incident,
  ListDeploymentsQuery,
  OrchestratorDeployResult,
  OrchestratorEnvironmentInfo,
  Preview,
  RecordDeploymentRequest,
  RecordDeploymentResult,
  RecordIncidentRequest,
  RecordIncidentResult,
} from '../deployments/types';

/**
 * Finds the base URL of a plugin; matches Backstage's DiscoveryApi.
 *
 * @public
 */
export type PavedDiscovery = {
  getBaseUrl(pluginId: string): Promise<string>;
};

/**
 * A fetch that adds credentials; Backstage's FetchApi in the browser, a
 * token-adding wrapper in the CLI.
 *
 * @public
 */
export type PavedFetch = {
  fetch: typeof fetch;
};

/**
 * HTTP client for the Paved backend, shared by the portal, the CLI and the
 * scaffolder actions so all of them speak to the API the same way. A thin
 * layer over the client generated from the OpenAPI document: it turns entity
 * refs into path parameters, unwraps `items` lists and throws a
 * ResponseError for error answers.
 *
 * @public
 */
export class PavedClient implements PavedApi {
  private readonly api: DefaultApiClient;

  constructor(options: { discoveryApi: PavedDiscovery; fetchApi: PavedFetch }) {
    this.api = new DefaultApiClient(options);
  }

  async getInfo(): Promise<PavedInfo> {
    return body(this.api.getInfo());
  }

  async getGoldenPathDrift(): Promise<GoldenPathDriftReport> {
    return body(this.api.getGoldenPathDrift());
  }

  async getDoraReport(query: DoraQuery): Promise<DoraReport> {
    return body(this.api.getDoraReport({ query: withoutEmpty(query) }));
  }

  async getDoraOrganisation(
    query: Pick<DoraQuery, 'from' | 'to' | 'days'> = {},
  ): Promise<DoraOrganisationReport> {
    return body(this.api.getDoraOrganisation({ query: withoutEmpty(query) }));
  }

  async getPlatformReport(month: string): Promise<PlatformReport> {
    return body(this.api.getPlatformReport({ query: { month } }));
  }

  async getAdoption(): Promise<AdoptionReport> {
    return body(this.api.getAdoption());
  }

  async refreshAdoption(): Promise<AdoptionRefreshResult> {
    return body(this.api.refreshAdoption({ body: {} }));
  }

  async getEntityScores(entityRef: string): Promise<EntityScores> {
    return body(this.api.getEntityScores({ query: { entity: entityRef } }));
  }

  async getEntitySlos(entityRef: string): Promise<SloReport> {
    return body(this.api.getEntitySlos({ query: { entity: entityRef } }));
  }

  async getEntitySummary(entityRef: string): Promise<EntityPavedSummary> {
    return body(this.api.getEntitySummary({ query: { entity: entityRef } }));
  }

  async recordPageViews(events: PageViewEvent[]): Promise<PageViewsRecorded> {
    return body(this.api.recordPageViews({ body: { events } }));
  }

  async listSurveys(): Promise<SurveySummary[]> {
    return (await body(this.api.listSurveys())).items;
  }

  async answerSurvey(
    survey: string,
    answer: { score: number; comment?: string },
  ): Promise<SurveyAnswerReceipt> {
    return body(
      this.api.answerSurvey({ path: surveyPath(survey), body: answer }),
    );
  }

  async getSurveyResults(survey: string): Promise<SurveyResults> {
    return body(this.api.getSurveyResults({ path: surveyPath(survey) }));
  }

  async getSurveyResultsBySubject(subject: string): Promise<SurveyResults[]> {
    const answer = await body(
      this.api.getSurveyResultsBySubject({ query: { subject } }),
    );
    return answer.items;
  }

  async getSurveyResultsCsv(survey: string): Promise<string> {
    const response = await this.api.exportSurveyResults({
      path: surveyPath(survey),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  async setSurveyOpen(survey: string, open: boolean): Promise<SurveySummary> {
    return body(
      this.api.setSurveyState({ path: surveyPath(survey), body: { open } }),
    );
  }

  async listDeployments(
    query: ListDeploymentsQuery = {},
  ): Promise<Deployment[]> {
    const { entityRef, ...rest } = query;
    const answer = await body(
      this.api.listDeployments({
        query: withoutEmpty({ entity: entityRef, ...rest }),
      }),
    );
    return answer.items;
  }

  async listPreviews(entityRef: string): Promise<Preview[]> {
    const answer = await body(
      this.api.listPreviews({ query: { entity: entityRef } }),
    );
    return answer.items;
  }

  async getDeployment(id: string): Promise<Deployment> {
    return body(this.api.getDeployment({ path: { id } }));
  }

  async getDeploymentLogs(id: string): Promise<DeploymentLogs> {
    return body(this.api.getDeploymentLogs({ path: { id } }));
  }

  async recordDeployment(
    request: RecordDeploymentRequest,
  ): Promise<RecordDeploymentResult> {
    return body(this.api.recordDeployment({ body: request }));
  }

  async listIncidents(
    query: { entityRef?: string; since?: string; limit?: number } = {},
  ): Promise<Incident[]> {
    const { entityRef, ...rest } = query;
    const answer = await body(
      this.api.listIncidents({
        query: withoutEmpty({ entity: entityRef, ...rest }),
      }),
    );
    return answer.items;
  }

  async recordIncident(
    request: RecordIncidentRequest,
  ): Promise<RecordIncidentResult> {
    return body(this.api.recordIncident({ body: request }));
  }

  async createOrchestratorProject(
    provider: string,
    request: {
      entityRef: string;
      projectId: string;
      displayName?: string;
      environments?: Array<{ id: string; type: string; displayName?: string }>;
    },
  ): Promise<CreateOrchestratorProjectResult> {
    return body(
      this.api.createOrchestratorProject({ path: { provider }, body: request }),
    );
  }

  async listOrchestratorEnvironments(
    provider: string,
    projectId: string,
    entityRef: string,
  ): Promise<OrchestratorEnvironmentInfo[]> {
    const answer = await body(
      this.api.listOrchestratorEnvironments({
        path: { provider, project: projectId },
        query: { entity: entityRef },
      }),
    );
    return answer.items;
  }

  async deployThroughOrchestrator(
    provider: string,
    request: {
      projectId: string;
      environmentId: string;
      workload: object;
      entityRef: string;
      idempotencyKey?: string;
      dryRun?: boolean;
    },
  ): Promise<OrchestratorDeployResult> {
    return body(
      this.api.deployThroughOrchestrator({ path: { provider }, body: request }),
    );
  }

  async listFeedbackRequests(
    query: FeedbackQuery = {},
  ): Promise<FeedbackRequestPage> {
    const { entityRef, ...rest } = query;
    return body(
      this.api.listFeedbackRequests({
        query: withoutEmpty({ entity: entityRef, ...rest }),
      }),
    );
  }

  async getFeedbackRequest(id: string): Promise<FeedbackRequestDetail> {
    return body(this.api.getFeedbackRequest({ path: { id } }));
  }

  async submitFeedback(
    submission: FeedbackSubmission,
  ): Promise<FeedbackRequest> {
    return body(this.api.submitFeedbackRequest({ body: submission }));
  }

  async createFeedbackFromSurvey(
    input: FeedbackFromSurvey,
  ): Promise<FeedbackRequest> {
    return body(this.api.createFeedbackFromSurvey({ body: input }));
  }

  async voteFeedback(id: string): Promise<FeedbackRequest> {
    return body(this.api.voteFeedbackRequest({ path: { id } }));
  }

  async unvoteFeedback(id: string): Promise<FeedbackRequest> {
    return body(this.api.unvoteFeedbackRequest({ path: { id } }));
  }

  async commentFeedback(id: string, text: string): Promise<FeedbackComment> {
    return body(
      this.api.commentFeedbackRequest({ path: { id }, body: { body: text } }),
    );
  }

  async triageFeedback(
    id: string,
    triage: FeedbackTriage,
  ): Promise<FeedbackRequest> {
    return body(this.api.triageFeedbackRequest({ path: { id }, body: triage }));
  }

  async mergeFeedback(id: string, into: string): Promise<FeedbackRequest> {
    return body(
      this.api.mergeFeedbackRequest({ path: { id }, body: { into } }),
    );
  }

  async getRoadmap(options: { windowDays?: number } = {}): Promise<Roadmap> {
    return body(this.api.getRoadmap({ query: options }));
  }

  async getRoadmapItem(
    item: string,
    options: { windowDays?: number } = {},
  ): Promise<RoadmapItem> {
    const ref = parseEntityRef(item, {
      defaultKind: 'roadmapitem',
      defaultNamespace: 'default',
    });
    return body(
      this.api.getRoadmapItem({
        path: { namespace: ref.namespace, name: ref.name },
        query: options,
      }),
    );
  }
}

/** The JSON body of a successful answer; a ResponseError otherwise. */
async function body<T>(pending: Promise<TypedResponse<T>>): Promise<T> {
  const response = await pending;
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  return response.json();
}

/**
 * Path parameters of a survey from an entity ref (`survey:default/x`),
 * `default/x` or a bare name.
 */
function surveyPath(survey: string): { namespace: string; name: string } {
  const ref = parseEntityRef(survey, {
    defaultKind: 'survey',
    defaultNamespace: 'default',
  });
  return { namespace: ref.namespace, name: ref.name };
}

/** The query without empty-string values, which mean "not given" here. */
function withoutEmpty<T extends object>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== ''),
  ) as T;
}

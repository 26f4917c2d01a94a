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
import { ResponseError } from '@backstage/errors';
import { PavedApi } from './PavedApi';
import { PavedInfo } from '../types';
import { GoldenPathDriftReport } from '../goldenPath/types';
import { DoraOrganisationReport, DoraQuery, DoraReport } from '../dora/types';
import {
  AdoptionRefreshResult,
  AdoptionReport,
  EntityScores,
  PageViewEvent,
  PageViewsRecorded,
} from '../adoption/types';
import { SloReport } from '../slo/types';
import {
  SurveyAnswerReceipt,
  SurveyResults,
  SurveySummary,
} from '../survey/types';
import {
  Deployment,
  DeploymentLogs,
  Incident,
  ListDeploymentsQuery,
  RecordDeploymentRequest,
  RecordDeploymentResult,
  RecordIncidentRequest,
  RecordIncidentResult,
  CreateOrchestratorProjectResult,
  OrchestratorDeployResult,
} from '../deployments/types';
import { parseEntityRef } from '@backstage/catalog-model';

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
 * HTTP client for the Paved backend, shared by the portal and the CLI so
 * both speak to the API the same way.
 *
 * @public
 */
export class PavedClient implements PavedApi {
  private readonly discoveryApi: PavedDiscovery;
  private readonly fetchApi: PavedFetch;

  constructor(options: { discoveryApi: PavedDiscovery; fetchApi: PavedFetch }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getInfo(): Promise<PavedInfo> {
    return this.get<PavedInfo>('/v1/info');
  }

  async getGoldenPathDrift(): Promise<GoldenPathDriftReport> {
    return this.get<GoldenPathDriftReport>('/v1/golden-paths/drift');
  }

  async getDoraReport(query: DoraQuery): Promise<DoraReport> {
    return this.get<DoraReport>(`/v1/dora${queryString({ ...query })}`);
  }

  async getDoraOrganisation(
    query: Pick<DoraQuery, 'from' | 'to' | 'days'> = {},
  ): Promise<DoraOrganisationReport> {
    return this.get<DoraOrganisationReport>(
      `/v1/dora/organisation${queryString({ ...query })}`,
    );
  }

  async getAdoption(): Promise<AdoptionReport> {
    return this.get<AdoptionReport>('/v1/adoption');
  }

  async refreshAdoption(): Promise<AdoptionRefreshResult> {
    return this.send<AdoptionRefreshResult>('POST', '/v1/adoption/refresh', {});
  }

  async getEntityScores(entityRef: string): Promise<EntityScores> {
    return this.get<EntityScores>(
      `/v1/scores${queryString({ entity: entityRef })}`,
    );
  }

  async getEntitySlos(entityRef: string): Promise<SloReport> {
    return this.get<SloReport>(`/v1/slos${queryString({ entity: entityRef })}`);
  }

  async recordPageViews(events: PageViewEvent[]): Promise<PageViewsRecorded> {
    return this.send<PageViewsRecorded>('POST', '/v1/analytics/page-views', {
      events,
    });
  }

  async listSurveys(): Promise<SurveySummary[]> {
    const body = await this.get<{ items: SurveySummary[] }>('/v1/surveys');
    return body.items;
  }

  async answerSurvey(
    survey: string,
    answer: { score: number; comment?: string },
  ): Promise<SurveyAnswerReceipt> {
    return this.send<SurveyAnswerReceipt>(
      'POST',
      `${surveyPath(survey)}/answers`,
      answer,
    );
  }

  async getSurveyResults(survey: string): Promise<SurveyResults> {
    return this.get<SurveyResults>(`${surveyPath(survey)}/results`);
  }

  async getSurveyResultsBySubject(subject: string): Promise<SurveyResults[]> {
    const body = await this.get<{ items: SurveyResults[] }>(
      `/v1/survey-results?subject=${encodeURIComponent(subject)}`,
    );
    return body.items;
  }

  async getSurveyResultsCsv(survey: string): Promise<string> {
    const response = await this.request(`${surveyPath(survey)}/results/csv`);
    return response.text();
  }

  async setSurveyOpen(survey: string, open: boolean): Promise<SurveySummary> {
    return this.send<SurveySummary>('PUT', `${surveyPath(survey)}/state`, {
      open,
    });
  }

  async listDeployments(
    query: ListDeploymentsQuery = {},
  ): Promise<Deployment[]> {
    const body = await this.get<{ items: Deployment[] }>(
      `/v1/deployments${queryString({
        entity: query.entityRef,
        environment: query.environment,
        since: query.since,
        limit: query.limit,
      })}`,
    );
    return body.items;
  }

  async getDeployment(id: string): Promise<Deployment> {
    return this.get<Deployment>(`/v1/deployments/${encodeURIComponent(id)}`);
  }

  async getDeploymentLogs(id: string): Promise<DeploymentLogs> {
    return this.get<DeploymentLogs>(
      `/v1/deployments/${encodeURIComponent(id)}/logs`,
    );
  }

  async recordDeployment(
    request: RecordDeploymentRequest,
  ): Promise<RecordDeploymentResult> {
    return this.send<RecordDeploymentResult>(
      'POST',
      '/v1/deployments',
      request,
    );
  }

  async listIncidents(
    query: { entityRef?: string; since?: string; limit?: number } = {},
  ): Promise<Incident[]> {
    const body = await this.get<{ items: Incident[] }>(
      `/v1/incidents${queryString({
        entity: query.entityRef,
        since: query.since,
        limit: query.limit,
      })}`,
    );
    return body.items;
  }

  async recordIncident(
    request: RecordIncidentRequest,
  ): Promise<RecordIncidentResult> {
    return this.send<RecordIncidentResult>('POST', '/v1/incidents', request);
  }

  async createOrchestratorProject(
    provider: string,
    request: {
      projectId: string;
      displayName?: string;
      environments?: Array<{ id: string; type: string; displayName?: string }>;
    },
  ): Promise<CreateOrchestratorProjectResult> {
    return this.send<CreateOrchestratorProjectResult>(
      'POST',
      `/v1/orchestrators/${encodeURIComponent(provider)}/projects`,
      request,
    );
  }

  async deployThroughOrchestrator(
    provider: string,
    request: {
      projectId: string;
      environmentId: string;
      workload: unknown;
      entityRef?: string;
      idempotencyKey?: string;
      dryRun?: boolean;
    },
  ): Promise<OrchestratorDeployResult> {
    return this.send<OrchestratorDeployResult>(
      'POST',
      `/v1/orchestrators/${encodeURIComponent(provider)}/deployments`,
      request,
    );
  }

  private async send<T>(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
  ): Promise<T> {
    const response = await this.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('paved');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('paved');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/**
 * API path of a survey from an entity ref (`survey:default/x`), `default/x`
 * or a bare name.
 */
function surveyPath(survey: string): string {
  const ref = parseEntityRef(survey, {
    defaultKind: 'survey',
    defaultNamespace: 'default',
  });
  return `/v1/surveys/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
    ref.name,
  )}`;
}

/** `?a=1&b=2` of the defined values, or an empty string. */
function queryString(params: Record<string, string | number | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

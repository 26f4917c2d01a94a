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
import { isError } from '@backstage/errors';
import type { AgeX25519Identity } from '../logsIdentity';
import {
  errorFromResponse,
  OrchestratorTimeoutError,
  redactSecrets,
} from './errors';
import {
  PoActiveResourceNode,
  PoDeployment,
  PoDeploymentCreateBody,
  PoDeploymentDryRun,
  PoDeploymentSummary,
  PoEnvironment,
  PoEnvironmentCreateBody,
  PoPage,
  PoProject,
  PoProjectCreateBody,
} from './types';

/** Options of {@link PlatformOrchestratorClient}. */
export type PlatformOrchestratorClientOptions = {
  apiUrl: string;
  orgId: string;
  token: string;
  /**
   * age X25519 identity for runner logs, as `parseAgeX25519Identity`
   * returns it: the recipient is exposed as `logsRecipient` for new
   * deployments, and the identity is sent as the `DecryptKey` header when
   * reading logs. The identity is never logged and redacted from error
   * messages, like the token.
   */
  logs?: AgeX25519Identity;
  /** Per request; default 15 s. */
  timeoutMs?: number;
  /** Extra attempts for safe requests on 429, 5xx, timeouts and network errors; default 3. */
  retries?: number;
  /** First backoff delay; doubles per attempt (with jitter); default 500 ms. */
  retryDelayMs?: number;
  /** Page size for list calls; default 50. */
  pageSize?: number;
  fetch?: typeof fetch;
};

type RequestOptions = {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether repeating the request cannot do harm (GETs, idempotent creates). */
  retry: boolean;
  /** Statuses answered without throwing. */
  accept?: number[];
  timeoutMs?: number;
  text?: boolean;
};

const MAX_PAGES = 1000;

/**
 * A small typed client for the Platform Orchestrator API v2 (the vendored
 * canyon-cp and canyon-dp specs). It adds the bearer token to every call,
 * applies a timeout, retries safe requests with exponential backoff
 * (honouring `Retry-After`), follows `next_page_token` and maps error
 * statuses to Backstage errors. It never logs; errors never include the
 * token or the logs identity.
 */
export class PlatformOrchestratorClient {
  /**
   * The age recipient (public key) of the configured logs identity, to send
   * as `encrypted_logs_recipient` with new deployments; undefined without one.
   */
  readonly logsRecipient?: string;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly logsIdentity?: string;

  constructor(private readonly options: PlatformOrchestratorClientOptions) {
    this.baseUrl = `${options.apiUrl.replace(
      /\/+$/,
      '',
    )}/orgs/${encodeURIComponent(options.orgId)}`;
    this.fetchFn = options.fetch ?? globalThis.fetch;
    this.logsIdentity = options.logs?.identity;
    this.logsRecipient = options.logs?.recipient;
  }

  get orgId(): string {
    return this.options.orgId;
  }

  // Control plane --------------------------------------------------------

  async getProject(projectId: string): Promise<PoProject | undefined> {
    const res = await this.request<PoProject>(
      'getProject',
      'GET',
      `/projects/${enc(projectId)}`,
      { retry: true, accept: [404] },
    );
    return res.status === 404 ? undefined : res.body;
  }

  /** Creates a project; `created: false` when it already existed (409). */
  async createProject(
    body: PoProjectCreateBody,
  ): Promise<{ project?: PoProject; created: boolean }> {
    const res = await this.request<PoProject>(
      'createProject',
      'POST',
      '/projects',
      { body, retry: true, accept: [409] },
    );
    return res.status === 409
      ? { created: false }
      : { project: res.body, created: true };
  }

  async listProjects(): Promise<PoProject[]> {
    return this.listAll<PoProject>('listProjects', '/projects');
  }

  async listEnvironments(projectId: string): Promise<PoEnvironment[]> {
    return this.listAll<PoEnvironment>(
      'listEnvironments',
      `/projects/${enc(projectId)}/envs`,
    );
  }

  async getEnvironment(
    projectId: string,
    envId: string,
  ): Promise<PoEnvironment | undefined> {
    const res = await this.request<PoEnvironment>(
      'getEnvironment',
      'GET',
      `/projects/${enc(projectId)}/envs/${enc(envId)}`,
      { retry: true, accept: [404] },
    );
    return res.status === 404 ? undefined : res.body;
  }

  /** Creates an environment; `created: false` when it already existed (409). */
  async createEnvironment(
    projectId: string,
    body: PoEnvironmentCreateBody,
  ): Promise<{ environment?: PoEnvironment; created: boolean }> {
    const res = await this.request<PoEnvironment>(
      'createEnvironment',
      'POST',
      `/projects/${enc(projectId)}/envs`,
      { body, retry: true, accept: [409] },
    );
    return res.status === 409
      ? { created: false }
      : { environment: res.body, created: true };
  }

  /**
   * Deletes an environment: the orchestrator answers 202 while a destroy
   * deployment runs, 204 when it is gone at once; a missing environment
   * (404) counts as deleted before. Retried like the creates: repeating a
   * delete of one environment does no harm.
   */
  async deleteEnvironment(
    projectId: string,
    envId: string,
  ): Promise<{ deleted: boolean; pending: boolean }> {
    const res = await this.request<PoEnvironment | undefined>(
      'deleteEnvironment',
      'DELETE',
      `/projects/${enc(projectId)}/envs/${enc(envId)}`,
      { retry: true, accept: [404] },
    );
    if (res.status === 404) return { deleted: false, pending: false };
    return { deleted: true, pending: res.status === 202 };
  }

  // Data plane -----------------------------------------------------------

  /**
   * Creates a deployment. With an idempotency key the request is safe to
   * retry: the orchestrator answers a repeat with the first deployment.
   */
  async createDeployment(
    body: PoDeploymentCreateBody,
    idempotencyKey?: string,
  ): Promise<PoDeployment | PoDeploymentDryRun> {
    const res = await this.request<PoDeployment | PoDeploymentDryRun>(
      'createDeployment',
      'POST',
      '/deployments',
      {
        body,
        headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
        retry: Boolean(idempotencyKey),
      },
    );
    return res.body;
  }

  async getDeployment(id: string): Promise<PoDeployment | undefined> {
    const res = await this.request<PoDeployment>(
      'getDeployment',
      'GET',
      `/deployments/${enc(id)}`,
      { retry: true, accept: [404] },
    );
    return res.status === 404 ? undefined : res.body;
  }

  /**
   * Deployments, following pages. `stopWhen` ends paging early once a page
   * holds nothing the caller wants (e.g. all older than a point in time).
   */
  async listDeployments(
    query: { projectId?: string; envId?: string },
    stopWhen?: (page: PoDeploymentSummary[]) => boolean,
  ): Promise<PoDeploymentSummary[]> {
    return this.listAll<PoDeploymentSummary>(
      'listDeployments',
      '/deployments',
      { project_id: query.projectId, env_id: query.envId },
      stopWhen,
    );
  }

  /** The last deployment of each project/environment. */
  async listLastDeployments(query: {
    projectId?: string;
    envId?: string;
  }): Promise<PoDeploymentSummary[]> {
    return this.listAll<PoDeploymentSummary>(
      'listLastDeployments',
      '/last-deployments',
      { project_id: query.projectId, env_id: query.envId },
    );
  }

  /**
   * Long-polls `wait-for-complete` until the deployment completes or
   * `timeoutMs` passes (then throws OrchestratorTimeoutError).
   */
  async waitForDeploymentComplete(
    id: string,
    timeoutMs: number,
  ): Promise<PoDeployment> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new OrchestratorTimeoutError(
          `Deployment ${id} did not complete within ${Math.round(
            timeoutMs / 1000,
          )}s`,
        );
      }
      const waitSeconds = Math.max(2, Math.min(30, Math.floor(left / 1000)));
      const res = await this.request<PoDeployment>(
        'waitForDeploymentComplete',
        'GET',
        `/deployments/${enc(id)}/actions/wait-for-complete`,
        {
          query: { timeout_in_seconds: waitSeconds },
          retry: true,
          accept: [408],
          timeoutMs: waitSeconds * 1000 + 10_000,
        },
      );
      if (res.status === 200) return res.body;
    }
  }

  /**
   * Runner logs of a deployment (plain text), or undefined when the
   * orchestrator has none (404). With a logs identity it is sent as the
   * `DecryptKey` header and the logs come back decrypted; without one the
   * orchestrator answers with the encrypted form.
   */
  async getDeploymentLogs(id: string): Promise<string | undefined> {
    const res = await this.request<string>(
      'getDeploymentLogs',
      'GET',
      `/deployments/${enc(id)}/actions/get-logs`,
      {
        retry: true,
        accept: [404],
        text: true,
        headers: this.logsIdentity ? { DecryptKey: this.logsIdentity } : {},
      },
    );
    return res.status === 404 ? undefined : res.body;
  }

  async listActiveResources(
    projectId: string,
    envId: string,
  ): Promise<PoActiveResourceNode[]> {
    const res = await this.request<PoPage<PoActiveResourceNode>>(
      'listActiveResourceNodes',
      'GET',
      '/active-resources',
      { query: { project_id: projectId, env_id: envId }, retry: true },
    );
    return res.body.items;
  }

  // Plumbing -------------------------------------------------------------

  private async listAll<T>(
    operation: string,
    path: string,
    query: RequestOptions['query'] = {},
    stopWhen?: (page: T[]) => boolean,
  ): Promise<T[]> {
    const items: T[] = [];
    let page: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const res = await this.request<PoPage<T>>(operation, 'GET', path, {
        query: { ...query, per_page: this.options.pageSize ?? 50, page },
        retry: true,
      });
      items.push(...res.body.items);
      page = res.body.next_page_token || undefined;
      if (!page || (stopWhen && stopWhen(res.body.items))) return items;
    }
    throw new Error(
      `Platform Orchestrator ${operation} returned more than ${MAX_PAGES} pages`,
    );
  }

  private async request<T>(
    operation: string,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: RequestOptions,
  ): Promise<{ status: number; body: T }> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') {
        url.searchParams.set(key, String(value));
      }
    }
    const retries = options.retry ? this.options.retries ?? 3 : 0;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 15_000;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchFn(url, {
          method,
          headers: {
            Accept: options.text ? 'text/plain' : 'application/json',
            Authorization: `Bearer ${this.options.token}`,
            ...(options.body !== undefined
              ? { 'Content-Type': 'application/json' }
              : {}),
            ...options.headers,
          },
          body:
            options.body !== undefined
              ? JSON.stringify(options.body)
              : undefined,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut =
          isError(error) &&
          (error.name === 'TimeoutError' || error.name === 'AbortError');
        const failure = timedOut
          ? new OrchestratorTimeoutError(
              `Platform Orchestrator ${operation} timed out after ${timeoutMs} ms`,
            )
          : new Error(
              `Platform Orchestrator ${operation} could not reach ${
                url.origin
              }: ${redactSecrets(
                isError(error) ? error.message : String(error),
                this.secrets(),
              )}`,
            );
        if (attempt < retries) {
          await this.backoff(attempt);
          continue;
        }
        throw failure;
      }

      if (response.ok || options.accept?.includes(response.status)) {
        if (response.status === 204)
          return { status: 204, body: undefined as T };
        const body = options.text
          ? ((await response.text()) as T)
          : ((await response.json().catch(() => undefined)) as T);
        return { status: response.status, body };
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && attempt < retries) {
        await response.arrayBuffer().catch(() => undefined);
        await this.backoff(attempt, response.headers.get('retry-after'));
        continue;
      }
      const errorBody = (await response.json().catch(() => undefined)) as
        | { error?: string; message?: string }
        | undefined;
      throw errorFromResponse(
        operation,
        response.status,
        errorBody,
        this.secrets(),
      );
    }
  }

  /** Values no error message may contain. */
  private secrets(): string[] {
    return [this.options.token, this.logsIdentity ?? ''].filter(Boolean);
  }

  private async backoff(attempt: number, retryAfter?: string | null) {
    const base = this.options.retryDelayMs ?? 500;
    const fromHeader = retryAfter ? Number(retryAfter) * 1000 : NaN;
    const delay = Number.isFinite(fromHeader)
      ? Math.min(fromHeader, 30_000)
      : Math.min(base * 2 ** attempt, 10_000) * (0.5 + Math.random() / 2);
    await new Promise(resolve => setTimeout(resolve, delay));
  }
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

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
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What Paved reads of a scaffolder task: no parameters but the name, no secrets. */
export type ScaffolderTaskSummary = {
  id: string;
  templateRef?: string;
  status: string;
  createdAt: Date;
  /** `parameters.name` of the run: the name of the component it creates. */
  componentName?: string;
};

const PAGE_SIZE = 200;
/** A bound on one run's reading: 200 × 100 = 20,000 tasks. */
const MAX_PAGES = 100;

/**
 * Reads the scaffolder's task history through its REST API
 * (`GET /api/scaffolder/v2/tasks`, newest first) with a service token, not
 * from its tables, so it keeps working whatever the scaffolder stores.
 */
export class ScaffolderTaskReader {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #fetch: typeof fetch;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Tasks created at or after `since`, newest first. */
  async listSince(since: Date): Promise<ScaffolderTaskSummary[]> {
    const baseUrl = await this.#discovery.getBaseUrl('scaffolder');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const tasks: ScaffolderTaskSummary[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = `${baseUrl}/v2/tasks?limit=${PAGE_SIZE}&offset=${
        page * PAGE_SIZE
      }&order=desc:created_at`;
      const response = await this.#fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const body = (await response.json()) as {
        tasks?: Array<Record<string, any>>;
      };
      if (!Array.isArray(body.tasks)) {
        throw new Error(
          `unexpected answer from ${baseUrl}/v2/tasks: no tasks array`,
        );
      }
      let older = false;
      for (const task of body.tasks) {
        const summary = toSummary(task);
        if (!summary) continue;
        if (summary.createdAt < since) {
          older = true;
          continue;
        }
        tasks.push(summary);
      }
      if (older || body.tasks.length < PAGE_SIZE) break;
    }
    return tasks;
  }
}

function toSummary(
  task: Record<string, any>,
): ScaffolderTaskSummary | undefined {
  const createdAt = new Date(task.createdAt ?? task.created_at);
  if (typeof task.id !== 'string' || Number.isNaN(createdAt.getTime())) {
    return undefined;
  }
  const spec = task.spec ?? {};
  const name = spec.parameters?.name;
  const templateRef = spec.templateInfo?.entityRef;
  return {
    id: task.id,
    status: String(task.status ?? 'unknown'),
    createdAt,
    ...(typeof templateRef === 'string' ? { templateRef } : {}),
    ...(typeof name === 'string' && name ? { componentName: name } : {}),
  };
}

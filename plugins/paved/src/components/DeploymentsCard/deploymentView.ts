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
import { Deployment } from '@paved/plugin-paved-common';

/** The latest deployment of one environment and what runs there. */
export type EnvironmentSummary = {
  environment: string;
  production: boolean;
  latest: Deployment;
  /** The newest successful deployment: what is running now. */
  current?: Deployment;
  count: number;
};

/**
 * The deployment's link when it is http or https, the only schemes shown
 * as a link: a recorder's `javascript:` or `data:` URL must not become one.
 */
export function httpLink(d: Pick<Deployment, 'url'>): string | undefined {
  if (!d.url) return undefined;
  try {
    const { protocol } = new URL(d.url);
    return protocol === 'http:' || protocol === 'https:' ? d.url : undefined;
  } catch {
    return undefined;
  }
}

/** Short label of what a deployment shipped. */
export function versionLabel(d: Deployment): string {
  return d.version ?? (d.commitSha ? d.commitSha.slice(0, 8) : '—');
}

/**
 * Environments of the entity (production first, then by name) with their
 * latest deployment and the current (last successful) one. Expects the
 * deployments newest first, as the API returns them.
 */
export function summariseEnvironments(
  deployments: Deployment[],
): EnvironmentSummary[] {
  const byEnv = new Map<string, EnvironmentSummary>();
  for (const d of deployments) {
    const summary = byEnv.get(d.environment);
    if (!summary) {
      byEnv.set(d.environment, {
        environment: d.environment,
        production: d.production,
        latest: d,
        current: d.status === 'success' ? d : undefined,
        count: 1,
      });
    } else {
      summary.count++;
      if (!summary.current && d.status === 'success') summary.current = d;
    }
  }
  return [...byEnv.values()].sort(
    (a, b) =>
      Number(b.production) - Number(a.production) ||
      a.environment.localeCompare(b.environment),
  );
}

/** Minutes between start and finish, if finished. */
export function durationText(d: Deployment): string | undefined {
  if (!d.finishedAt) return undefined;
  const ms = Date.parse(d.finishedAt) - Date.parse(d.startedAt);
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  return `${Math.round(ms / 60_000)} min`;
}

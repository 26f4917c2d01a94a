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

/*
 * Precedence between records of one deployment (one pipeline run, entity
 * and environment) that came through different doors. A record's source
 * says who wrote it (deployments/recordSources.ts), and the more directly
 * a writer saw the deployment happen, the more its word counts:
 *
 *   4  orchestrator:<provider>   the system that performed the deployment
 *   3  github, gitlab, argocd    the platform's own deployment record
 *   2  generic, generic:<label>  a CI job reporting through the webhook
 *   1  api:<principal>, others   a CI job or person through the API / CLI
 *
 * The run's outcome and finish time are those of its highest-ranked
 * records with an outcome (success, failure, error); the commits of all
 * its successful records count. docs/dora.md documents the rule.
 */

/** The rank of a record's source (higher wins). */
export function sourceRank(source: string): number {
  if (source.startsWith('orchestrator:')) return 4;
  if (source === 'github' || source === 'gitlab' || source === 'argocd') {
    return 3;
  }
  if (source === 'generic' || source.startsWith('generic:')) return 2;
  return 1;
}

/** The same rank in SQL, of the `source` column of `alias`. */
export function sourceRankSql(alias: string): string {
  const source = `${alias}.source`;
  return `(CASE WHEN ${source} LIKE 'orchestrator:%' THEN 4
    WHEN ${source} IN ('github', 'gitlab', 'argocd') THEN 3
    WHEN ${source} = 'generic' OR ${source} LIKE 'generic:%' THEN 2
    ELSE 1 END)`;
}

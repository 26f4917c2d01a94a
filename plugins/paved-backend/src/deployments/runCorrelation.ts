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
import { Knex } from 'knex';

/** Link-key annotations that name a repository. */
const REPOSITORY_KEYS = [
  'github.com/project-slug=',
  'gitlab.com/project-slug=',
  'backstage.io/source-location=',
];

/** The repository a record names, when its link key is a repository's. */
export function repositoryOf(subject: string | null | undefined) {
  return subject && REPOSITORY_KEYS.some(k => subject.startsWith(k))
    ? subject
    : undefined;
}

type RunRecord = {
  id: string;
  entity_ref: string | null;
  subject: string | null;
  environment: string;
  commit_sha: string | null;
  pipeline_run: string | null;
};

/**
 * Correlates a deployment record with the records other doors wrote for
 * the same deployment: the same pipeline run, environment and commit, and
 * the same repository (a record that names no repository, such as a CI
 * POST naming only its entity, matches on the other three). Such records
 * are one deployment; a record that only named the repository (a GitHub
 * webhook) joins the entity of the others at once, instead of waiting for
 * the linking task, so the DORA roll-ups count the run once. When the
 * records name different entities (one run deploying two components of a
 * monorepo) nothing is filled in. Returns the ids of the records linked.
 */
export async function correlateRunRecords(
  db: Knex | Knex.Transaction,
  deploymentId: string,
): Promise<string[]> {
  const record: RunRecord | undefined = await db('paved_deployments')
    .where({ id: deploymentId })
    .first(
      'id',
      'entity_ref',
      'subject',
      'environment',
      'commit_sha',
      'pipeline_run',
    );
  if (!record?.pipeline_run || !record.commit_sha) return [];
  const sha = record.commit_sha.toLowerCase();
  const peers: RunRecord[] = (
    await db('paved_deployments')
      .where({
        pipeline_run: record.pipeline_run,
        environment: record.environment,
      })
      .whereNotNull('commit_sha')
      .select(
        'id',
        'entity_ref',
        'subject',
        'environment',
        'commit_sha',
        'pipeline_run',
      )
  ).filter((p: RunRecord) => p.commit_sha!.toLowerCase() === sha);
  const repository = repositoryOf(record.subject);
  const group = peers.filter(p => {
    const other = repositoryOf(p.subject);
    return !repository || !other || other === repository;
  });
  const entities = new Set(
    group.map(p => p.entity_ref).filter((e): e is string => Boolean(e)),
  );
  if (entities.size !== 1) return [];
  const [entityRef] = entities;
  const unlinked = group.filter(p => !p.entity_ref).map(p => p.id);
  if (!unlinked.length) return [];
  await db('paved_deployments')
    .whereIn('id', unlinked)
    .whereNull('entity_ref')
    .update({ entity_ref: entityRef });
  return unlinked;
}

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
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { markCommitRangesPending } from '../deployments/CommitHistoryStore';
import { correlateRunRecords } from '../deployments/runCorrelation';

/** What a ledger record is: DORA counts deployments and rollbacks only. */
export const DEPLOYMENT_KINDS = ['deploy', 'rollback', 'plan', 'destroy'];

/** A ledger record's kind. */
export type DeploymentKind = 'deploy' | 'rollback' | 'plan' | 'destroy';

/** The label that marks a deployment as a hotfix (case-insensitive). */
export const HOTFIX_LABEL = 'hotfix';

/** The label that marks a deployment as a rollback, like `kind: rollback`. */
export const ROLLBACK_LABEL = 'rollback';

/**
 * Whether a commit message carries a hotfix trailer: a line
 * `Paved-Hotfix: true` or `Hotfix: true` (key case-insensitive; `yes` works
 * too) in its last paragraph, where git keeps trailers.
 */
export function hasHotfixTrailer(message: string | undefined | null): boolean {
  if (!message) return false;
  const paragraphs = message.trim().split(/\r?\n\s*\r?\n/);
  const last = paragraphs[paragraphs.length - 1];
  // A one-paragraph message is a subject, not trailers.
  if (paragraphs.length < 2) return false;
  return last
    .split(/\r?\n/)
    .some(line =>
      /^(?:paved-)?hotfix\s*:\s*(?:true|yes)\s*$/i.test(line.trim()),
    );
}

/**
 * Stores the deployment fields only DORA reads: the pipeline run that
 * collapses several records into one deployment, the rolled-back flag, the
 * kind (a plan-only or destroy run is stored but not counted) and the
 * hotfix mark, from a `hotfix` label or a trailer in the message of a
 * commit the caller lists. Called in the same transaction as the ledger
 * write. A value the caller leaves out keeps what is stored, so a later
 * status update does not clear them; a hotfix mark is cleared only by
 * labels that no longer say so.
 */
export async function recordDoraDeploymentFields(
  tx: Knex | Knex.Transaction,
  deploymentId: string,
  fields: {
    pipelineRun?: string;
    rolledBack?: boolean;
    kind?: string;
    labels?: string[];
    changes?: Array<{ message?: string }>;
  },
): Promise<void> {
  const update: Record<string, unknown> = {};
  if (fields.pipelineRun !== undefined) {
    const run = fields.pipelineRun.trim();
    if (!run) {
      throw new InputError('pipelineRun must not be blank');
    }
    update.pipeline_run = run.slice(0, 255);
  }
  if (fields.rolledBack !== undefined) {
    update.rolled_back = fields.rolledBack;
  }
  const labels = fields.labels?.map(l => String(l).trim().toLowerCase());
  if (fields.kind !== undefined) {
    if (!DEPLOYMENT_KINDS.includes(fields.kind)) {
      throw new InputError(
        `kind must be one of ${DEPLOYMENT_KINDS.join(', ')}, not '${
          fields.kind
        }'`,
      );
    }
    update.kind = fields.kind;
  } else if (labels?.includes(ROLLBACK_LABEL)) {
    update.kind = 'rollback';
  }
  const trailer = (fields.changes ?? []).some(c => hasHotfixTrailer(c.message));
  if (trailer || labels?.includes(HOTFIX_LABEL)) {
    update.hotfix = true;
  } else if (labels) {
    update.hotfix = false;
  }
  if (Object.keys(update).length) {
    await tx('paved_deployments').where({ id: deploymentId }).update(update);
  }
  const linked = await correlateRunRecords(tx, deploymentId);
  // Their entity changed, so did the previous deployment of their range.
  if (linked.length) await markCommitRangesPending(tx, linked);
}

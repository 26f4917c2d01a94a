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

/**
 * Stores the deployment fields only DORA reads (columns added by the
 * 20261128120000_dora migration): the pipeline run that collapses several
 * records into one deployment, and the rolled-back flag. Called in the same
 * transaction as the ledger write. A value the caller leaves out keeps what
 * is stored, so a later status update does not clear them.
 */
export async function recordDoraDeploymentFields(
  tx: Knex | Knex.Transaction,
  deploymentId: string,
  fields: { pipelineRun?: string; rolledBack?: boolean },
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
  if (Object.keys(update).length) {
    await tx('paved_deployments').where({ id: deploymentId }).update(update);
  }
}

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
import { toNumber } from './sql';

/** Deployment counts of a window or bucket. */
export type DeploymentCounts = {
  deployments: number;
  failedChanges: number;
  failedDeployments: number;
  /** Deployments that were unplanned fixes (deployment rework rate). */
  reworkDeployments: number;
  /** Of those: an incident of the entity was open when it finished. */
  incidentFixes: number;
  /** Of those: marked as a hotfix. */
  hotfixes: number;
  /** Of those: rollbacks. */
  rollbacks: number;
};

/** Counts of a window or week without deployments. */
export function noCounts(): DeploymentCounts {
  return {
    deployments: 0,
    failedChanges: 0,
    failedDeployments: 0,
    reworkDeployments: 0,
    incidentFixes: 0,
    hotfixes: 0,
    rollbacks: 0,
  };
}

/**
 * Bits of `paved_dora_deployments.flags`, what a production run counts as
 * (the roll-up sets them; the rework reasons are the REWORK bits × 16).
 */
export const FLAGS = {
  deployment: 1,
  failedChange: 2,
  failedDeployment: 4,
  rework: 8,
  incidentFix: 16,
  hotfix: 32,
  rollback: 64,
} as const;

// Cast to INTEGER: PostgreSQL's SUM is a bigint, read back as a string.
const sumBit = (bit: number) => `CAST(SUM((flags / ${bit}) % 2) AS INTEGER)`;

/**
 * The aggregates of DeploymentCounts over rows of paved_dora_deployments
 * (its `flags` column), read by countsOf. Integer arithmetic on one small
 * column, the same in both databases.
 */
export const DEPLOYMENT_COUNTS_SQL = `
  ${sumBit(FLAGS.deployment)} AS deployments,
  ${sumBit(FLAGS.failedChange)} AS failed_changes,
  ${sumBit(FLAGS.failedDeployment)} AS failed_deployments,
  ${sumBit(FLAGS.rework)} AS rework,
  ${sumBit(FLAGS.incidentFix)} AS incident_fixes,
  ${sumBit(FLAGS.hotfix)} AS hotfixes,
  ${sumBit(FLAGS.rollback)} AS rollbacks`;

/** A row of DEPLOYMENT_COUNTS_SQL as counts. */
export function countsOf(row: any): DeploymentCounts {
  return {
    deployments: toNumber(row.deployments),
    failedChanges: toNumber(row.failed_changes),
    failedDeployments: toNumber(row.failed_deployments),
    reworkDeployments: toNumber(row.rework),
    incidentFixes: toNumber(row.incident_fixes),
    hotfixes: toNumber(row.hotfixes),
    rollbacks: toNumber(row.rollbacks),
  };
}

/** Adds `n` runs with these FLAGS to `into`. */
export function addFlagCounts(
  into: DeploymentCounts,
  flags: number,
  n: number,
): DeploymentCounts {
  const has = (bit: number) => ((flags & bit) !== 0 ? n : 0);
  into.deployments += has(FLAGS.deployment);
  into.failedChanges += has(FLAGS.failedChange);
  into.failedDeployments += has(FLAGS.failedDeployment);
  into.reworkDeployments += has(FLAGS.rework);
  into.incidentFixes += has(FLAGS.incidentFix);
  into.hotfixes += has(FLAGS.hotfix);
  into.rollbacks += has(FLAGS.rollback);
  return into;
}

/** Adds `counts` to `into`. */
export function addCounts(
  into: DeploymentCounts,
  counts: DeploymentCounts | undefined,
): DeploymentCounts {
  if (!counts) return into;
  into.deployments += counts.deployments;
  into.failedChanges += counts.failedChanges;
  into.failedDeployments += counts.failedDeployments;
  into.reworkDeployments += counts.reworkDeployments;
  into.incidentFixes += counts.incidentFixes;
  into.hotfixes += counts.hotfixes;
  into.rollbacks += counts.rollbacks;
  return into;
}

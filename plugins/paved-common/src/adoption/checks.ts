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
import * as generated from '../generated/models';
import { EntityFacts } from './facts';

/**
 * Outcome of one check. `not-applicable` checks do not count towards the
 * score (e.g. "no overridden golden-path defaults" for a component that was
 * not created from a golden path).
 *
 * @public
 */
export type AdoptionCheckStatus = 'passed' | 'failed' | 'not-applicable';

/**
 * A documented check over an entity's facts (docs/adoption.md#checks).
 *
 * @public
 */
export type AdoptionCheckDefinition = {
  id: AutomationCheckId;
  title: string;
  /** What the check looks at, for the card and the docs. */
  description: string;
  /** Share of the automation score, out of 100 for all checks. */
  weight: number;
  /** The fact retrievers the check reads (like Tech Insights' factIds). */
  factIds: Array<keyof EntityFacts>;
  /** What to do when it fails. */
  fix: string;
};

/**
 * The result of one check on one entity.
 *
 * @public
 */
export type AdoptionCheckResult = generated.AdoptionCheckResult;

/**
 * The automation score: the weight of the passed checks out of the weight
 * of the applicable ones, 0–100.
 *
 * @public
 */
export type AutomationScore = {
  score: number;
  passedWeight: number;
  applicableWeight: number;
  checks: AdoptionCheckResult[];
};

/** @public */
export type AutomationCheckId =
  | 'ci-workflow'
  | 'tests-in-ci'
  | 'deploys-automated'
  | 'resources-from-score'
  | 'no-overrides';

/**
 * Deployments in the window must be at least this share automated for
 * `deploys-automated` to pass (one hand-recorded hotfix does not fail it).
 *
 * @public
 */
export const AUTOMATED_DEPLOYMENT_SHARE = 0.8;

/**
 * The automation checks, in the order the card shows them. The weights add
 * up to 100.
 *
 * @public
 */
export const AUTOMATION_CHECKS: readonly AdoptionCheckDefinition[] = [
  {
    id: 'ci-workflow',
    title: 'CI workflow present',
    description:
      'The repository has a CI configuration: .github/workflows/*.yml, .gitlab-ci.yml, a Jenkinsfile, .circleci/config.yml or azure-pipelines.yml.',
    weight: 20,
    factIds: ['repository'],
    fix: 'Add a CI workflow to the repository; the golden-path templates ship one (.github/workflows/ci.yaml) that tests, builds and reports deployments to Paved.',
  },
  {
    id: 'tests-in-ci',
    title: 'Tests run in CI',
    description:
      'A CI configuration runs a test command (npm/yarn/pnpm test, go test, pytest, mvn/gradle test, cargo test, dotnet test, make test, …).',
    weight: 20,
    factIds: ['repository'],
    fix: 'Run the tests in CI, e.g. a step `run: npm test` in the workflow, so every change is tested before it is deployed.',
  },
  {
    id: 'deploys-automated',
    title: 'Deployments automated',
    description: `In the last 30 days the component was deployed (to any environment) and at least ${Math.round(
      AUTOMATED_DEPLOYMENT_SHARE * 100,
    )} % of the deployments were recorded by the orchestrator or a CI/CD system, not by hand.`,
    weight: 25,
    factIds: ['ledger'],
    fix: 'Deploy through the Platform Orchestrator, or report deployments from the CI pipeline (webhook, or `paved deploy record` with --source and --url of the run) instead of recording them by hand.',
  },
  {
    id: 'resources-from-score',
    title: 'Resources provisioned from Score',
    description:
      'The component has a Score file, the catalog reports no problems with it, and every Resource the component depends on is declared in it, so the orchestrator provisions it.',
    weight: 20,
    factIds: ['catalog'],
    fix: 'Describe the workload in a score.yaml (paved.dev/score-file annotation) and declare the databases, queues and other resources it needs under `resources`, instead of hand-written dependsOn entries.',
  },
  {
    id: 'no-overrides',
    title: 'Golden-path defaults kept',
    description:
      "A component created from a golden path kept the path's defaults (no paved.dev/golden-path-overrides).",
    weight: 15,
    factIds: ['catalog'],
    fix: "Go back to the golden path's defaults, or tell the platform team why the default does not fit so the path can change; then remove the paths from paved.dev/golden-path-overrides.",
  },
];

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

function evaluate(
  id: AutomationCheckId,
  facts: EntityFacts,
): { status: AdoptionCheckStatus; reason: string } {
  const { catalog, repository, ledger } = facts;
  const unread = () => ({
    status: 'failed' as const,
    reason:
      repository.status === 'unavailable'
        ? `no repository Paved can read: ${repository.detail ?? 'unknown'}`
        : `the repository could not be read: ${
            repository.detail ?? 'unknown error'
          }`,
  });
  switch (id) {
    case 'ci-workflow':
      if (repository.status !== 'read') return unread();
      return repository.ciFiles.length
        ? {
            status: 'passed',
            reason: `found ${repository.ciFiles.slice(0, 3).join(', ')}${
              repository.ciFiles.length > 3
                ? ` and ${repository.ciFiles.length - 3} more`
                : ''
            }`,
          }
        : { status: 'failed', reason: 'no CI configuration in the repository' };
    case 'tests-in-ci':
      if (repository.status !== 'read') return unread();
      if (!repository.ciFiles.length) {
        return { status: 'failed', reason: 'there is no CI configuration' };
      }
      return repository.testCommands.length
        ? {
            status: 'passed',
            reason: `CI runs \`${repository.testCommands[0]}\``,
          }
        : {
            status: 'failed',
            reason: `no test command in ${repository.ciFiles.join(', ')}`,
          };
    case 'deploys-automated': {
      if (ledger.deployments === 0) {
        return {
          status: 'failed',
          reason: `no deployments recorded in the last ${ledger.windowDays} days`,
        };
      }
      const share = ledger.automatedDeployments / ledger.deployments;
      const summary = `${ledger.automatedDeployments} of ${plural(
        ledger.deployments,
        'deployment',
      )} in the last ${ledger.windowDays} days were automated`;
      return share >= AUTOMATED_DEPLOYMENT_SHARE
        ? { status: 'passed', reason: summary }
        : {
            status: 'failed',
            reason: `${summary}; ${ledger.manualDeployments} ${
              ledger.manualDeployments === 1 ? 'was' : 'were'
            } recorded by hand`,
          };
    }
    case 'resources-from-score':
      if (!catalog.hasScoreFile) {
        return { status: 'failed', reason: 'the component has no Score file' };
      }
      if (catalog.scoreErrors > 0) {
        return {
          status: 'failed',
          reason: `the catalog reports ${plural(
            catalog.scoreErrors,
            'problem',
          )} with the Score file`,
        };
      }
      if (catalog.resourcesOutsideScore.length) {
        return {
          status: 'failed',
          reason: `depends on ${catalog.resourcesOutsideScore
            .slice(0, 3)
            .join(', ')}${
            catalog.resourcesOutsideScore.length > 3 ? ', …' : ''
          }, not declared in the Score file`,
        };
      }
      return {
        status: 'passed',
        reason: catalog.scoreResources
          ? `the Score file declares every resource it depends on (${plural(
              catalog.scoreResources,
              'resource',
            )})`
          : 'the Score file declares the workload and it depends on no other resources',
      };
    case 'no-overrides':
      if (
        catalog.goldenPath.status === 'none' ||
        catalog.goldenPath.status === 'invalid'
      ) {
        return {
          status: 'not-applicable',
          reason: 'not created from a golden path',
        };
      }
      return catalog.overrides.length
        ? {
            status: 'failed',
            reason: `overrode ${plural(
              catalog.overrides.length,
              'default',
            )}: ${catalog.overrides.join(', ')}`,
          }
        : {
            status: 'passed',
            reason: `kept every default of ${catalog.goldenPath.template}`,
          };
    default:
      throw new Error(`unknown check ${id}`);
  }
}

/**
 * Runs the automation checks over an entity's facts.
 *
 * @public
 */
export function evaluateAutomationChecks(facts: EntityFacts): AutomationScore {
  const checks = AUTOMATION_CHECKS.map(check => {
    const { status, reason } = evaluate(check.id, facts);
    return {
      id: check.id,
      title: check.title,
      description: check.description,
      weight: check.weight,
      status,
      reason,
      ...(status === 'failed' ? { fix: check.fix } : {}),
    };
  });
  const applicableWeight = checks
    .filter(c => c.status !== 'not-applicable')
    .reduce((sum, c) => sum + c.weight, 0);
  const passedWeight = checks
    .filter(c => c.status === 'passed')
    .reduce((sum, c) => sum + c.weight, 0);
  return {
    score: applicableWeight
      ? Math.round((100 * passedWeight) / applicableWeight)
      : 0,
    passedWeight,
    applicableWeight,
    checks,
  };
}

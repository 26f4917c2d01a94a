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
import {
  AdoptionFunnelStage,
  AdoptionFunnelStageId,
  AdoptionMetrics,
  AdoptionShare,
  EntityFacts,
} from '@paved/plugin-paved-common';

const share = (count: number, total: number): AdoptionShare => ({
  count,
  total,
  share: total ? count / total : null,
});

const STAGES: Array<{
  id: AdoptionFunnelStageId;
  title: string;
  test: (facts: EntityFacts) => boolean;
}> = [
  { id: 'catalog', title: 'In the catalog', test: () => true },
  {
    id: 'score',
    title: 'Described in Score',
    test: f => f.catalog.hasScoreFile,
  },
  {
    id: 'golden-path',
    title: 'Created from a golden path',
    test: f =>
      f.catalog.goldenPath.status !== 'none' &&
      f.catalog.goldenPath.status !== 'invalid',
  },
  {
    id: 'current-version',
    title: 'On the current template version',
    test: f => f.catalog.goldenPath.status === 'current',
  },
  {
    id: 'deploying',
    title: 'Deploying through Paved (30 days)',
    test: f => f.ledger.deployments > 0,
  },
];

/**
 * The adoption shares (each on its own, of all components) and the funnel
 * (each stage also meets every earlier stage's condition).
 */
export function computeFunnel(
  all: EntityFacts[],
): Pick<
  AdoptionMetrics,
  | 'components'
  | 'withScore'
  | 'fromGoldenPath'
  | 'onCurrentVersion'
  | 'deployingThroughPaved'
  | 'funnel'
> {
  const total = all.length;
  const count = (test: (f: EntityFacts) => boolean) => all.filter(test).length;
  const [, score, goldenPath, current, deploying] = STAGES;

  const funnel: AdoptionFunnelStage[] = [];
  let remaining = all;
  for (const stage of STAGES) {
    remaining = remaining.filter(stage.test);
    funnel.push({
      id: stage.id,
      title: stage.title,
      count: remaining.length,
      share: total ? remaining.length / total : null,
    });
  }

  return {
    components: total,
    withScore: share(count(score.test), total),
    fromGoldenPath: share(count(goldenPath.test), total),
    onCurrentVersion: share(count(current.test), total),
    deployingThroughPaved: share(count(deploying.test), total),
    funnel,
  };
}

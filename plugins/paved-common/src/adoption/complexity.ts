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

/** @public */
export type ComplexityFactorId =
  | 'containers'
  | 'resources'
  | 'variables'
  | 'environments'
  | 'overrides'
  | 'dependencies';

/**
 * One contribution to the complexity score: `points = weight × min(1,
 * value / saturation)`.
 *
 * @public
 */
export type ComplexityFactor = generated.ComplexityFactor;

/**
 * The complexity score, 0 (simple) – 100 (complex): the sum of the factors'
 * points, rounded.
 *
 * @public
 */
export type ComplexityScore = {
  score: number;
  factors: ComplexityFactor[];
};

/**
 * The complexity factors with their weights (adding up to 100) and
 * saturation points (docs/adoption.md#complexity-score).
 *
 * @public
 */
export const COMPLEXITY_FACTORS: ReadonlyArray<{
  id: ComplexityFactorId;
  title: string;
  weight: number;
  saturation: number;
  detail: string;
}> = [
  {
    id: 'containers',
    title: 'Containers',
    weight: 15,
    saturation: 4,
    detail: 'containers in the Score workload',
  },
  {
    id: 'resources',
    title: 'Resources',
    weight: 20,
    saturation: 8,
    detail: 'resources the Score workload declares',
  },
  {
    id: 'variables',
    title: 'Variables',
    weight: 15,
    saturation: 30,
    detail: 'environment variables of all containers',
  },
  {
    id: 'environments',
    title: 'Environments',
    weight: 15,
    saturation: 6,
    detail: 'environments deployed to in the last 90 days',
  },
  {
    id: 'overrides',
    title: 'Overrides',
    weight: 15,
    saturation: 5,
    detail: 'golden-path defaults overridden',
  },
  {
    id: 'dependencies',
    title: 'Dependencies',
    weight: 20,
    saturation: 10,
    detail: 'components and resources it depends on',
  },
];

function factorValue(id: ComplexityFactorId, facts: EntityFacts): number {
  switch (id) {
    case 'containers':
      return facts.catalog.containers;
    case 'resources':
      return facts.catalog.scoreResources;
    case 'variables':
      return facts.catalog.variables;
    case 'environments':
      return facts.ledger.environments.length;
    case 'overrides':
      return facts.catalog.overrides.length;
    case 'dependencies':
      return facts.catalog.dependencies;
    default:
      throw new Error(`unknown complexity factor ${id}`);
  }
}

/**
 * Computes the complexity score of an entity from its facts.
 *
 * @public
 */
export function computeComplexity(facts: EntityFacts): ComplexityScore {
  const factors = COMPLEXITY_FACTORS.map(f => {
    const value = factorValue(f.id, facts);
    const points =
      Math.round(f.weight * Math.min(1, value / f.saturation) * 10) / 10;
    return { ...f, value, points };
  });
  return {
    score: Math.round(factors.reduce((sum, f) => sum + f.points, 0)),
    factors,
  };
}

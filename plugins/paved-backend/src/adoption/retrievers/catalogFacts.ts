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
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import {
  ADOPTION_FACT_RETRIEVERS,
  CatalogFacts,
  compareTemplateVersions,
  GOLDEN_PATH_ANNOTATIONS,
  parseTemplateAnnotation,
  SCORE_ANNOTATIONS,
  ScoreWorkloadSummary,
} from '@paved/plugin-paved-common';
import { AdoptionFactRetriever, TemplateVersions } from './types';

function normalizeRef(ref: string, defaultKind: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

function workloadSummary(entity: Entity): ScoreWorkloadSummary | undefined {
  const text = entity.metadata.annotations?.[SCORE_ANNOTATIONS.scoreWorkload];
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' && parsed.v === 1
      ? (parsed as ScoreWorkloadSummary)
      : undefined;
  } catch {
    return undefined;
  }
}

function scoreErrorCount(entity: Entity): number {
  const scoreFile = entity.metadata.annotations?.[SCORE_ANNOTATIONS.scoreFile];
  if (!scoreFile) return 0;
  const items = ((entity as { status?: { items?: unknown[] } }).status?.items ??
    []) as Array<{ type?: string; level?: string; message?: string }>;
  return items.filter(
    item =>
      item.type === ENTITY_STATUS_CATALOG_PROCESSING_TYPE &&
      item.level === 'error' &&
      typeof item.message === 'string' &&
      (item.message.includes(scoreFile) || /\bscore\b/i.test(item.message)),
  ).length;
}

/**
 * The catalog facts of one component (exported for tests and the
 * benchmark): its Score workload, golden path, overrides and dependencies.
 */
export function catalogFacts(
  entity: Entity,
  templates: TemplateVersions,
): CatalogFacts {
  const annotations = entity.metadata.annotations ?? {};
  const summary = workloadSummary(entity);
  const containers = Object.values(summary?.containers ?? {});

  const annotation = annotations[GOLDEN_PATH_ANNOTATIONS.template];
  let goldenPath: CatalogFacts['goldenPath'] = { status: 'none' };
  if (annotation) {
    const parsed = parseTemplateAnnotation(annotation);
    if (!parsed) {
      goldenPath = { status: 'invalid' };
    } else {
      const current = templates.get(parsed.name);
      const base = { template: parsed.name, version: parsed.version };
      if (!current) {
        goldenPath = { status: 'missing', ...base };
      } else if (
        current.version &&
        compareTemplateVersions(parsed.version, current.version) < 0
      ) {
        goldenPath = {
          status: 'outdated',
          ...base,
          currentVersion: current.version,
        };
      } else {
        goldenPath = {
          status: 'current',
          ...base,
          ...(current.version ? { currentVersion: current.version } : {}),
        };
      }
    }
  }

  const dependencies = new Set<string>();
  const specDependsOn = entity.spec?.dependsOn;
  if (Array.isArray(specDependsOn)) {
    for (const ref of specDependsOn) {
      if (typeof ref !== 'string') continue;
      const normalized = normalizeRef(ref, 'component');
      if (normalized) dependencies.add(normalized);
    }
  }
  for (const relation of entity.relations ?? []) {
    if (relation.type === RELATION_DEPENDS_ON) {
      dependencies.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  const fromScore = new Set(
    Object.values(summary?.resources ?? {})
      .map(r => normalizeRef(r.entityRef, 'resource'))
      .filter((r): r is string => Boolean(r)),
  );
  const resourcesOutsideScore = [...dependencies]
    .filter(ref => ref.startsWith('resource:') && !fromScore.has(ref))
    .sort();

  const overrides = (annotations[GOLDEN_PATH_ANNOTATIONS.overrides] ?? '')
    .split(',')
    .map(p => p.trim())
    .filter(Boolean);

  const spec = entity.spec ?? {};
  const text = (value: unknown) =>
    typeof value === 'string' && value ? value : undefined;
  return {
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(text(spec.type) ? { type: text(spec.type) } : {}),
    ...(text(spec.lifecycle) ? { lifecycle: text(spec.lifecycle) } : {}),
    ...(text(spec.owner)
      ? { owner: normalizeRef(text(spec.owner)!, 'group') }
      : {}),
    ...(text(spec.system)
      ? { system: normalizeRef(text(spec.system)!, 'system') }
      : {}),
    hasScoreFile: Boolean(annotations[SCORE_ANNOTATIONS.scoreFile]),
    scoreErrors: scoreErrorCount(entity),
    containers: containers.length,
    variables: containers.reduce(
      (sum, c) => sum + Object.keys(c.variables ?? {}).length,
      0,
    ),
    scoreResources: Object.keys(summary?.resources ?? {}).length,
    goldenPath,
    overrides,
    dependencies: dependencies.size,
    resourcesOutsideScore,
  };
}

/** Retriever `catalog`: facts read from the catalog entity itself. */
export const catalogFactRetriever: AdoptionFactRetriever<CatalogFacts> = {
  id: 'catalog',
  version: ADOPTION_FACT_RETRIEVERS.catalog.version,
  title: ADOPTION_FACT_RETRIEVERS.catalog.title,
  description:
    'Score workload (containers, variables, resources), golden-path template and version, overridden defaults and dependencies, from the catalog entity.',
  entityFilter: { kind: 'Component' },
  async handler({ entities, templates }) {
    return entities.map(entity => ({
      entityRef: stringifyEntityRef(entity),
      facts: catalogFacts(entity, templates),
    }));
  },
};

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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { TemplateRunStats, TemplateUsage } from '@paved/plugin-paved-common';
import { ScaffolderTaskSummary } from './ScaffolderTaskReader';

/** Task history is summarised over this many days. */
export const TEMPLATE_RUN_WINDOW_DAYS = 90;

/** A software template in the catalog. */
export type TemplateInfo = {
  entityRef: string;
  name: string;
  title?: string;
  version?: string;
};

/** The median of numbers, or null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function normalizeTemplateRef(ref: string): string {
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'template',
          defaultNamespace: 'default',
        }),
      ),
    );
  } catch {
    return lower(ref);
  }
}

/**
 * The component a run created: `component:default/<parameters.name>`, the
 * convention of Paved's golden paths (their output link names it too). It
 * counts only when that component is in the catalog and, if it carries a
 * `paved.dev/template` annotation, names the run's template.
 */
export function createdComponentRef(
  task: ScaffolderTaskSummary,
  components: Map<string, { template?: string }>,
  templateName?: string,
): string | undefined {
  if (!task.componentName) return undefined;
  const ref = lower(`component:default/${task.componentName}`);
  const component = components.get(ref);
  if (!component) return undefined;
  if (
    component.template &&
    templateName &&
    component.template !== templateName
  ) {
    return undefined;
  }
  return ref;
}

/**
 * Summarises the scaffolder's task history: runs and success rate per
 * template (templates without runs included), and the time from a run to
 * the first successful production deployment of the component it created.
 *
 * @param productionDeployments - successful production deployment times
 *   (epoch ms, ascending) by lower-case entity ref
 */
export function summarizeTemplateRuns(input: {
  tasks: ScaffolderTaskSummary[];
  templates: TemplateInfo[];
  components: Map<string, { template?: string }>;
  productionDeployments: Map<string, number[]>;
}): {
  usage: TemplateUsage[];
  stats: Omit<TemplateRunStats, 'status' | 'detail'>;
  timeToFirstProductionDeployment: {
    medianSeconds: number | null;
    samples: number;
  };
} {
  const byRef = new Map<
    string,
    TemplateUsage & { created: Set<string>; leads: number[] }
  >();
  const entry = (ref: string, info?: TemplateInfo) => {
    let usage = byRef.get(ref);
    if (!usage) {
      usage = {
        templateRef: info?.entityRef ?? ref,
        ...(info?.title ? { title: info.title } : {}),
        ...(info?.version ? { version: info.version } : {}),
        runs: 0,
        succeeded: 0,
        failed: 0,
        successRate: null,
        components: 0,
        medianSecondsToFirstProductionDeployment: null,
        created: new Set(),
        leads: [],
      };
      byRef.set(ref, usage);
    }
    return usage;
  };
  const infoByRef = new Map(
    input.templates.map(t => [lower(t.entityRef), t] as const),
  );
  for (const [ref, info] of infoByRef) entry(ref, info);

  // The latest completed run per created component, for the lead time.
  const creatingRun = new Map<string, { at: number; template: string }>();
  let runs = 0;
  let succeeded = 0;
  let failed = 0;
  for (const task of input.tasks) {
    if (!task.templateRef) continue;
    const ref = normalizeTemplateRef(task.templateRef);
    const info = infoByRef.get(ref);
    const usage = entry(ref, info);
    usage.runs++;
    runs++;
    const at = task.createdAt.getTime();
    if (!usage.lastRunAt || at > Date.parse(usage.lastRunAt)) {
      usage.lastRunAt = task.createdAt.toISOString();
    }
    if (task.status === 'completed') {
      usage.succeeded++;
      succeeded++;
      const name = info?.name ?? parseEntityRef(ref).name;
      const component = createdComponentRef(task, input.components, name);
      if (component) {
        usage.created.add(component);
        const previous = creatingRun.get(component);
        if (!previous || at > previous.at) {
          creatingRun.set(component, { at, template: ref });
        }
      }
    } else if (task.status === 'failed') {
      usage.failed++;
      failed++;
    }
  }

  const allLeads: number[] = [];
  for (const [component, run] of creatingRun) {
    const first = (input.productionDeployments.get(component) ?? []).find(
      t => t >= run.at,
    );
    if (first === undefined) continue;
    const seconds = (first - run.at) / 1000;
    allLeads.push(seconds);
    byRef.get(run.template)!.leads.push(seconds);
  }

  const usage = [...byRef.values()]
    .map(({ created, leads, ...u }) => ({
      ...u,
      components: created.size,
      successRate:
        u.succeeded + u.failed ? u.succeeded / (u.succeeded + u.failed) : null,
      medianSecondsToFirstProductionDeployment: median(leads),
    }))
    .sort(
      (a, b) => b.runs - a.runs || a.templateRef.localeCompare(b.templateRef),
    );
  return {
    usage,
    stats: {
      windowDays: TEMPLATE_RUN_WINDOW_DAYS,
      runs,
      succeeded,
      failed,
      successRate: succeeded + failed ? succeeded / (succeeded + failed) : null,
    },
    timeToFirstProductionDeployment: {
      medianSeconds: median(allLeads),
      samples: allLeads.length,
    },
  };
}

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

import { getAtPath, isRecord } from './paths';
import { parsePlaceholders } from './placeholders';
import { isSecretLikeName } from './secrets';
import { ScoreProblemCode, ScoreWorkload } from './types';

/** A semantic problem, not yet tied to a file position. */
export interface SemanticIssue {
  path: Array<string | number>;
  message: string;
  code: ScoreProblemCode;
  severity: 'error' | 'warning';
  key?: boolean;
  needle?: string;
}

function list(names: string[]): string {
  return names.length ? names.join(', ') : 'none';
}

/**
 * Returns the cycles of a directed graph, one per strongly connected
 * component (Tarjan), each as the list of its nodes in walk order.
 */
export function findCycles(edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];

  const strongConnect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        strongConnect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = (edges.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) {
        cycles.push(component.reverse());
      }
    }
  };
  for (const node of [...edges.keys()].sort()) {
    if (!index.has(node)) {
      strongConnect(node);
    }
  }
  return cycles;
}

/** Calls `visit` for every string inside `value`, with its path. */
function walkStrings(
  value: unknown,
  path: Array<string | number>,
  visit: (text: string, path: Array<string | number>) => void,
) {
  if (typeof value === 'string') {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walkStrings(item, [...path, i], visit));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      walkStrings(v, [...path, k], visit);
    }
  }
}

/**
 * Checks the placeholders of one string. Returns the names of the resources
 * it references (used for the resource dependency graph).
 */
function checkPlaceholders(
  workload: ScoreWorkload,
  text: string,
  path: Array<string | number>,
  issues: SemanticIssue[],
): string[] {
  if (!text.includes('$')) {
    return [];
  }
  const { placeholders, errors, warnings } = parsePlaceholders(text);
  for (const [problems, severity] of [
    [errors, 'error'],
    [warnings, 'warning'],
  ] as const) {
    for (const problem of problems) {
      issues.push({
        path,
        code: 'placeholder-syntax',
        severity,
        message: problem.message,
        needle: problem.text,
      });
    }
  }
  const referenced: string[] = [];
  const declared = Object.keys(workload.resources ?? {});
  for (const placeholder of placeholders) {
    const [root, name] = placeholder.parts;
    const at = { path, needle: placeholder.raw, severity: 'error' as const };
    if (root === 'metadata') {
      if (placeholder.parts.length < 2 || !name) {
        issues.push({
          ...at,
          code: 'placeholder-syntax',
          message: `placeholder ${placeholder.raw} needs a metadata key, for example \${metadata.name}`,
        });
      } else if (
        getAtPath(workload.metadata, placeholder.parts.slice(1)) === undefined
      ) {
        issues.push({
          ...at,
          code: 'placeholder-unknown-metadata',
          message: `placeholder ${
            placeholder.raw
          } names metadata key "${placeholder.parts
            .slice(1)
            .join('.')}", which is not set in metadata (set: ${list(
            Object.keys(workload.metadata),
          )})`,
        });
      }
    } else if (root === 'resources') {
      if (placeholder.parts.length < 2 || !name) {
        issues.push({
          ...at,
          code: 'placeholder-syntax',
          message: `placeholder ${placeholder.raw} needs a resource name, for example \${resources.db.host}`,
        });
      } else if (!declared.includes(name)) {
        issues.push({
          ...at,
          code: 'placeholder-unknown-resource',
          message: `placeholder ${
            placeholder.raw
          } names resource "${name}", which is not declared in resources (declared: ${list(
            declared,
          )})`,
        });
      } else {
        referenced.push(name);
      }
    } else {
      issues.push({
        ...at,
        code: 'placeholder-unknown-root',
        message: `placeholder ${placeholder.raw} starts with "${root}"; placeholders must start with metadata. or resources. (write $$ for a literal $)`,
      });
    }
  }
  return referenced;
}

/**
 * The checks the Score tools make on a single workload after schema
 * validation: placeholders (where score-compose and score-k8s expand them:
 * variables, file content, volume sources and resource params), `before`
 * references and cycles, and the params the `service-port` provisioner
 * needs. Hard-coded secrets are reported as warnings.
 *
 * Returns the resource-to-resource edges found in `params` placeholders so
 * cycles can be found across workloads (shared resources join graphs).
 */
export function checkWorkload(workload: ScoreWorkload): {
  issues: SemanticIssue[];
  resourceEdges: Map<string, string[]>;
} {
  const issues: SemanticIssue[] = [];
  const containerNames = Object.keys(workload.containers);

  for (const [cName, container] of Object.entries(workload.containers)) {
    const base = ['containers', cName];
    for (const [key, value] of Object.entries(container.variables ?? {})) {
      const path = [...base, 'variables', key];
      const refs = checkPlaceholders(workload, value, path, issues);
      if (
        isSecretLikeName(key) &&
        value.length > 0 &&
        refs.length === 0 &&
        !value.includes('${')
      ) {
        issues.push({
          path,
          code: 'hardcoded-secret',
          severity: 'warning',
          message: `${key} looks like a secret written in plain text; reference a resource output instead, for example \${resources.db.password}`,
        });
      }
    }
    for (const [target, file] of Object.entries(container.files ?? {})) {
      if (typeof file.content === 'string' && !file.noExpand) {
        checkPlaceholders(
          workload,
          file.content,
          [...base, 'files', target, 'content'],
          issues,
        );
      }
    }
    for (const [target, volume] of Object.entries(container.volumes ?? {})) {
      checkPlaceholders(
        workload,
        volume.source,
        [...base, 'volumes', target, 'source'],
        issues,
      );
    }
    for (const [other, entry] of Object.entries(container.before ?? {})) {
      const path = [...base, 'before', other];
      if (other === cName) {
        issues.push({
          path,
          key: true,
          code: 'before-cycle',
          severity: 'error',
          message: `container "${cName}" cannot be started before itself`,
        });
      } else if (!containerNames.includes(other)) {
        issues.push({
          path,
          key: true,
          code: 'before-unknown-container',
          severity: 'error',
          message: `before names container "${other}", which is not declared in containers (declared: ${list(
            containerNames,
          )})`,
        });
      }
      // score-compose maps ready: healthy to a compose healthcheck condition.
      if (
        entry.ready === 'healthy' &&
        !container.readinessProbe &&
        !container.livenessProbe
      ) {
        issues.push({
          path: [...path, 'ready'],
          code: 'before-probe',
          severity: 'error',
          message: `ready: healthy needs a readinessProbe or livenessProbe on container "${cName}" to know when it is healthy`,
        });
      }
    }
  }

  const beforeEdges = new Map<string, string[]>();
  for (const [cName, container] of Object.entries(workload.containers)) {
    beforeEdges.set(
      cName,
      Object.keys(container.before ?? {}).filter(
        o => o !== cName && containerNames.includes(o),
      ),
    );
  }
  for (const cycle of findCycles(beforeEdges)) {
    issues.push({
      path: ['containers', cycle[0], 'before'],
      key: true,
      code: 'before-cycle',
      severity: 'error',
      message: `containers wait for each other in a cycle: ${[
        ...cycle,
        cycle[0],
      ].join(' -> ')}`,
    });
  }

  const resourceEdges = new Map<string, string[]>();
  for (const [rName, resource] of Object.entries(workload.resources ?? {})) {
    const refs = new Set<string>();
    walkStrings(resource.params, ['resources', rName, 'params'], (t, p) => {
      for (const ref of checkPlaceholders(workload, t, p, issues)) {
        refs.add(ref);
      }
    });
    resourceEdges.set(rName, [...refs]);
    if (resource.type === 'service-port') {
      for (const param of ['workload', 'port']) {
        const value = resource.params?.[param];
        if (typeof value !== 'string' || value === '') {
          issues.push({
            path: ['resources', rName, ...(resource.params ? ['params'] : [])],
            key: true,
            code: 'resource-params',
            severity: 'error',
            message: `a service-port resource needs params.${param} (the ${
              param === 'workload'
                ? 'name of the workload to connect to'
                : 'name of its service port'
            })`,
          });
        }
      }
    }
  }
  return { issues, resourceEdges };
}

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

import { formatScorePath } from '@paved/plugin-paved-common';

/**
 * Builds a Score workload from the structured inputs of
 * `paved:score:generate` and applies the golden path's defaults and the
 * developer's overrides, remembering which defaults were overridden.
 */

/** A plain JSON object. */
type Json = Record<string, unknown>;

/** The structured part of the generate action's input. */
export interface WorkloadInput {
  name: string;
  containerName: string;
  image: string;
  command?: string[];
  args?: string[];
  variables?: Record<string, string>;
  ports?: Array<{
    name: string;
    port: number;
    targetPort?: number;
    protocol?: 'TCP' | 'UDP';
  }>;
  resources?: Record<
    string,
    {
      type: string;
      class?: string;
      id?: string;
      params?: Record<string, unknown>;
    }
  >;
  probes?: { liveness?: string; readiness?: string; port?: number };
  annotations?: Record<string, string>;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value an override leaves out: templates pass empty form fields as "" or null. */
function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Drops unset values (recursively) so they neither override nor count. */
export function pruneUnset(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter(v => !isUnset(v)).map(pruneUnset);
  }
  if (isObject(value)) {
    const out: Json = {};
    for (const [key, child] of Object.entries(value)) {
      if (isUnset(child)) continue;
      const pruned = pruneUnset(child);
      if (isObject(pruned) && Object.keys(pruned).length === 0) continue;
      out[key] = pruned;
    }
    return out;
  }
  return value;
}

/** Deep merge of plain objects; arrays and scalars from `top` replace. */
export function deepMerge(base: Json, top: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(top)) {
    const current = out[key];
    out[key] =
      isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function leaves(
  value: unknown,
  prefix: string[] = [],
): Array<{ path: string[]; value: unknown }> {
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  }
  return [{ path: prefix, value }];
}

function getAt(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The workload the structured inputs describe, before defaults and overrides. */
export function buildWorkload(input: WorkloadInput): Json {
  const container: Json = { image: input.image };
  if (input.command?.length) container.command = input.command;
  if (input.args?.length) container.args = input.args;
  if (input.variables && Object.keys(input.variables).length) {
    container.variables = { ...input.variables };
  }
  const probePort =
    input.probes?.port ??
    input.ports?.[0]?.targetPort ??
    input.ports?.[0]?.port;
  for (const [kind, key] of [
    ['liveness', 'livenessProbe'],
    ['readiness', 'readinessProbe'],
  ] as const) {
    const probePath = input.probes?.[kind];
    if (probePath) {
      if (probePort === undefined) {
        throw new Error(
          `probes.${kind} needs a port: give probes.port or declare a port in ports`,
        );
      }
      container[key] = { httpGet: { path: probePath, port: probePort } };
    }
  }

  const workload: Json = {
    apiVersion: 'score.dev/v1b1',
    metadata: {
      name: input.name,
      ...(input.annotations && Object.keys(input.annotations).length
        ? { annotations: { ...input.annotations } }
        : {}),
    },
    containers: { [input.containerName]: container },
  };
  if (input.ports?.length) {
    const ports: Json = {};
    for (const p of input.ports) {
      ports[p.name] = {
        port: p.port,
        ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
        ...(p.protocol ? { protocol: p.protocol } : {}),
      };
    }
    workload.service = { ports };
  }
  if (input.resources && Object.keys(input.resources).length) {
    const resources: Json = {};
    for (const [name, r] of Object.entries(input.resources)) {
      resources[name] = pruneUnset(r);
    }
    workload.resources = resources;
  }
  return workload;
}

/**
 * Applies the golden path's defaults, then the developer's overrides, and
 * lists every override that changed a value the defaults (or the structured
 * inputs) had set, as dotted Score paths.
 */
export function applyDefaultsAndOverrides(
  built: Json,
  defaults: Json = {},
  overrides: Json = {},
): { workload: Json; overridden: string[] } {
  const base = deepMerge(built, pruneUnset(defaults) as Json);
  const prunedOverrides = pruneUnset(overrides) as Json;
  const overridden = leaves(prunedOverrides)
    .filter(leaf => {
      const before = getAt(base, leaf.path);
      return (
        before !== undefined &&
        JSON.stringify(before) !== JSON.stringify(leaf.value)
      );
    })
    .map(leaf => formatScorePath(leaf.path));
  return { workload: deepMerge(base, prunedOverrides), overridden };
}

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

import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { SLO_ANNOTATION } from '../slos/types';
import { parsePlaceholders } from './placeholders';
import { scoreResourceUid } from './resourceUid';
import {
  isSecretLikeName,
  redactSecretArgs,
  redactSecretParams,
  redactSecretsInText,
  redactSecretValue,
} from './secrets';
import { ScoreResource, ScoreWorkload, ValidScoreWorkload } from './types';

/** Annotations read from Score `metadata.annotations` and written on entities. @public */
export const SCORE_ANNOTATIONS = {
  /** On a Component: absolute URL of its Score file. Also the opt-in on catalog-info.yaml (relative path). */
  scoreFile: 'paved.dev/score-file',
  /** On a Component: compact JSON {@link ScoreWorkloadSummary} for the frontend card. */
  scoreWorkload: 'paved.dev/score-workload',
  /** On a Resource: the Score resource uid (`type.class#id`). */
  scoreResourceUid: 'paved.dev/score-resource-uid',
  /** On a shared Resource only: its Score resource `id`. */
  scoreResourceId: 'paved.dev/score-resource-id',
  /** In Score metadata: overrides of the Component fields. */
  componentType: 'paved.dev/component-type',
  owner: 'paved.dev/owner',
  system: 'paved.dev/system',
  lifecycle: 'paved.dev/lifecycle',
  description: 'paved.dev/description',
  tags: 'paved.dev/tags',
} as const;

/**
 * Fallbacks for Component fields a Score file does not set.
 *
 * @public
 */
export interface ScoreEntityDefaults {
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  namespace?: string;
}

/** Defaults used when neither the Score file nor the options set a value. @public */
export const SCORE_ENTITY_DEFAULTS = {
  owner: 'unknown',
  lifecycle: 'experimental',
  type: 'service',
  namespace: 'default',
} as const;

/** @public */
export interface ScoreEntityOptions {
  /** Absolute URL of the Score file of a workload; defaults to its `file`. */
  sourceUrl?: string | ((workload: ValidScoreWorkload) => string);
  defaults?: ScoreEntityDefaults;
  /** Size limit of the `paved.dev/score-workload` annotation. Default 32 KiB. */
  maxWorkloadAnnotationBytes?: number;
}

/**
 * What the frontend card shows about a workload; stored as JSON in the
 * `paved.dev/score-workload` annotation. Secrets are redacted (see
 * secrets.ts): literal parts of secret-looking variables and resource
 * params at any depth, and secrets in commands, arguments, probes and
 * connection strings; placeholders stay. File contents are never included.
 *
 * @public
 */
export interface ScoreWorkloadSummary {
  v: 1;
  name: string;
  containers: Record<
    string,
    {
      image: string;
      command?: string[];
      args?: string[];
      variables?: Record<string, string>;
      files?: string[];
      volumes?: Record<string, string>;
      resources?: ScoreWorkload['containers'][string]['resources'];
      probes?: string[];
    }
  >;
  ports: Record<
    string,
    { port: number; targetPort?: number; protocol?: string }
  >;
  resources: Record<
    string,
    {
      type: string;
      class?: string;
      id?: string;
      /** Resource params; values under secret-looking keys are redacted. */
      params?: Record<string, unknown>;
      entityRef: string;
    }
  >;
  /** Set when details were dropped to respect the size limit. */
  truncated?: boolean;
}

const MAX_NAME = 63;

/** FNV-1a, enough to keep truncated names unique and stable. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function fitName(name: string): string {
  if (name.length <= MAX_NAME) return name;
  return `${name.slice(0, MAX_NAME - 9).replace(/[-_.]+$/, '')}-${shortHash(
    name,
  )}`;
}

const SERVICE_TYPES = new Set(['service', 'service-port']);

/**
 * The workload a `service` or `service-port` resource points at:
 * `params.workload` (what score-compose's service-port provisioner reads),
 * else the resource `id`, else the resource name (the convention of the
 * score-spec/examples `service` resources, where the resource is named
 * after the workload).
 *
 * @public
 */
export function scoreServiceTarget(
  resourceName: string,
  resource: ScoreResource,
): string | undefined {
  if (!SERVICE_TYPES.has(resource.type)) return undefined;
  const param = resource.params?.workload;
  if (typeof param === 'string' && param) return param;
  return resource.id ?? resourceName;
}

/**
 * Catalog name of the Resource entity for a Score resource: `<type>-<id>`
 * for shared resources (with `-<class>` before the id when the class is not
 * `default`), `<workload>-<resource>` otherwise. Names longer than 63
 * characters are shortened with a hash suffix.
 *
 * @public
 */
export function scoreResourceEntityName(
  workloadName: string,
  resourceName: string,
  resource: ScoreResource,
): string {
  if (resource.id !== undefined) {
    const cls =
      resource.class && resource.class !== 'default'
        ? `-${resource.class}`
        : '';
    return fitName(`${resource.type}${cls}-${resource.id}`);
  }
  return fitName(`${workloadName}-${resourceName}`);
}

function resourceRef(
  workloadName: string,
  resourceName: string,
  resource: ScoreResource,
  namespace: string,
): string {
  const target = scoreServiceTarget(resourceName, resource);
  return target !== undefined
    ? stringifyEntityRef({ kind: 'component', namespace, name: target })
    : stringifyEntityRef({
        kind: 'resource',
        namespace,
        name: scoreResourceEntityName(workloadName, resourceName, resource),
      });
}

/**
 * The `spec.dependsOn` refs of a workload's Component: its Resources, and
 * the Components of the workloads it reaches through `service`/`service-port`.
 *
 * @public
 */
export function scoreWorkloadDependsOn(
  workload: ScoreWorkload,
  namespace: string = SCORE_ENTITY_DEFAULTS.namespace,
): string[] {
  const refs = Object.entries(workload.resources ?? {}).map(([name, res]) =>
    resourceRef(workload.metadata.name, name, res, namespace),
  );
  return [...new Set(refs)].sort();
}

function redactedVariables(
  variables: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!variables) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    out[key] = isSecretLikeName(key)
      ? redactSecretValue(value)
      : redactSecretsInText(value);
  }
  return out;
}

function redactedParams(
  params: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!params) return undefined;
  return redactSecretParams(params) as Record<string, unknown>;
}

function probeText(
  kind: string,
  probe: ScoreWorkload['containers'][string]['livenessProbe'],
): string[] {
  if (!probe) return [];
  const out: string[] = [];
  if (probe.httpGet) {
    out.push(
      `${kind}: ${probe.httpGet.scheme ?? 'HTTP'} GET :${
        probe.httpGet.port
      }${redactSecretsInText(probe.httpGet.path)}`,
    );
  }
  if (probe.exec) {
    out.push(`${kind}: exec ${redactSecretArgs(probe.exec.command).join(' ')}`);
  }
  return out;
}

/**
 * Builds the {@link ScoreWorkloadSummary} JSON of a workload, dropping
 * details (variables and files, then everything but images, ports and
 * resources) until it fits in `maxBytes`.
 *
 * @public
 */
export function scoreWorkloadSummary(
  workload: ScoreWorkload,
  options: { namespace?: string; maxBytes?: number } = {},
): string {
  const namespace = options.namespace ?? SCORE_ENTITY_DEFAULTS.namespace;
  const maxBytes = options.maxBytes ?? 32 * 1024;
  const summary: ScoreWorkloadSummary = {
    v: 1,
    name: workload.metadata.name,
    containers: {},
    ports: {},
    resources: {},
  };
  for (const [name, c] of Object.entries(workload.containers)) {
    summary.containers[name] = {
      image: c.image,
      command: c.command && redactSecretArgs(c.command),
      args: c.args && redactSecretArgs(c.args),
      variables: redactedVariables(c.variables),
      files: c.files ? Object.keys(c.files) : undefined,
      volumes: c.volumes
        ? Object.fromEntries(
            Object.entries(c.volumes).map(([t, v]) => [t, v.source]),
          )
        : undefined,
      resources: c.resources,
      probes: [
        ...probeText('liveness', c.livenessProbe),
        ...probeText('readiness', c.readinessProbe),
      ],
    };
  }
  for (const [name, p] of Object.entries(workload.service?.ports ?? {})) {
    summary.ports[name] = {
      port: p.port,
      targetPort: p.targetPort,
      protocol: p.protocol,
    };
  }
  for (const [name, r] of Object.entries(workload.resources ?? {})) {
    summary.resources[name] = {
      type: r.type,
      class: r.class,
      id: r.id,
      params: redactedParams(r.params),
      entityRef: resourceRef(workload.metadata.name, name, r, namespace),
    };
  }
  let json = JSON.stringify(summary);
  if (json.length <= maxBytes) return json;
  summary.truncated = true;
  for (const c of Object.values(summary.containers)) {
    if (c.variables) {
      c.variables = Object.fromEntries(
        Object.keys(c.variables).map(k => [k, '']),
      );
    }
    delete c.files;
    delete c.command;
    delete c.args;
  }
  for (const r of Object.values(summary.resources)) {
    delete r.params;
  }
  json = JSON.stringify(summary);
  if (json.length <= maxBytes) return json;
  for (const [name, c] of Object.entries(summary.containers)) {
    summary.containers[name] = { image: c.image.slice(0, 256) };
  }
  json = JSON.stringify(summary);
  if (json.length <= maxBytes) return json;
  return JSON.stringify({
    v: 1,
    name: summary.name,
    containers: {},
    ports: {},
    resources: {},
    truncated: true,
  });
}

const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

/** Splits the comma separated Score `tags` annotation into catalog tags. */
function parseTags(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const tags = value
    .split(',')
    .map(t =>
      t
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9:+#-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .replace(/-{2,}/g, '-'),
    )
    .filter(t => t.length > 0 && t.length <= 63 && TAG.test(t));
  return tags.length ? [...new Set(tags)] : undefined;
}

/** Owner, system, lifecycle and type of a workload's Component. */
function ownership(workload: ScoreWorkload, defaults: ScoreEntityDefaults) {
  const annotations = workload.metadata.annotations ?? {};
  const system = annotations[SCORE_ANNOTATIONS.system] ?? defaults.system;
  return {
    namespace: defaults.namespace ?? SCORE_ENTITY_DEFAULTS.namespace,
    type:
      annotations[SCORE_ANNOTATIONS.componentType] ??
      defaults.type ??
      SCORE_ENTITY_DEFAULTS.type,
    lifecycle:
      annotations[SCORE_ANNOTATIONS.lifecycle] ??
      defaults.lifecycle ??
      SCORE_ENTITY_DEFAULTS.lifecycle,
    owner:
      annotations[SCORE_ANNOTATIONS.owner] ??
      defaults.owner ??
      SCORE_ENTITY_DEFAULTS.owner,
    system,
  };
}

/**
 * The Component fields a workload defines: name, spec, tags and the Score
 * annotations. Used both for new Components and to enrich a Component from
 * catalog-info.yaml.
 *
 * @public
 */
export function scoreComponentFields(
  workload: ScoreWorkload,
  sourceUrl: string,
  options: Omit<ScoreEntityOptions, 'sourceUrl'> = {},
) {
  const annotations = workload.metadata.annotations ?? {};
  const { namespace, type, lifecycle, owner, system } = ownership(
    workload,
    options.defaults ?? {},
  );
  return {
    namespace,
    description: annotations[SCORE_ANNOTATIONS.description],
    tags: parseTags(annotations[SCORE_ANNOTATIONS.tags] ?? annotations.tags),
    annotations: {
      [SCORE_ANNOTATIONS.scoreFile]: sourceUrl,
      [SCORE_ANNOTATIONS.scoreWorkload]: scoreWorkloadSummary(workload, {
        namespace,
        maxBytes: options.maxWorkloadAnnotationBytes,
      }),
      // SLOs as code may live in the Score file (docs/adoption.md#slos-as-code).
      ...(annotations[SLO_ANNOTATION]?.trim()
        ? { [SLO_ANNOTATION]: annotations[SLO_ANNOTATION] }
        : {}),
    },
    spec: {
      type,
      lifecycle,
      owner,
      ...(system ? { system } : {}),
      dependsOn: scoreWorkloadDependsOn(workload, namespace),
    },
  };
}

/**
 * The Resource entities declared by a set of workloads. A shared resource
 * (one with an `id`) appears once however many workloads declare it; its
 * owner and system come from the first workload (in the given order).
 * `service` and `service-port` resources are links to other workloads and
 * produce no Resource.
 *
 * @public
 */
export function scoreResourceEntities(
  workloads: ValidScoreWorkload[],
  options: ScoreEntityOptions = {},
): Entity[] {
  const byName = new Map<string, Entity>();
  for (const valid of workloads) {
    const { workload } = valid;
    const component = ownership(workload, options.defaults ?? {});
    const wName = workload.metadata.name;
    for (const [rName, res] of Object.entries(workload.resources ?? {})) {
      if (SERVICE_TYPES.has(res.type)) continue;
      const name = scoreResourceEntityName(wName, rName, res);
      if (byName.has(name)) continue;
      const uid = scoreResourceUid(wName, rName, res);
      const dependsOn = new Set<string>();
      const collect = (value: unknown): void => {
        if (typeof value === 'string') {
          for (const p of parsePlaceholders(value).placeholders) {
            const other = workload.resources?.[p.parts[1]];
            if (p.parts[0] === 'resources' && other && p.parts[1] !== rName) {
              dependsOn.add(
                resourceRef(wName, p.parts[1], other, component.namespace),
              );
            }
          }
        } else if (value && typeof value === 'object') {
          Object.values(value).forEach(collect);
        }
      };
      collect(res.params);
      byName.set(name, {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name,
          namespace: component.namespace,
          title:
            res.id !== undefined
              ? `${res.type} ${res.id}`
              : `${wName} ${rName}`,
          description:
            res.id !== undefined
              ? `Shared Score resource ${uid}`
              : `Score resource "${rName}" of workload ${wName}`,
          annotations: {
            [SCORE_ANNOTATIONS.scoreResourceUid]: uid,
            ...(res.id !== undefined
              ? { [SCORE_ANNOTATIONS.scoreResourceId]: res.id }
              : {}),
          },
        },
        spec: {
          type: res.type,
          owner: component.owner,
          ...(component.system ? { system: component.system } : {}),
          ...(dependsOn.size ? { dependsOn: [...dependsOn].sort() } : {}),
        },
      });
    }
  }
  return [...byName.values()];
}

/**
 * Maps validated Score workloads to catalog entities: one Component per
 * workload and the Resources they declare (see {@link scoreResourceEntities}).
 * Pure and isomorphic, so the catalog processor and the CLI agree.
 *
 * @public
 */
export function scoreToEntities(
  workloads: ValidScoreWorkload[],
  options: ScoreEntityOptions = {},
): Entity[] {
  const components: Entity[] = workloads.map(valid => {
    const url =
      typeof options.sourceUrl === 'function'
        ? options.sourceUrl(valid)
        : options.sourceUrl ?? valid.file;
    const fields = scoreComponentFields(valid.workload, url, options);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: valid.workload.metadata.name,
        namespace: fields.namespace,
        ...(fields.description ? { description: fields.description } : {}),
        ...(fields.tags ? { tags: fields.tags } : {}),
        annotations: fields.annotations,
      },
      spec: fields.spec,
    };
  });
  return [...components, ...scoreResourceEntities(workloads, options)];
}

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
import { z } from 'zod';
import { parseSloDuration } from '../slos';
import { entityRef } from '../surveys/schema';
import { PAVED_API_VERSION } from '../surveys/types';
import {
  ROADMAP_ITEM_KIND,
  ROADMAP_METRICS,
  RoadmapItemEntity,
  RoadmapItemSpec,
} from './types';

const FUNNEL_STAGES = [
  'catalog',
  'score',
  'golden-path',
  'current-version',
  'deploying',
] as const;

const nonEmpty = (max: number) => z.string().trim().min(1).max(max);

const refOfKind = (kind: string) =>
  entityRef(kind).refine(ref => ref.startsWith(`${kind}:`), {
    message: `must be the ref of a ${kind}`,
  });

const ratio = z.number().min(0).max(1);
const direction = z.enum(['increase', 'decrease']);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string()
  .refine(
    value =>
      DATE.test(value) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    { message: 'must be a date YYYY-MM-DD' },
  );

const leadTimeTarget = z.string().transform((value, ctx) => {
  const seconds = parseSloDuration(value);
  if (seconds === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a duration such as 36h or 2d (got '${value}')`,
    });
    return z.NEVER;
  }
  return seconds;
});

const outcomeSchemas = {
  leadTime: z
    .object({
      metric: z.literal('leadTime'),
      group: refOfKind('group'),
      target: leadTimeTarget,
      direction: direction.default('decrease'),
    })
    .strict(),
  nps: z
    .object({
      metric: z.literal('nps'),
      survey: refOfKind('survey'),
      target: z.number().min(-100).max(100),
      direction: direction.default('increase'),
    })
    .strict(),
  adoptionStage: z
    .object({
      metric: z.literal('adoptionStage'),
      stage: z.enum(FUNNEL_STAGES),
      target: ratio,
      direction: direction.default('increase'),
    })
    .strict(),
  automationScore: z
    .object({
      metric: z.literal('automationScore'),
      target: z.number().min(0).max(100),
      direction: direction.default('increase'),
    })
    .strict(),
  sloAttainment: z
    .object({
      metric: z.literal('sloAttainment'),
      entity: entityRef('component').optional(),
      group: refOfKind('group').optional(),
      target: ratio,
      direction: direction.default('increase'),
    })
    .strict()
    .refine(o => (o.entity === undefined) !== (o.group === undefined), {
      message: 'name exactly one of entity or group',
    }),
};

// The metric is checked first so an unknown one gets its own message.
const outcomeSchema = z
  .object({ metric: z.unknown() }, { error: 'is required' })
  .passthrough()
  .transform((value, ctx) => {
    const metric = value.metric;
    if (!(ROADMAP_METRICS as readonly unknown[]).includes(metric)) {
      ctx.addIssue({
        code: 'custom',
        path: ['metric'],
        message: `unknown metric '${String(
          metric,
        )}'; one of ${ROADMAP_METRICS.join(', ')}`,
      });
      return z.NEVER;
    }
    const parsed =
      outcomeSchemas[metric as keyof typeof outcomeSchemas].safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({
          code: 'custom',
          path: issue.path as PropertyKey[] as string[],
          message: issue.message,
        });
      }
      return z.NEVER;
    }
    return parsed.data;
  });

const requestId = z
  .union([z.number().int().positive(), nonEmpty(100)])
  .transform(String);

const specSchema = z
  .object({
    owner: entityRef('group'),
    problem: nonEmpty(2000),
    horizon: z.enum(['now', 'next', 'later', 'shipped']),
    shippedOn: isoDate.optional(),
    requests: z.array(requestId).max(100).default([]),
    outcome: outcomeSchema,
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.horizon === 'shipped' && !spec.shippedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['shippedOn'],
        message: 'is required when horizon is shipped',
      });
    }
    if (spec.horizon !== 'shipped' && spec.shippedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['shippedOn'],
        message: `is only allowed when horizon is shipped (horizon is ${spec.horizon})`,
      });
    }
  });

const entitySchema = z.object({
  apiVersion: z.literal(PAVED_API_VERSION),
  kind: z.literal(ROADMAP_ITEM_KIND),
  metadata: z
    .object({
      name: z.string().min(1),
      namespace: z.string().optional(),
      title: nonEmpty(200),
    })
    .passthrough(),
  spec: specSchema,
});

/**
 * Outcome of validating a RoadmapItem document.
 *
 * @public
 */
export type RoadmapItemValidationResult =
  | { ok: true; entity: RoadmapItemEntity }
  | {
      ok: false;
      /** `path: message`, one per problem. */
      errors: string[];
      /** The same problems with the path as keys, to locate them in the YAML. */
      issues: Array<{ path: string[]; message: string }>;
    };

/**
 * Whether an entity claims to be a RoadmapItem (it may still be invalid).
 *
 * @public
 */
export function isRoadmapItemEntity(entity: {
  apiVersion?: unknown;
  kind?: unknown;
}): boolean {
  return (
    entity.apiVersion === PAVED_API_VERSION && entity.kind === ROADMAP_ITEM_KIND
  );
}

/**
 * Validates a RoadmapItem entity and fills in defaults. Each error names
 * the field, e.g. `spec.outcome.metric: unknown metric 'velocity'; ...`.
 *
 * @public
 */
export function validateRoadmapItemEntity(
  entity: unknown,
): RoadmapItemValidationResult {
  const result = entitySchema.safeParse(entity);
  if (result.success) {
    return { ok: true, entity: result.data as unknown as RoadmapItemEntity };
  }
  const issues = result.error.issues.map(issue => ({
    path: issue.path.map(String),
    message: issue.message,
  }));
  return {
    ok: false,
    errors: issues.map(
      issue => `${issue.path.join('.') || '(document)'}: ${issue.message}`,
    ),
    issues,
  };
}

/**
 * The spec of a catalog entity that passed the catalog processor, with
 * defaults applied again (the catalog stores the document as written).
 * Throws when the entity is not a valid RoadmapItem.
 *
 * @public
 */
export function readRoadmapItemSpec(entity: unknown): RoadmapItemSpec {
  const result = validateRoadmapItemEntity(entity);
  if (!result.ok) {
    throw new Error(`Invalid RoadmapItem: ${result.errors.join('; ')}`);
  }
  return result.entity.spec;
}

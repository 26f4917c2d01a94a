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
import { z } from 'zod';
import {
  PAVED_API_VERSION,
  SURVEY_KIND,
  SurveyAudience,
  SurveyEntity,
  SurveySpec,
} from './types';

/** Kinds a survey can be about, besides the platform as a whole. */
const SUBJECT_KINDS = ['component', 'system', 'template'];

/** Fewer answers than this would let viewers guess who said what. */
export const SURVEY_MIN_THRESHOLD = 3;

const nonEmpty = (max: number) => z.string().trim().min(1).max(max);

export const entityRef = (defaultKind: string, kinds?: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .transform((value, ctx) => {
      try {
        const ref = parseEntityRef(value, {
          defaultKind,
          defaultNamespace: 'default',
        });
        if (kinds && !kinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
          ctx.addIssue({
            code: 'custom',
            message: `must be "platform" or the ref of a ${kinds.join(
              ', ',
            )} (got kind ${ref.kind})`,
          });
          return z.NEVER;
        }
        return stringifyEntityRef(ref);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `is not an entity ref: ${(error as Error).message}`,
        });
        return z.NEVER;
      }
    });

const audienceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('everyone') }).strict(),
  z
    .object({
      type: z.literal('groups'),
      groups: z.array(entityRef('group')).min(1),
    })
    .strict(),
  z
    .object({
      type: z.literal('owners'),
      filter: z
        .record(
          z.string().min(1),
          z.union([nonEmpty(200), z.array(nonEmpty(200)).min(1)]),
        )
        .refine(filter => Object.keys(filter).length > 0, {
          message: 'needs at least one field, e.g. { kind: Component }',
        }),
    })
    .strict(),
]);

const specSchema = z
  .object({
    owner: entityRef('group').optional(),
    question: nonEmpty(300),
    followUp: nonEmpty(300).optional(),
    subject: z.union([
      z.literal('platform'),
      entityRef('component', SUBJECT_KINDS),
    ]),
    audience: audienceSchema.default({ type: 'everyone' }),
    period: z.enum(['weekly', 'monthly', 'quarterly', 'yearly']),
    minimumAnswers: z
      .number()
      .int()
      .min(SURVEY_MIN_THRESHOLD)
      .max(10000)
      .default(5),
    status: z.enum(['open', 'closed']).default('open'),
  })
  .strict();

const entitySchema = z.object({
  apiVersion: z.literal(PAVED_API_VERSION),
  kind: z.literal(SURVEY_KIND),
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
 * Outcome of validating a Survey document.
 *
 * @public
 */
export type SurveyValidationResult =
  | { ok: true; entity: SurveyEntity }
  | { ok: false; errors: string[] };

/**
 * Whether an entity claims to be a Paved Survey (it may still be invalid).
 *
 * @public
 */
export function isSurveyEntity(entity: {
  apiVersion?: unknown;
  kind?: unknown;
}): boolean {
  return entity.apiVersion === PAVED_API_VERSION && entity.kind === SURVEY_KIND;
}

/**
 * Validates a Survey entity and fills in defaults. Each error names the
 * field, e.g. `spec.minimumAnswers: Too small: expected number to be >=3`.
 *
 * @public
 */
export function validateSurveyEntity(entity: unknown): SurveyValidationResult {
  const result = entitySchema.safeParse(entity);
  if (result.success) {
    return { ok: true, entity: result.data as unknown as SurveyEntity };
  }
  return {
    ok: false,
    errors: result.error.issues.map(issue => {
      const path = issue.path.map(String).join('.') || '(document)';
      return `${path}: ${issue.message}`;
    }),
  };
}

/**
 * Reads the spec of a catalog entity that passed the catalog processor,
 * applying defaults again (the catalog stores the document as written).
 * Throws when the entity is not a valid Survey.
 *
 * @public
 */
export function readSurveySpec(entity: unknown): SurveySpec {
  const result = validateSurveyEntity(entity);
  if (!result.ok) {
    throw new Error(`Invalid Survey: ${result.errors.join('; ')}`);
  }
  return result.entity.spec;
}

/**
 * A short human description of an audience.
 *
 * @public
 */
export function describeSurveyAudience(audience: SurveyAudience): string {
  switch (audience.type) {
    case 'everyone':
      return 'everyone';
    case 'groups':
      return `members of ${audience.groups.join(', ')}`;
    case 'owners':
      return `owners of entities matching ${Object.entries(audience.filter)
        .map(([k, v]) => `${k}=${[v].flat().join('|')}`)
        .join(', ')}`;
    default:
      return 'unknown';
  }
}

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
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatSloDuration, parseSloDuration } from './duration';
import { SloDeclaration, SloDeclarationError, SloObjectiveSpec } from './types';

/** The window when the document does not name one. */
export const DEFAULT_SLO_WINDOW = '30d';
const MAX_WINDOW_SECONDS = 366 * 86400;
const MAX_OBJECTIVES = 50;

const duration = (what: string, maxSeconds = MAX_WINDOW_SECONDS) =>
  z
    .string({ message: `${what} must be a duration like 30d, 24h or 4w` })
    .refine(
      value => {
        const seconds = parseSloDuration(value);
        return seconds !== undefined && seconds <= maxSeconds;
      },
      {
        message: `${what} must be a duration like 30d, 24h or 4w, at most ${formatSloDuration(
          maxSeconds,
        )}`,
      },
    )
    .transform(value => value.trim());

const target = z
  .union([z.number(), z.string()], {
    message: "target must be a ratio like 0.995 or a percentage like '99.5%'",
  })
  .transform((value, ctx) => {
    let ratio: number;
    if (typeof value === 'string') {
      const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          message: `target "${value}" is not a ratio like 0.995 or a percentage like '99.5%'`,
        });
        return z.NEVER;
      }
      ratio = Number((Number(match[1]) / 100).toPrecision(12));
    } else {
      if (value > 1 && value < 100) {
        ctx.addIssue({
          code: 'custom',
          message: `target ${value} is not a ratio: write ${
            value / 100
          } or '${value}%'`,
        });
        return z.NEVER;
      }
      ratio = value;
    }
    if (!(ratio > 0 && ratio < 1)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'target must be above 0 and below 1 (100 %): an objective of 100 % leaves no error budget',
      });
      return z.NEVER;
    }
    return ratio;
  });

const name = z
  .string({ message: 'name is required' })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message:
      'name must be 1 to 63 lowercase letters, digits and dashes, starting with a letter or digit',
  });

const common = {
  name,
  description: z.string().max(500).optional(),
  target,
  window: duration('window').optional(),
  burnRateWindow: duration('burnRateWindow').optional(),
};

const objectiveSchema = z.discriminatedUnion(
  'type',
  [
    z
      .object({
        ...common,
        type: z.literal('deployment-success-rate'),
        environment: z.string().min(1).max(255).optional(),
      })
      .strict(),
    z
      .object({
        ...common,
        type: z.literal('availability'),
        severities: z.array(z.string().min(1).max(32)).min(1).optional(),
      })
      .strict(),
    z
      .object({
        ...common,
        type: z.literal('lead-time'),
        threshold: duration('threshold'),
      })
      .strict(),
  ],
  {
    message:
      'type must be one of deployment-success-rate, availability, lead-time',
  },
);

const documentSchema = z
  .object({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    window: duration('window').optional(),
    objectives: z.array(z.unknown(), {
      message: 'objectives must be a list',
    }),
  })
  .strict();

function issuePath(prefix: string, path: PropertyKey[]): string {
  let text = prefix;
  for (const part of path) {
    text +=
      typeof part === 'number'
        ? `[${part}]`
        : `${text ? '.' : ''}${String(part)}`;
  }
  return text;
}

function issues(error: z.ZodError, prefix: string): SloDeclarationError[] {
  return error.issues.map(issue => ({
    path: issuePath(prefix, issue.path),
    message: issue.message,
  }));
}

/**
 * Parses and validates an SLO declaration (YAML or JSON text): a document
 * `{ window?, objectives: [...] }` or just the list of objectives. Every
 * objective is validated on its own, so one mistake does not hide the
 * others; problems name their path (`objectives[1].target`).
 *
 * @public
 */
export function parseSloDeclaration(text: string): SloDeclaration {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    return {
      window: DEFAULT_SLO_WINDOW,
      objectives: [],
      errors: [
        {
          path: '',
          message: `not valid YAML: ${(error as Error).message.split('\n')[0]}`,
        },
      ],
    };
  }
  return validateSloDeclaration(data);
}

/**
 * Validates an already parsed SLO declaration; see
 * {@link parseSloDeclaration}.
 *
 * @public
 */
export function validateSloDeclaration(data: unknown): SloDeclaration {
  const errors: SloDeclarationError[] = [];
  const doc = Array.isArray(data) ? { objectives: data } : data;
  const parsed = documentSchema.safeParse(doc);
  if (!parsed.success) {
    return {
      window: DEFAULT_SLO_WINDOW,
      objectives: [],
      errors:
        doc === null || typeof doc !== 'object'
          ? [
              {
                path: '',
                message:
                  'must be a mapping with `objectives` (a list) or a list of objectives',
              },
            ]
          : issues(parsed.error, ''),
    };
  }
  const window = parsed.data.window ?? DEFAULT_SLO_WINDOW;
  if (parsed.data.objectives.length > MAX_OBJECTIVES) {
    errors.push({
      path: 'objectives',
      message: `at most ${MAX_OBJECTIVES} objectives (found ${parsed.data.objectives.length}); the first ${MAX_OBJECTIVES} are used`,
    });
  }
  const objectives: SloObjectiveSpec[] = [];
  const names = new Set<string>();
  parsed.data.objectives.slice(0, MAX_OBJECTIVES).forEach((raw, index) => {
    const prefix = `objectives[${index}]`;
    const result = objectiveSchema.safeParse(raw);
    if (!result.success) {
      errors.push(...issues(result.error, prefix));
      return;
    }
    const objective = result.data;
    if (names.has(objective.name)) {
      errors.push({
        path: `${prefix}.name`,
        message: `another objective is already called "${objective.name}"`,
      });
      return;
    }
    names.add(objective.name);
    const objectiveWindow = objective.window ?? window;
    if (
      objective.burnRateWindow &&
      parseSloDuration(objective.burnRateWindow)! >
        parseSloDuration(objectiveWindow)!
    ) {
      errors.push({
        path: `${prefix}.burnRateWindow`,
        message: `burnRateWindow ${objective.burnRateWindow} is longer than the window ${objectiveWindow}`,
      });
      return;
    }
    objectives.push({ ...objective, window: objectiveWindow });
  });
  return { window, objectives, errors };
}

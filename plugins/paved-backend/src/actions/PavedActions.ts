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
  BackstageCredentials,
  BackstagePrincipalTypes,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import type { AnyZodObject, z as zod } from 'zod/v3';
import { EntityAccess } from '../http/EntityAccess';
import { RouteContext, RouteGuard, RouteRule } from '../http/routeGuard';

/**
 * A Paved action: an agent's way to ask a question a REST route answers,
 * with the same rule (permission, resource, audit event) as that route.
 */
export interface PavedAction<
  TInput extends AnyZodObject,
  TOutput extends AnyZodObject,
> {
  /** The id is `paved:<name>`; MCP clients see the tool `paved.<name>`. */
  name: string;
  title: string;
  /** For a model: what it is for, the units, what "not available" means. */
  description: string;
  schema: {
    input: (z: typeof zod) => TInput;
    output: (z: typeof zod) => TOutput;
  };
  attributes: { readOnly: boolean; idempotent?: boolean };
  /** Who may call it and what it audits; its functions read the input. */
  rule: RouteRule<zod.infer<TInput>>;
  /** Answers once the guard allowed the caller: the route's answer. */
  handler(input: zod.infer<TInput>, context: RouteContext): Promise<unknown>;
  /** Facts of the result for the success audit event (writes). */
  auditMeta?: (output: zod.infer<TOutput>) => JsonObject;
}

/** Where features register their actions; each goes through the guard. */
export interface PavedActions {
  /** The catalog questions actions ask to name their resource. */
  entities: EntityAccess;
  register<TInput extends AnyZodObject, TOutput extends AnyZodObject>(
    action: PavedAction<TInput, TOutput>,
  ): void;
}

/**
 * Registers actions with the actions registry so that every call runs the
 * route guard's core with the caller's own credentials: the same decision,
 * resource and audit event as the route for the same question. A refusal
 * is an error and the handler never runs.
 */
export function createPavedActions(
  registry: ActionsRegistryService,
  guard: RouteGuard,
): PavedActions {
  return {
    entities: guard.entities,
    register(action) {
      registry.register({
        name: action.name,
        title: action.title,
        description: action.description,
        schema: action.schema,
        attributes: {
          readOnly: action.attributes.readOnly,
          idempotent:
            action.attributes.idempotent ?? action.attributes.readOnly,
          destructive: false,
        },
        action: async ({ input, credentials }) => {
          const output: unknown = await guard.run(
            {
              rule: action.rule,
              subject: input,
              readOnly: action.attributes.readOnly,
              callMeta: { action: `paved:${action.name}` },
              credentials: async () =>
                allowedPrincipal(credentials, action.rule.allow),
            },
            // JSON as the route sends it (dates become ISO strings).
            async context =>
              JSON.parse(JSON.stringify(await action.handler(input, context))),
            action.auditMeta,
          );
          // The registry's type cannot see that TOutput is an object.
          return { output } as any;
        },
      });
    },
  };
}

/** The principal types a rule allows, as httpAuth checks them for routes. */
function allowedPrincipal(
  credentials: BackstageCredentials,
  allow: Array<keyof BackstagePrincipalTypes> = ['user', 'service'],
): BackstageCredentials {
  const type = (credentials.principal as { type: string })
    .type as keyof BackstagePrincipalTypes;
  if (!allow.includes(type)) {
    throw new NotAllowedError(`This action does not allow '${type}' callers`);
  }
  return credentials;
}

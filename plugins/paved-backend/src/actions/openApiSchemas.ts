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
import type { z as zod } from 'zod/v3';
import { spec } from '../schema/openapi.generated';

type Z = typeof zod;
type JsonSchema = {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  allOf?: readonly JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

const doc = spec as unknown as {
  components: { schemas: Record<string, JsonSchema> };
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        responses?: Record<
          string,
          { content?: Record<string, { schema: JsonSchema }> }
        >;
      }
    >
  >;
};

/**
 * The zod (v3, as the actions registry takes) form of a schema of the REST
 * API's OpenAPI document, so an action answers in exactly the shape, with
 * the same field descriptions and units, as the route for the same
 * question.
 */
function toZod(z: Z, schema: JsonSchema): zod.ZodTypeAny {
  let result = toZodType(z, schema);
  if (schema.nullable) result = result.nullable();
  if (schema.description) result = result.describe(schema.description);
  return result;
}

function toZodType(z: Z, schema: JsonSchema): zod.ZodTypeAny {
  if (schema.$ref) return toZod(z, componentSchema(schema.$ref));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const [first, second, ...rest] = alternatives.map(s => toZod(z, s));
    return second ? z.union([first, second, ...rest]) : first;
  }
  if (schema.allOf) {
    return schema.allOf
      .map(s => toZod(z, s))
      .reduce((all, next) => z.intersection(all, next));
  }
  if (schema.enum) {
    return z.enum(schema.enum.map(String) as [string, ...string[]]);
  }
  switch (schema.type) {
    case 'string': {
      let s = z.string();
      if (schema.minLength !== undefined) s = s.min(schema.minLength);
      if (schema.maxLength !== undefined) s = s.max(schema.maxLength);
      if (schema.pattern) s = s.regex(new RegExp(schema.pattern));
      if (schema.format === 'date-time') s = s.datetime({ offset: true });
      return s;
    }
    case 'integer':
    case 'number': {
      let n = schema.type === 'integer' ? z.number().int() : z.number();
      if (schema.minimum !== undefined) n = n.min(schema.minimum);
      if (schema.maximum !== undefined) n = n.max(schema.maximum);
      return n;
    }
    case 'boolean':
      return z.boolean();
    case 'array': {
      let a = z.array(schema.items ? toZod(z, schema.items) : z.unknown());
      if (schema.minItems !== undefined) a = a.min(schema.minItems);
      if (schema.maxItems !== undefined) a = a.max(schema.maxItems);
      return a;
    }
    case 'object':
    case undefined: {
      if (!schema.properties && schema.type === undefined) return z.unknown();
      return toZodObject(z, schema);
    }
    default:
      throw new Error(`Unsupported schema type '${schema.type}'`);
  }
}

function toZodObject(z: Z, schema: JsonSchema): zod.AnyZodObject {
  const required = new Set(schema.required ?? []);
  const shape = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([key, property]) => {
      const value = toZod(z, property);
      return [key, required.has(key) ? value : value.optional()];
    }),
  );
  const object = z.object(shape);
  const extra = schema.additionalProperties;
  // Unknown keys are dropped, as a client of the document would.
  if (extra === false) return object;
  if (extra && extra !== true) return object.catchall(toZod(z, extra));
  // The document allows more than it names: keep it, as the route does.
  return object.passthrough();
}

function componentSchema(ref: string): JsonSchema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = doc.components.schemas[name];
  if (!schema) throw new Error(`No schema '${ref}' in the OpenAPI document`);
  return schema;
}

/** A zod object parsing to T (the generated model of the schema). */
export type ZodObjectOf<T> = zod.ZodObject<
  zod.ZodRawShape,
  zod.UnknownKeysParam,
  zod.ZodTypeAny,
  T
>;

/**
 * A component schema of the OpenAPI document, as a zod object; T names the
 * model generated from the same schema.
 */
export function componentZod<T = Record<string, unknown>>(
  z: Z,
  name: string,
): ZodObjectOf<T> {
  return toZodObject(
    z,
    componentSchema(`#/components/schemas/${name}`),
  ) as ZodObjectOf<T>;
}

/** The 200 response schema of an operation, as a zod object. */
export function responseZod<T = Record<string, unknown>>(
  z: Z,
  operationId: string,
): ZodObjectOf<T> {
  for (const methods of Object.values(doc.paths)) {
    for (const operation of Object.values(methods)) {
      if (operation.operationId !== operationId) continue;
      const schema =
        operation.responses?.['200']?.content?.['application/json']?.schema;
      if (!schema) break;
      const resolved = schema.$ref ? componentSchema(schema.$ref) : schema;
      return toZodObject(z, resolved) as ZodObjectOf<T>;
    }
  }
  throw new Error(`No JSON 200 response for '${operationId}'`);
}

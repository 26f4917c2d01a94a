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
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { http, HttpResponse, delay } from 'msw';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// Test helper: msw handlers built from the vendored specs. Every handler is
// looked up by operationId, so its path and method are the spec's; every
// request (query parameter names, body) and every mocked response body is
// validated against the spec's schemas, and violations are collected in
// `violations` for the test to assert empty.

type Spec = {
  paths: Record<string, Record<string, any>>;
  components: Record<string, any>;
};

const specFile = (name: string) =>
  readFileSync(
    resolvePackagePath(
      '@paved/plugin-paved-backend-module-humanitec',
      `src/client/spec/${name}`,
    ),
    'utf8',
  );

const specs: Record<'cp' | 'dp', Spec> = {
  cp: parse(specFile('canyon-cp.yaml')),
  dp: parse(specFile('canyon-dp.yaml')),
};

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...specs.cp, $id: 'cp' });
ajv.addSchema({ ...specs.dp, $id: 'dp' });

const compiled = new Map<string, ValidateFunction>();

/** Validates data against `#/components/schemas/<name>` of a spec. */
export function validateAgainstSpec(
  spec: 'cp' | 'dp',
  schema: string | object,
  data: unknown,
): string[] {
  const ref =
    typeof schema === 'string'
      ? { $ref: `${spec}#/components/schemas/${schema}` }
      : rewriteRefs(spec, schema);
  const key = JSON.stringify(ref);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(ref);
    compiled.set(key, validate);
  }
  return validate(data)
    ? []
    : (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}`);
}

function rewriteRefs(spec: string, schema: any): any {
  return JSON.parse(
    JSON.stringify(schema).replace(
      /"#\/components\//g,
      `"${spec}#/components/`,
    ),
  );
}

function resolveParam(spec: Spec, p: any): any {
  if (!p.$ref) return p;
  const name = p.$ref.split('/').pop();
  return spec.components.parameters[name];
}

function findOperation(operationId: string) {
  for (const [specName, spec] of Object.entries(specs) as Array<
    ['cp' | 'dp', Spec]
  >) {
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (op?.operationId === operationId) {
          return { specName, spec, path, method, op };
        }
      }
    }
  }
  throw new Error(`No operation ${operationId} in the vendored specs`);
}

function responseSchema(spec: Spec, op: any, status: number): any | undefined {
  let response = op.responses[String(status)];
  if (!response) return { $ref: '#/components/schemas/Error' };
  if (response.$ref) {
    response = spec.components.responses[response.$ref.split('/').pop()];
  }
  return response.content?.['application/json']?.schema;
}

/** What a mocked operation answers. */
export type MockAnswer = {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
  delayMs?: number;
};

/** A request as the resolver sees it. */
export type MockRequest = {
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  headers: Headers;
};

export const violations: string[] = [];
export const API_URL = 'https://po.test';

/**
 * An msw handler for a spec operation. The resolver's answer is validated
 * against the operation's response schema for that status (or `Error` for
 * statuses the spec does not list, such as 401, 429 and 5xx).
 */
export function mockOperation(
  operationId: string,
  resolver: (request: MockRequest) => MockAnswer | Promise<MockAnswer>,
) {
  const { specName, spec, path, method, op } = findOperation(operationId);
  const mswPath = `${API_URL}${path.replace(/\{(\w+)\}/g, ':$1')}`;
  const parameters = (op.parameters ?? []).map((p: any) =>
    resolveParam(spec, p),
  );
  const allowedQuery = parameters
    .filter((p: any) => p.in === 'query')
    .map((p: any) => p.name);
  const headerParams = parameters.filter((p: any) => p.in === 'header');
  const handler = (http as any)[method](
    mswPath,
    async ({ request, params }: any) => {
      const url = new URL(request.url);
      if (!request.headers.get('authorization')?.startsWith('Bearer ')) {
        violations.push(`${operationId}: no bearer token`);
      }
      for (const name of url.searchParams.keys()) {
        if (!allowedQuery.includes(name)) {
          violations.push(
            `${operationId}: query parameter ${name} is not in the spec`,
          );
        }
      }
      // Header parameters the spec declares are checked when sent (the
      // value is not put into the violation, it may be a secret).
      for (const p of headerParams) {
        const value = request.headers.get(p.name);
        if (
          value !== null &&
          p.schema &&
          validateAgainstSpec(specName, p.schema, value).length
        ) {
          violations.push(
            `${operationId}: header ${p.name} does not match the spec's schema`,
          );
        }
      }
      let body: unknown;
      if (op.requestBody) {
        body = await request.json();
        const schema = op.requestBody.content['application/json'].schema;
        violations.push(
          ...validateAgainstSpec(specName, schema, body).map(
            e => `${operationId} request ${e}`,
          ),
        );
      }
      const answer = await resolver({
        params,
        query: url.searchParams,
        body,
        headers: request.headers,
      });
      if (answer.delayMs) await delay(answer.delayMs);
      if (answer.text !== undefined) {
        return new HttpResponse(answer.text, {
          status: answer.status,
          headers: { 'Content-Type': 'text/plain', ...answer.headers },
        });
      }
      const schema = responseSchema(spec, op, answer.status);
      if (schema && answer.body !== undefined) {
        violations.push(
          ...validateAgainstSpec(specName, schema, answer.body).map(
            e => `${operationId} ${answer.status} response ${e}`,
          ),
        );
      }
      return HttpResponse.json(answer.body as any, {
        status: answer.status,
        headers: answer.headers,
      });
    },
  );
  return handler;
}

/** A spec-conformant `Error` body. */
export const poError = (message: string, error = 'API-000') => ({
  error,
  message,
});

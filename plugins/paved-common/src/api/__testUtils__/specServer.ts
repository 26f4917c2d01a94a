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
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Document, OpenAPIBackend, Operation } from 'openapi-backend';
import { parse } from 'yaml';

/** The OpenAPI document the backend serves and validates requests with. */
export const SPEC_FILE = resolve(
  __dirname,
  '../../../../paved-backend/src/schema/openapi.yaml',
);

/** The parsed OpenAPI document. */
export function readSpec(): Document {
  return parse(readFileSync(SPEC_FILE, 'utf8'));
}

/** Operation ids of the document, in its order. */
export function operationIds(spec: Document): string[] {
  return Object.values(spec.paths ?? {}).flatMap(item =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap(method => {
      const id = item?.[method]?.operationId;
      return id ? [id] : [];
    }),
  );
}

/** An answer the server gives: the status and a JSON value or text. */
export type SpecAnswer = { status: number; body: unknown };

/** One request the server received, with what is wrong with it. */
export type Exchange = {
  /** The operation the request matched, if any. */
  operationId?: string;
  method: string;
  /** Path and query, relative to the plugin's base URL. */
  url: string;
  /** Why the request or the answer does not match the document. */
  problems: string[];
};

/**
 * A stand-in for the Paved backend that checks every request against the
 * OpenAPI document (path, method, path and query parameters, body, with
 * openapi-backend's ajv validation) and answers with a given example after
 * checking the example against the operation's response schema.
 */
export class SpecServer {
  readonly baseUrl = 'http://paved.test/api/paved';
  readonly exchanges: Exchange[] = [];
  readonly discoveryApi = { getBaseUrl: async () => this.baseUrl };
  readonly fetchApi = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      this.handle(new Request(input, init)),
  };

  private answers: Record<string, SpecAnswer>;

  private constructor(
    private readonly api: OpenAPIBackend,
    private readonly examples: Record<string, SpecAnswer>,
  ) {
    this.answers = { ...examples };
  }

  /**
   * A server answering each operation id with `examples[operationId]`.
   * Compiling the validators takes a while: create one per test file.
   */
  static async create(
    examples: Record<string, SpecAnswer>,
  ): Promise<SpecServer> {
    const api = new OpenAPIBackend({
      definition: readSpec(),
      strict: true,
      validate: true,
      ajvOpts: { allErrors: true },
      customizeAjv: ajv => {
        addFormats(ajv);
        return ajv;
      },
    });
    await api.init();
    return new SpecServer(api, examples);
  }

  /** Answers `operationId` with `answer` until the next reset. */
  answer(operationId: string, answer: SpecAnswer) {
    this.answers[operationId] = answer;
  }

  /** Forgets the exchanges and answers with the examples again. */
  reset() {
    this.exchanges.length = 0;
    this.answers = { ...this.examples };
  }

  /** Why `answer` is not a valid answer of the operation; empty when it is. */
  checkAnswer(operationId: string, answer: SpecAnswer): string[] {
    const operation = this.api.getOperation(operationId);
    if (!operation) return [`no operation ${operationId}`];
    const declared = (operation.responses?.[String(answer.status)] ??
      undefined) as { content?: Record<string, unknown> } | undefined;
    if (!declared) {
      return [`${operationId} does not declare status ${answer.status}`];
    }
    const types = Object.keys(declared.content ?? {});
    if (types.includes('application/json')) {
      const result = this.api.validateResponse(
        answer.body,
        operation,
        answer.status,
      );
      return (result.errors ?? []).map(
        e => `answer ${e.instancePath || '(root)'} ${e.message}`,
      );
    }
    if (types.some(t => t.startsWith('text/'))) {
      return typeof answer.body === 'string' ? [] : ['answer is not text'];
    }
    return answer.body === undefined ? [] : ['answer has an undeclared body'];
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const base = new URL(this.baseUrl);
    const exchange: Exchange = {
      method: request.method,
      url: `${url.pathname.slice(base.pathname.length)}${url.search}`,
      problems: [],
    };
    this.exchanges.push(exchange);
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
      exchange.problems.push(`not sent to the plugin's base URL`);
      return this.error(exchange, 404);
    }

    const text = await request.text();
    const contentType = request.headers.get('content-type') ?? '';
    if (text && !contentType.startsWith('application/json')) {
      exchange.problems.push(`body sent as ${contentType || 'no type'}`);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      exchange.problems.push('body is not JSON');
    }
    const apiRequest = {
      method: request.method,
      path: url.pathname.slice(base.pathname.length),
      query: url.search.slice(1),
      headers: Object.fromEntries(request.headers),
      body,
    };

    const operation: Operation | undefined =
      this.api.matchOperation(apiRequest);
    if (!operation) {
      exchange.problems.push(
        `no operation for ${request.method} ${apiRequest.path}`,
      );
      return this.error(exchange, 404);
    }
    exchange.operationId = operation.operationId;
    const validation = this.api.validateRequest(apiRequest, operation);
    for (const e of validation.errors ?? []) {
      exchange.problems.push(
        `request ${e.instancePath || '(root)'} ${e.message}${
          e.params && 'additionalProperty' in e.params
            ? ` (${e.params.additionalProperty})`
            : ''
        }`,
      );
    }
    if (exchange.problems.length) return this.error(exchange, 400);

    const answer = this.answers[operation.operationId!];
    if (!answer) {
      exchange.problems.push(`no example answer of ${operation.operationId}`);
      return this.error(exchange, 501);
    }
    exchange.problems.push(...this.checkAnswer(operation.operationId!, answer));
    if (typeof answer.body === 'string') {
      return new Response(answer.body, {
        status: answer.status,
        headers: { 'Content-Type': 'text/csv; charset=utf-8' },
      });
    }
    return new Response(
      answer.body === undefined ? null : JSON.stringify(answer.body),
      {
        status: answer.status,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      },
    );
  }

  /** An error in Backstage's error shape naming the problems. */
  private error(exchange: Exchange, status: number): Response {
    return Response.json(
      {
        error: { name: 'ContractError', message: exchange.problems.join('; ') },
        request: { method: exchange.method, url: exchange.url },
        response: { statusCode: status },
      },
      { status },
    );
  }
}

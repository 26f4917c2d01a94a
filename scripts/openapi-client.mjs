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

/*
 * Generates TypeScript models and a typed low-level client from an OpenAPI
 * 3.0 document, shaped like the clients Backstage's
 * `repo-tools package schema openapi generate --client-package` writes
 * (models from components/schemas, one method per operationId taking
 * { path, query, body }, discoveryApi + fetchApi), without the Java
 * generator that command downloads. Used by scripts/openapi-spec.mjs.
 *
 * Supports the parts of OpenAPI the Paved spec uses: $ref, allOf, oneOf,
 * anyOf, enum, nullable, arrays, objects with required properties and
 * additionalProperties, path and query parameters, JSON request bodies and
 * JSON or text responses. Anything else fails loudly rather than silently
 * producing a loose type.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SUCCESS = ['200', '201', '202', '204'];
// Model names that would shadow a global the client uses (as Backstage's
// generator does, e.g. Error becomes ModelError).
const RESERVED = new Set(['Error', 'Response', 'Request', 'Object', 'Array']);

/**
 * Files of the generated client, by path relative to its folder.
 *
 * @param {object} spec the parsed OpenAPI document
 * @param {{ pluginId: string, header: string }} options
 * @returns {Record<string, string>}
 */
export function generateClient(spec, { pluginId, header }) {
  if (!/^3\.0\./.test(String(spec.openapi))) {
    throw new Error(`only OpenAPI 3.0 is supported, not ${spec.openapi}`);
  }
  const schemas = spec.components?.schemas ?? {};
  const modelName = name => (RESERVED.has(name) ? `Model${name}` : name);
  // Names of the models the client file refers to.
  const used = new Set();
  let collecting = false;
  const refName = ref => {
    const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
    if (!match || !schemas[match[1]]) throw new Error(`unknown $ref ${ref}`);
    const name = modelName(match[1]);
    if (collecting) used.add(name);
    return name;
  };
  const resolve = (value, kind) => {
    if (!value?.$ref) return value;
    const prefix = `#/components/${kind}/`;
    const target = value.$ref.startsWith(prefix)
      ? spec.components?.[kind]?.[value.$ref.slice(prefix.length)]
      : undefined;
    if (!target) throw new Error(`unknown $ref ${value.$ref}`);
    return target;
  };

  const type = (schema, where) => {
    if (schema === undefined) throw new Error(`${where}: no schema`);
    const base = baseType(schema, where);
    // OpenAPI 3.0 needs null in the enum of a nullable enum as well.
    const hasNull = schema.enum?.includes(null);
    return schema.nullable && !hasNull ? `${group(base)} | null` : base;
  };
  const baseType = (schema, where) => {
    if (schema.$ref) return refName(schema.$ref);
    const union = schema.oneOf ?? schema.anyOf;
    if (union)
      return union.map((s, i) => group(type(s, `${where}[${i}]`))).join(' | ');
    if (schema.allOf) {
      return schema.allOf
        .map((s, i) => group(type(s, `${where}[${i}]`)))
        .join(' & ');
    }
    if (schema.enum) return schema.enum.map(v => JSON.stringify(v)).join(' | ');
    switch (schema.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array':
        return `Array<${type(schema.items, `${where}.items`)}>`;
      case 'object':
      case undefined:
        if (schema.type || schema.properties || schema.additionalProperties) {
          return objectType(schema, where);
        }
        throw new Error(`${where}: schema without a type`);
      default:
        throw new Error(`${where}: unsupported type ${schema.type}`);
    }
  };
  const objectType = (schema, where) => {
    const required = new Set(schema.required ?? []);
    const members = Object.entries(schema.properties ?? {}).map(
      ([key, property]) =>
        `${doc(describe(property))}${propertyKey(key)}${
          required.has(key) ? '' : '?'
        }: ${type(property, `${where}.${key}`)};`,
    );
    const extra = schema.additionalProperties;
    if (extra === true) members.push('[key: string]: unknown;');
    else if (extra && typeof extra === 'object') {
      members.push(`[key: string]: ${type(extra, `${where}[key]`)};`);
    }
    if (!members.length) {
      // `type: object` alone is any JSON object; with
      // additionalProperties: false it is the empty object.
      return extra === false ? 'Record<string, never>' : 'object';
    }
    return `{\n${members.join('\n')}\n}`;
  };

  // Models: every component schema, then the inline request and response
  // bodies of operations, named after the operation.
  const models = Object.entries(schemas).map(([name, schema]) => ({
    name: modelName(name),
    schema,
    description: describe(schema),
  }));
  const taken = new Set(models.map(m => m.name));
  const addModel = (name, schema, description) => {
    if (taken.has(name)) throw new Error(`model ${name} is defined twice`);
    taken.add(name);
    models.push({ name, schema, description });
    return name;
  };

  const operations = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const id = operation.operationId;
      if (!id || !/^[A-Z][A-Za-z0-9]*$/.test(id)) {
        throw new Error(`${method} ${path}: operationId must be PascalCase`);
      }
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(p => resolve(p, 'parameters'));
      for (const p of parameters) {
        if (p.in !== 'path' && p.in !== 'query') {
          throw new Error(`${id}: ${p.in} parameters are not supported`);
        }
      }

      let body;
      if (operation.requestBody) {
        const requestBody = resolve(operation.requestBody, 'requestBodies');
        const schema = requestBody.content?.['application/json']?.schema;
        if (!schema) throw new Error(`${id}: only JSON request bodies`);
        body = {
          required: Boolean(requestBody.required),
          type: schema.$ref
            ? refName(schema.$ref)
            : addModel(`${id}Request`, schema, describe(requestBody)),
        };
      }

      const status = SUCCESS.find(code => operation.responses?.[code]);
      if (!status) throw new Error(`${id}: no success response`);
      const response = resolve(operation.responses[status], 'responses');
      const json = response.content?.['application/json']?.schema;
      let result;
      if (json) {
        result = json.$ref
          ? refName(json.$ref)
          : addModel(`${id}Response`, json, response.description);
      }

      operations.push({
        id,
        method,
        path,
        summary: operation.summary,
        description: operation.description,
        pathParameters: parameters.filter(p => p.in === 'path'),
        queryParameters: parameters.filter(p => p.in === 'query'),
        body,
        result,
      });
    }
  }

  const modelsFile = `${header}
${models
  .map(
    m =>
      `${doc(m.description, ['@public'])}export type ${m.name} = ${type(
        m.schema,
        m.name,
      )};`,
  )
  .join('\n\n')}
`;

  collecting = true;
  const requestTypes = operations.map(op => {
    const parts = [];
    const parametersType = params =>
      `{\n${params
        .map(
          p =>
            `${doc(describe(p))}${propertyKey(p.name)}${
              p.required ? '' : '?'
            }: ${type(p.schema, `${op.id}.${p.name}`)};`,
        )
        .join('\n')}\n}`;
    if (op.pathParameters.length) {
      parts.push(`path: ${parametersType(op.pathParameters)};`);
    }
    if (op.queryParameters.length) {
      const required = op.queryParameters.some(p => p.required);
      parts.push(
        `query${required ? '' : '?'}: ${parametersType(op.queryParameters)};`,
      );
    }
    if (op.body)
      parts.push(`body${op.body.required ? '' : '?'}: ${op.body.type};`);
    op.requestRequired =
      op.pathParameters.length > 0 ||
      op.queryParameters.some(p => p.required) ||
      Boolean(op.body?.required);
    op.requestUsed = parts.length > 0;
    return `${doc(
      `Request of ${op.id}: ${op.method.toUpperCase()} ${op.path}.`,
      ['@public'],
    )}export type ${op.id} = ${
      parts.length ? `{\n${parts.join('\n')}\n}` : 'Record<string, never>'
    };`;
  });

  const methods = operations.map(op => {
    const name = op.id[0].toLowerCase() + op.id.slice(1);
    const uri = op.path.replace(/\{([^}]+)\}/g, (_, param) => {
      if (!op.pathParameters.some(p => p.name === param)) {
        throw new Error(`${op.id}: path parameter ${param} is not declared`);
      }
      return `\${encodeURIComponent(request.path${accessor(param)})}`;
    });
    const query = op.queryParameters.length
      ? '${queryString(request.query)}'
      : '';
    const requestParameter = `${op.requestUsed ? 'request' : '_request'}: ${
      op.id
    }${op.requestRequired ? '' : ' = {}'}`;
    const returns = op.result ? `TypedResponse<${op.result}>` : 'Response';
    let bodyInit = '';
    if (op.body) {
      bodyInit = op.body.required
        ? 'body: JSON.stringify(request.body),'
        : 'body: request.body === undefined ? undefined : JSON.stringify(request.body),';
    }
    return `${doc(
      [op.summary, op.description]
        .filter(Boolean)
        .map(t => t.trim())
        .join('\n\n'),
    )}public async ${name}(
    ${requestParameter},
    options?: RequestOptions,
  ): Promise<${returns}> {
    const baseUrl = await this.discoveryApi.getBaseUrl(pluginId);
    const uri = \`${uri}${query}\`;
    return await this.fetchApi.fetch(\`\${baseUrl}\${uri}\`, {
      method: '${op.method.toUpperCase()}',
      headers: ${
        op.body
          ? "{ 'Content-Type': 'application/json', ...authorization(options) }"
          : 'authorization(options)'
      },
      ${bodyInit}
    });
  }`;
  });

  collecting = false;
  for (const op of operations) {
    if (op.body) used.add(op.body.type);
    if (op.result) used.add(op.result);
  }

  const clientFile = `${header}
import { pluginId } from './pluginId';
import type {
  ${[...used].sort().join(',\n  ')}
} from './models';

/**
 * A fetch Response whose json() resolves to the documented body.
 *
 * @public
 */
export type TypedResponse<T> = Omit<Response, 'json'> & {
  json: () => Promise<T>;
};

/**
 * Options of a single request.
 *
 * @public
 */
export interface RequestOptions {
  /** Sent as \`Authorization: Bearer <token>\` when given. */
  token?: string;
}

${requestTypes.join('\n\n')}

/**
 * Low-level client of the ${pluginId} API: one method per operation, which
 * returns the fetch Response (errors are not thrown).
 *
 * @public
 */
export class DefaultApiClient {
  private readonly discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  ${methods.join('\n\n  ')}
}

function authorization(options?: RequestOptions): Record<string, string> {
  return options?.token ? { Authorization: \`Bearer \${options.token}\` } : {};
}

/** \`?a=1&b=2\` of the defined values (arrays repeat the key), or ''. */
function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      search.append(key, String(item));
    }
  }
  // URLSearchParams writes spaces as '+', which OpenAPI's query style reads
  // as a reserved character; a literal '+' is already '%2B'.
  const text = search.toString().replace(/\\+/g, '%20');
  return text ? \`?\${text}\` : '';
}
`;

  return {
    'pluginId.ts': `${header}
/** @public */
export const pluginId = '${pluginId}';
`,
    'models.ts': modelsFile,
    'DefaultApi.client.ts': clientFile,
    'index.ts': `${header}
export * from './models';
export * from './DefaultApi.client';
export { pluginId } from './pluginId';
`,
  };
}

function describe(schema) {
  if (!schema) return undefined;
  if (schema.description) return schema.description.trim();
  if (schema.format === 'date-time') return 'ISO 8601 date-time.';
  return undefined;
}

function doc(text, tags = []) {
  const lines = [
    ...(text ? text.replace(/\*\//g, '*\\/').split('\n') : []),
    ...(text && tags.length ? [''] : []),
    ...tags,
  ];
  if (!lines.length) return '';
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map(l => (l ? ` * ${l}` : ' *')).join('\n')}\n */\n`;
}

// Parenthesises a union or intersection inside another; prettier drops the
// parentheses that are not needed.
function group(text) {
  return /[|&]/.test(text) ? `(${text})` : text;
}

function propertyKey(key) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : `'${key}'`;
}

function accessor(key) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `['${key}']`;
}

#!/usr/bin/env node
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
 * Integration test of Paved's actions over MCP with external-access tokens,
 * on the real backend (app-config.production.yaml, PostgreSQL, the real
 * auth service): the official MCP client over streamable HTTP checks that
 *   - a token restricted to the mcp-actions plugin connects but sees no
 *     Paved tool (it may not be forwarded to the paved plugin),
 *   - a token restricted to mcp-actions, paved and catalog sees every Paved
 *     tool and its calls answer as the REST API does,
 *   - what such a call runs as: the MCP plugin's own service identity, so
 *     the record's source is api:plugin:mcp-actions (docs/agents.md).
 * The per-user permission checks run in the jest test
 * plugins/paved-backend/src/actions/mcpActions.test.ts.
 *
 *   POSTGRES_URL=postgresql://postgres@127.0.0.1:5432 node scripts/it/mcp-external-access.mjs
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  artifacts,
  dropDatabases,
  freePort,
  root,
  sleep,
  startBackend,
} from '../lib/backendProcess.mjs';

const require = createRequire(join(root, 'package.json'));
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
  StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const prefix = `paved_mcp_${randomBytes(3).toString('hex')}_`;
const token = randomBytes(24).toString('base64url');
const mcpOnlyToken = randomBytes(24).toString('base64url');
const agentToken = randomBytes(24).toString('base64url');

const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};

// A later config file replaces the list: these are all the tokens.
const tokensFile = join(artifacts, 'mcp-external-access.tokens.yaml');
const PAVED_TOOLS = [
  'paved.get-dora',
  'paved.list-deployments',
  'paved.record-deployment',
  'paved.get-scores',
  'paved.list-off-path-components',
  'paved.get-survey-results',
  'paved.submit-feedback',
  'paved.get-platform-report',
  'catalog.validate-score',
];

const port = await freePort();
const backend = startBackend({
  name: 'it-mcp',
  port,
  prefix,
  token,
  subject: 'paved-integration-test',
  catalogLocations: [
    {
      type: 'file',
      target: '../../catalog-info.yaml',
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Group',
          ],
        },
      ],
    },
  ],
  configFiles: [
    (writeFileSync(
      tokensFile,
      JSON.stringify({
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token, subject: 'paved-integration-test' },
              },
              {
                type: 'static',
                options: { token: mcpOnlyToken, subject: 'agent-mcp-only' },
                accessRestrictions: [{ plugin: 'mcp-actions' }],
              },
              {
                type: 'static',
                options: { token: agentToken, subject: 'agent' },
                accessRestrictions: [
                  { plugin: 'mcp-actions' },
                  { plugin: 'paved' },
                  { plugin: 'catalog' },
                ],
              },
            ],
          },
        },
      }),
    ),
    tokensFile),
  ],
  logLevel: 'info',
});
const { base } = backend;

async function mcpClient(bearer) {
  const client = new Client({ name: 'paved-it', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/api/mcp-actions/v1`), {
      requestInit: { headers: { Authorization: `Bearer ${bearer}` } },
    }),
  );
  return client;
}
const restGet = async (path, bearer) => {
  const r = await fetch(`${base}/api/paved${path}`, {
    headers: { Authorization: `Bearer ${bearer}` },
  });
  return { status: r.status, body: await r.json() };
};

try {
  const ready = await backend.ready(180_000);
  check('backend on PostgreSQL becomes ready', ready);
  if (ready) {
    // Wait for the catalog to hold paved-backend (record-deployment needs it).
    for (let i = 0; i < 60; i++) {
      const r = await fetch(
        `${base}/api/catalog/entities/by-name/component/default/paved-backend`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (r.ok) break;
      await sleep(1000);
    }

    const mcpOnly = await mcpClient(mcpOnlyToken);
    const onlyTools = (await mcpOnly.listTools()).tools.map(t => t.name);
    check(
      'a token restricted to mcp-actions connects but sees no Paved tool',
      !onlyTools.some(n => PAVED_TOOLS.includes(n)),
      `${onlyTools.length} tool(s): ${onlyTools.join(', ')}`,
    );
    const direct = await fetch(`${base}/api/paved/v1/deployments`, {
      headers: { Authorization: `Bearer ${mcpOnlyToken}` },
    });
    check(
      'that token is refused by the paved plugin directly',
      direct.status === 401 || direct.status === 403,
      `status ${direct.status}`,
    );
    await mcpOnly.close();

    const agent = await mcpClient(agentToken);
    const tools = (await agent.listTools()).tools;
    const names = tools.map(t => t.name);
    check(
      'a token for mcp-actions, paved and catalog sees every Paved tool',
      PAVED_TOOLS.every(n => names.includes(n)),
      PAVED_TOOLS.filter(n => !names.includes(n)).join(', '),
    );

    const recorded = await agent.callTool({
      name: 'paved.record-deployment',
      arguments: {
        entityRef: 'component:default/paved-backend',
        externalId: 'mcp-it-1',
        environment: 'staging',
        status: 'success',
      },
    });
    const deployment = recorded.structuredContent?.deployment;
    check(
      "record-deployment over MCP records, under the MCP plugin's service identity",
      !recorded.isError && deployment?.source === 'api:plugin:mcp-actions',
      recorded.isError
        ? recorded.content?.[0]?.text
        : `source ${deployment?.source}`,
    );

    const listed = await agent.callTool({
      name: 'paved.list-deployments',
      arguments: { entity: 'component:default/paved-backend' },
    });
    const listedRest = await restGet(
      `/v1/deployments?${new URLSearchParams({
        entity: 'component:default/paved-backend',
      })}`,
      token,
    );
    check(
      'list-deployments over MCP equals GET /v1/deployments',
      !listed.isError &&
        isDeepStrictEqual(listed.structuredContent, listedRest.body) &&
        listedRest.body.items.length === 1,
      `${listedRest.body.items?.length} item(s)`,
    );

    const dora = await agent.callTool({
      name: 'paved.get-dora',
      arguments: { entity: 'component:default/paved-backend', days: 28 },
    });
    const doraRest = await restGet(
      `/v1/dora?${new URLSearchParams({
        entity: 'component:default/paved-backend',
        days: '28',
      })}`,
      token,
    );
    check(
      'get-dora over MCP equals GET /v1/dora',
      !dora.isError && isDeepStrictEqual(dora.structuredContent, doraRest.body),
      dora.isError ? dora.content?.[0]?.text : '',
    );

    const validated = await agent.callTool({
      name: 'catalog.validate-score',
      arguments: { text: 'apiVersion: score.dev/v1b1\nmetadata: {name: x}\n' },
    });
    check(
      'validate-score over MCP locates the missing containers',
      !validated.isError &&
        validated.structuredContent.valid === false &&
        validated.structuredContent.problems.some(p => p.line >= 1),
      JSON.stringify(validated.structuredContent?.problems?.[0]),
    );

    const feedback = await agent.callTool({
      name: 'paved.submit-feedback',
      arguments: { title: 'From a token', description: 'Nobody signed this' },
    });
    check(
      'submit-feedback refuses the service identity: people submit feedback',
      feedback.isError === true &&
        feedback.structuredContent === undefined &&
        /NotAllowedError/.test(feedback.content?.[0]?.text ?? ''),
      feedback.content?.[0]?.text,
    );

    const invalid = await agent.callTool({
      name: 'paved.list-deployments',
      arguments: { limit: 0 },
    });
    check(
      'invalid input is an error naming the field',
      invalid.isError && /"limit"/.test(invalid.content?.[0]?.text ?? ''),
      (invalid.content?.[0]?.text ?? '').slice(0, 120),
    );
    await agent.close();
  }
} finally {
  await backend.stop();
  const errorLines = backend
    .errorLines()
    .filter(l => !l.includes("Can't serve static app content"));
  check(
    'log has no error-level lines',
    errorLines.length === 0,
    errorLines.slice(0, 3).join(' | '),
  );
  await dropDatabases(prefix);
}

const failed = results.filter(r => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

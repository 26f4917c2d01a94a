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
 * Benchmark of the Score processor: generates 10,000 Score files, runs each
 * through ScoreProcessor.readLocation (read, parse, validate, map, emit) with
 * an in-memory UrlReader, and compares with plain YAML parsing of the same
 * files in the same run.
 *
 *   yarn bench:score            (repository root)
 *   BENCH_FILES=2000 yarn bench:score
 *
 * Targets: >= 2,000 files/s and < 4x the plain parse.
 */

import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { parseAllDocuments } from 'yaml';
import { ScoreProcessor } from '../../plugins/catalog-backend-module-score/src/processor/ScoreProcessor';
import {
  InMemoryProcessorCache,
  InMemoryUrlReader,
} from '../../plugins/catalog-backend-module-score/src/testing/inMemory';

const COUNT = Number(process.env.BENCH_FILES ?? 10000);
const BASE = 'https://github.com/acme/bench/blob/main';

function scoreFile(i: number): string {
  const kinds = ['postgres', 'redis', 'amqp', 's3'];
  const resources = Array.from({ length: 1 + (i % 4) }, (_, r) => {
    const type = kinds[(i + r) % kinds.length];
    const shared = r === 0 ? `\n    id: shared-${type}-${i % 50}` : '';
    return `  ${type}-${r}:\n    type: ${type}${shared}`;
  });
  const names = resources.map(r => r.trim().split(':')[0]);
  const variables = names
    .map(
      (n, v) =>
        `      VAR_${v}_HOST: "\${resources.${n}.host}:\${resources.${n}.port}"`,
    )
    .join('\n');
  return `apiVersion: score.dev/v1b1
metadata:
  name: workload-${i}
  annotations:
    paved.dev/owner: group:default/team-${i % 20}
    tags: "bench,generated"
service:
  ports:
    http:
      port: 8080
      targetPort: ${8000 + (i % 1000)}
containers:
  main:
    image: ghcr.io/acme/workload-${i}:1.${i % 10}.0
    command: ["/app/server"]
    args: ["--port", "8080"]
    variables:
      NAME: \${metadata.name}
      LOG_LEVEL: info
${variables}
    files:
      /etc/app/config.yaml:
        mode: "0644"
        content: |
          name: \${metadata.name}
          port: 8080
    resources:
      limits:
        memory: 256Mi
        cpu: 500m
    readinessProbe:
      httpGet:
        path: /ready
        port: 8080
  sidecar:
    image: ghcr.io/acme/proxy:2.0.0
    before:
      main:
        ready: started
resources:
${resources.join('\n')}
  peer:
    type: service
    params:
      workload: workload-${(i + 1) % COUNT}
`;
}

async function main() {
  const files = Array.from({ length: COUNT }, (_, i) => ({
    url: `${BASE}/services/w${i}/score.yaml`,
    text: scoreFile(i),
  }));
  const reader = new InMemoryUrlReader();
  for (const f of files) reader.set(f.url, f.text);
  const processor = new ScoreProcessor({
    reader,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });

  const counts = { entities: 0, errors: 0 };
  const emit = (r: CatalogProcessorResult) => {
    if (r.type === 'entity') counts.entities++;
    if (r.type === 'error') counts.errors++;
  };
  const runProcessor = async (list: typeof files) => {
    for (const f of list) {
      await processor.readLocation(
        { type: 'url', target: f.url },
        false,
        emit,
        undefined,
        // A fresh cache: every file is really read, parsed and validated.
        new InMemoryProcessorCache(),
      );
    }
  };
  const runYaml = (list: typeof files) => {
    let docs = 0;
    for (const f of list) {
      for (const doc of parseAllDocuments(f.text)) {
        if (!Array.isArray(doc)) docs += doc.toJS() ? 1 : 0;
      }
    }
    return docs;
  };

  // The processor parses valid files with js-yaml (see fastPath.ts in
  // paved-common), so both plain parsers are measured as baselines.
  const runJsYaml = (list: typeof files) => {
    let docs = 0;
    for (const f of list) {
      docs += loadAll(f.text, undefined, { schema: CORE_SCHEMA }).length;
    }
    return docs;
  };
  const broken = files.slice(0, Math.min(1000, COUNT)).map(f => ({
    ...f,
    url: f.url.replace('score.yaml', 'broken.score.yaml'),
    text: f.text.replace('port: 8080\n', 'port: "8080"\n'),
  }));
  for (const f of broken) reader.set(f.url, f.text);

  // Warm up the JIT, the compiled schema validator and the module cache.
  const warm = files.slice(0, Math.min(500, COUNT));
  await runProcessor(warm);
  await runProcessor(broken.slice(0, 50));
  runYaml(warm);
  runJsYaml(warm);
  counts.entities = 0;
  counts.errors = 0;

  let start = process.hrtime.bigint();
  runYaml(files);
  const yamlMs = Number(process.hrtime.bigint() - start) / 1e6;

  start = process.hrtime.bigint();
  runJsYaml(files);
  const jsYamlMs = Number(process.hrtime.bigint() - start) / 1e6;

  start = process.hrtime.bigint();
  await runProcessor(files);
  const processorMs = Number(process.hrtime.bigint() - start) / 1e6;

  // Files with a problem take the position-keeping path for located errors.
  const before = counts.errors;
  start = process.hrtime.bigint();
  await runProcessor(broken);
  const brokenMs = Number(process.hrtime.bigint() - start) / 1e6;
  const brokenErrors = counts.errors - before;
  counts.errors = before;

  const filesPerSecond = (COUNT / processorMs) * 1000;
  const ratio = processorMs / yamlMs;
  const line = (label: string, value: string) =>
    process.stdout.write(`${label.padEnd(28)}${value}\n`);
  line('files', String(COUNT));
  line('entities emitted', String(counts.entities));
  line('errors emitted', String(counts.errors));
  line(
    'plain parse, yaml',
    `${yamlMs.toFixed(0)} ms (${((COUNT / yamlMs) * 1000).toFixed(0)} files/s)`,
  );
  line(
    'Score processor',
    `${processorMs.toFixed(0)} ms (${filesPerSecond.toFixed(0)} files/s)`,
  );
  line(
    'plain parse, js-yaml',
    `${jsYamlMs.toFixed(0)} ms (${((COUNT / jsYamlMs) * 1000).toFixed(
      0,
    )} files/s)`,
  );
  line('ratio to plain parse', `${ratio.toFixed(2)}x (yaml)`);
  line('ratio to js-yaml parse', `${(processorMs / jsYamlMs).toFixed(2)}x`);
  line(
    'files with errors',
    `${broken.length} in ${brokenMs.toFixed(0)} ms (${(
      (broken.length / brokenMs) *
      1000
    ).toFixed(0)} files/s, ${brokenErrors} located errors)`,
  );
  const ok = filesPerSecond >= 2000 && ratio < 4 && counts.errors === 0;
  line('targets (>=2000/s, <4x)', ok ? 'met' : 'NOT met');
  process.exitCode = ok ? 0 : 1;
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});

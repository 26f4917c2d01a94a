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

import { scoreWorkloadSummary } from './entities';
import {
  redactSecretArgs,
  redactSecretParams,
  redactSecretsInText,
  redactSecretValue,
} from './secrets';
import { loadScoreFiles } from './validate';

describe('redactSecretValue', () => {
  it.each([
    ['hunter2', '<redacted>'],
    ['${resources.db.password}', '${resources.db.password}'],
    ['hunter2${resources.db.password}', '<redacted>${resources.db.password}'],
    [
      '${resources.db.user}:${resources.db.password}',
      '${resources.db.user}:${resources.db.password}',
    ],
    ['Bearer ${resources.api.token}', '<redacted>${resources.api.token}'],
    ['${resources.a.b}-s3cret', '${resources.a.b}<redacted>'],
    ['$${not.a.placeholder}', '<redacted>'],
    ['', ''],
  ])('%s -> %s', (value, expected) => {
    expect(redactSecretValue(value)).toBe(expected);
  });
});

describe('redactSecretsInText', () => {
  it.each([
    [
      'postgres://app:hunter2@db:5432/app',
      'postgres://app:<redacted>@db:5432/app',
    ],
    [
      'postgres://${resources.db.username}:${resources.db.password}@${resources.db.host}',
      'postgres://${resources.db.username}:${resources.db.password}@${resources.db.host}',
    ],
    ['DB_PASSWORD=hunter2 ./start.sh', 'DB_PASSWORD=<redacted> ./start.sh'],
    ['mysql --password hunter2 -h db', 'mysql --password <redacted> -h db'],
    [
      'app --api-key=abc123 --port=8080',
      'app --api-key=<redacted> --port=8080',
    ],
    ['/healthz?token=abc&verbose=1', '/healthz?token=<redacted>&verbose=1'],
    [
      'curl -H "Authorization: Bearer eyJhbGci" http://x',
      'curl -H "Authorization: Bearer <redacted>" http://x',
    ],
    ['--port 8080 --name api', '--port 8080 --name api'],
  ])('%s', (text, expected) => {
    expect(redactSecretsInText(text)).toBe(expected);
  });
});

describe('redactSecretArgs', () => {
  it('redacts the value after a secret-looking flag and secrets inside items', () => {
    expect(
      redactSecretArgs([
        '--password',
        'hunter2',
        '--token=${resources.vault.token}',
        '--client-secret=abc${resources.vault.suffix}',
        '--replicas',
        '3',
        'sh',
        '-c',
        'export API_TOKEN=xyz && serve',
      ]),
    ).toEqual([
      '--password',
      '<redacted>',
      '--token=${resources.vault.token}',
      '--client-secret=<redacted>${resources.vault.suffix}',
      '--replicas',
      '3',
      'sh',
      '-c',
      'export API_TOKEN=<redacted> && serve',
    ]);
  });
});

describe('redactSecretParams', () => {
  it('redacts at any depth, keeping structure and placeholders', () => {
    expect(
      redactSecretParams({
        size: 'small',
        auth: {
          mode: 'basic',
          credentials: {
            user: 'admin',
            pin: 1234,
            password: '${resources.vault.pw}',
          },
        },
        replicas: [{ adminPassword: 'x' }, { url: 'redis://:s3cret@cache' }],
        enabled: true,
      }),
    ).toEqual({
      size: 'small',
      auth: {
        mode: 'basic',
        credentials: {
          user: '<redacted>',
          pin: '<redacted>',
          password: '${resources.vault.pw}',
        },
      },
      replicas: [
        { adminPassword: '<redacted>' },
        { url: 'redis://:<redacted>@cache' },
      ],
      enabled: true,
    });
  });
});

describe('the workload summary', () => {
  it('leaves no literal secret in commands, args, probes, variables or params', () => {
    const result = loadScoreFiles([
      {
        file: 'score.yaml',
        content: `apiVersion: score.dev/v1b1
metadata: {name: api}
containers:
  main:
    image: ghcr.io/acme/api:1
    command: ["/bin/sh", "-c", "DB_PASSWORD=hunter2 exec api --token tok-1"]
    args: ["--api-key", "key-2", "--db", "postgres://app:pw-3@db/app"]
    variables:
      SESSION_SECRET: "sess-4\${resources.vault.suffix}"
      DATABASE_URL: "postgres://app:pw-5@\${resources.db.host}/app"
    livenessProbe:
      httpGet: {port: 8080, path: "/healthz?token=tok-6"}
    readinessProbe:
      exec: {command: ["check", "--password", "pw-7"]}
resources:
  db:
    type: postgres
    params:
      auth: {rootPassword: pw-8, users: [{name: app, password: pw-9}]}
  vault: {type: vault}
`,
      },
    ]);
    expect(result.problems.filter(p => p.severity === 'error')).toEqual([]);
    const summary = scoreWorkloadSummary(result.workloads[0].workload);
    for (const secret of [
      'hunter2',
      'tok-1',
      'key-2',
      'pw-3',
      'sess-4',
      'pw-5',
      'tok-6',
      'pw-7',
      'pw-8',
      'pw-9',
    ]) {
      expect(summary).not.toContain(secret);
    }
    const parsed = JSON.parse(summary);
    expect(parsed.containers.main.variables.SESSION_SECRET).toBe(
      '<redacted>${resources.vault.suffix}',
    );
    expect(parsed.containers.main.probes).toEqual([
      'liveness: HTTP GET :8080/healthz?token=<redacted>',
      'readiness: exec check --password <redacted>',
    ]);
    // What is not secret stays readable.
    expect(parsed.containers.main.command).toEqual([
      '/bin/sh',
      '-c',
      'DB_PASSWORD=<redacted> exec api --token <redacted>',
    ]);
    expect(parsed.resources.db.params.auth.users[0].name).toBe('app');
  });
});

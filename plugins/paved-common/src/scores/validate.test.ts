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

import { formatScoreProblem } from './paths';
import { loadScoreFiles } from './validate';

const run = (files: Record<string, string>) => {
  const result = loadScoreFiles(
    Object.entries(files).map(([file, content]) => ({ file, content })),
  );
  return {
    messages: result.problems.map(formatScoreProblem),
    codes: result.problems.map(p => p.code),
    workloads: result.workloads.map(w => w.workload.metadata.name),
  };
};

describe('validateScoreFiles: schema', () => {
  it('reports every schema problem at once, in plain words and at the right place', () => {
    const { messages, workloads } = run({
      'score.yaml': `apiVersion: score.dev/v1
metadata:
  name: Bad_Name
  annotations:
    paved.dev/owner: 3
containers:
  web:
    image: nginx
    imgae: typo
    variables:
      PORT: 8080
    files:
      /a: {}
      /b: {content: x, source: y}
      /c: {target: /c, content: z}
    resources:
      limits: {memory: 1GB, cpu: lots}
    livenessProbe: {}
  X:
    image: x
service:
  ports:
    http: {port: 70000, protocol: tcp}
resources:
  db: {class: x}
`,
    });
    expect(workloads).toEqual([]);
    expect(messages).toEqual([
      'score.yaml:1:13 apiVersion: the string "score.dev/v1" is not valid: must be score.dev/v1b1',
      `score.yaml:3:9 metadata.name: the string "Bad_Name" is not valid: must be 2-63 characters of a-z, 0-9 and '-', not starting or ending with '-'`,
      'score.yaml:5:22 metadata.annotations["paved.dev/owner"]: must be a string, got number 3 (quote it: "3")',
      'score.yaml:9:5 containers.web.imgae: unknown key "imgae" (did you mean "image"?); allowed keys are image, command, args, variables, files, volumes, before, resources, livenessProbe, readinessProbe',
      'score.yaml:11:13 containers.web.variables.PORT: must be a string, got number 8080 (quote it: "8080")',
      'score.yaml:13:7 containers.web.files["/a"]: a file needs one of content, binaryContent or source',
      'score.yaml:14:7 containers.web.files["/b"]: a file needs exactly one of content, binaryContent or source, but has content and source',
      'score.yaml:15:12 containers.web.files["/c"].target: target is only allowed in the deprecated list form; in the map form the key is the target path',
      'score.yaml:17:24 containers.web.resources.limits.memory: the string "1GB" is not valid: must be a memory quantity such as 512Mi, 1.5Gi or 128M',
      'score.yaml:17:34 containers.web.resources.limits.cpu: the string "lots" is not valid: must be whole or fractional CPUs such as 2, 0.5 or 250m',
      'score.yaml:18:5 containers.web.livenessProbe: a probe needs httpGet or exec',
      `score.yaml:19:3 containers.X: "X" is not a valid container name: must be 2-63 characters of a-z, 0-9 and '-', not starting or ending with '-'`,
      'score.yaml:23:18 service.ports.http.port: must be between 1 and 65535, got 70000',
      'score.yaml:23:35 service.ports.http.protocol: must be one of "TCP", "UDP", got the string "tcp"',
      'score.yaml:25:3 resources.db: missing required key "type"',
      `score.yaml:25:15 resources.db.class: the string "x" is not valid: must be 2-63 characters of A-Z, a-z, 0-9 and '-', not starting or ending with '-'`,
    ]);
  });

  it('explains missing containers, unknown top-level keys and files of the wrong type', () => {
    expect(
      run({
        'e.yaml':
          'apiVersion: score.dev/v1b1\nmetadata: {name: ee}\ncontainers: {}\nfiles: 3\n',
        'f.yaml':
          'apiVersion: score.dev/v1b1\nmetadata: {name: ff}\ncontainers:\n  aa:\n    image: x\n    files: "nope"\n',
      }).messages,
    ).toEqual([
      'e.yaml:3:1 containers: a workload needs at least one container',
      'e.yaml:4:1 files: unknown key "files"; allowed keys are apiVersion, metadata, service, containers, resources',
      'f.yaml:6:12 containers.aa.files: must be a mapping of target path to file, got the string "nope"',
    ]);
  });
});

describe('validateScoreFiles: schema and semantic problems together', () => {
  it('reports an undeclared resource in the same pass as a schema error', () => {
    const { messages, workloads } = run({
      'w.yaml': `apiVersion: score.dev/v1b1
metadata: {name: web}
containers:
  main:
    image: 5
    variables: {A: '\${resources.db.host}'}
`,
    });
    expect(workloads).toHaveLength(0);
    expect(messages).toEqual([
      expect.stringMatching(
        /^w\.yaml:5:12 containers\.main\.image: must be a string/,
      ),
      expect.stringMatching(
        /^w\.yaml:6:\d+ containers\.main\.variables\.A: placeholder \$\{resources\.db\.host\} names resource "db"/,
      ),
    ]);
  });
});

describe('validateScoreFiles: semantic checks of the Score tools', () => {
  const semantic = `apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  web:
    image: nginx
    variables:
      DB_URL: "postgres://\${resources.db.host}:5432"
      NAME: \${metadata.nmae}
      HOME: \${env.HOME}
      BAD: "\${resources.cache.host"
      DB_PASSWORD: hunter2
      ESCAPED: $\${not.checked} $$HOME
    before:
      web: {ready: started}
      ghost: {ready: started}
      side: {ready: healthy}
  side:
    image: busybox
    before:
      web: {ready: complete}
    files:
      /etc/x: {content: "\${resources.queue.url} \${oops}"}
      /etc/y: {content: "\${oops}", noExpand: true}
resources:
  cache: {type: redis}
  queue:
    type: amqp
    params:
      a: \${resources.route.host}
  route:
    type: route
    params:
      host: \${resources.queue.host}
  self:
    type: dns
    params: {x: "\${resources.self.host}"}
  svc:
    type: service-port
    params: {workload: other}
`;

  it('reports placeholders, before references, cycles and service-port params', () => {
    const { messages, codes, workloads } = run({ 'score.yaml': semantic });
    expect(workloads).toEqual([]);
    expect(messages).toEqual([
      'score.yaml:8:27 containers.web.variables.DB_URL: placeholder ${resources.db.host} names resource "db", which is not declared in resources (declared: cache, queue, route, self, svc)',
      'score.yaml:9:13 containers.web.variables.NAME: placeholder ${metadata.nmae} names metadata key "nmae", which is not set in metadata (set: name)',
      'score.yaml:10:13 containers.web.variables.HOME: placeholder ${env.HOME} starts with "env"; placeholders must start with metadata. or resources. (write $$ for a literal $)',
      'score.yaml:11:13 containers.web.variables.BAD: warning: "${resources.cache.host" has no closing "}", so it is left as text, not substituted (write $$ for a literal $)',
      'score.yaml:12:20 containers.web.variables.DB_PASSWORD: warning: DB_PASSWORD looks like a secret written in plain text; reference a resource output instead, for example ${resources.db.password}',
      'score.yaml:15:7 containers.web.before.web: container "web" cannot be started before itself',
      'score.yaml:16:7 containers.web.before.ghost: before names container "ghost", which is not declared in containers (declared: web, side)',
      'score.yaml:17:21 containers.web.before.side.ready: ready: healthy needs a readinessProbe or livenessProbe on container "web" to know when it is healthy',
      'score.yaml:20:5 containers.side.before: containers wait for each other in a cycle: side -> web -> side',
      'score.yaml:23:49 containers.side.files["/etc/x"].content: placeholder ${oops} is malformed, must contain at least two elements separated by ".", each element must be alphanumeric or contain "_" or "-"',
      'score.yaml:29:5 resources.queue.params: resource params reference each other in a cycle: amqp.default#api.queue -> route.default#api.route -> amqp.default#api.queue',
      'score.yaml:37:5 resources.self.params: resource params reference each other in a cycle: dns.default#api.self -> dns.default#api.self',
      'score.yaml:40:5 resources.svc.params: a service-port resource needs params.port (the name of its service port)',
    ]);
    expect(new Set(codes)).toEqual(
      new Set([
        'placeholder-unknown-resource',
        'placeholder-unknown-metadata',
        'placeholder-unknown-root',
        'placeholder-syntax',
        'hardcoded-secret',
        'before-cycle',
        'before-unknown-container',
        'before-probe',
        'resource-cycle',
        'resource-params',
      ]),
    );
  });

  it('keeps a workload that only has warnings', () => {
    const { workloads, messages } = run({
      'w.yaml':
        'apiVersion: score.dev/v1b1\nmetadata: {name: ww}\ncontainers:\n  main:\n    image: x\n    variables: {API_TOKEN: abc}\n',
    });
    expect(workloads).toEqual(['ww']);
    expect(messages).toHaveLength(1);
  });

  it('checks across files: duplicate names, shared resources, cycles through shared resources, service ports', () => {
    const { messages, workloads } = run({
      'a.yaml': `apiVersion: score.dev/v1b1
metadata: {name: aa}
containers: {main: {image: x}}
service: {ports: {http: {port: 80}}}
resources:
  db: {type: postgres, id: shared, params: {size: small}}
  xx: {type: thing, id: x1, params: {dep: "\${resources.yy.out}"}}
  yy: {type: thing, id: y1}
`,
      'b.yaml': `apiVersion: score.dev/v1b1
metadata: {name: bb}
containers: {main: {image: x}}
resources:
  db: {type: postgres, id: shared, params: {size: large}}
  yy: {type: thing, id: y1, params: {dep: "\${resources.xx.out}"}}
  xx: {type: thing, id: x1}
  to-a: {type: service-port, params: {workload: aa, port: grpc}}
`,
      'c.yaml': `apiVersion: score.dev/v1b1
metadata: {name: aa}
containers: {main: {image: x}}
`,
    });
    expect(messages).toEqual([
      'a.yaml:7:29 resources.xx.params: resource params reference each other in a cycle: thing.default#x1 -> thing.default#y1 -> thing.default#x1',
      'b.yaml:5:36 resources.db.params: shared resource postgres.default#shared is declared with different params at a.yaml:6:44; every declaration of a shared resource must agree',
      'b.yaml:8:59 resources.to-a.params.port: workload "aa" has no service port "grpc" (ports: http)',
      'c.yaml:2:18 metadata.name: workload name "aa" is already used by the workload at a.yaml:2:18; workload names must be unique',
    ]);
    expect(workloads).toEqual([]);
  });
});

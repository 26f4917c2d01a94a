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
 * Checks what Paved ships for running itself (docs/operations.md):
 *   1. the production image: packages/backend/Dockerfile and its build
 *      context after .dockerignore. Where a container engine answers
 *      (`docker info`), the image is also built; elsewhere the file list is
 *      what is checked;
 *   2. the Helm values for the official Backstage chart (deploy/helm): with
 *      `helm template` where helm and the chart are at hand, and always
 *      against the schema of the chart keys they use plus Paved's rules;
 *   3. Paved's own score.yaml, with `paved score validate`.
 *
 *   node scripts/it/deploy-check.mjs [--build]   (--build: fail if no engine)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dockerignore = require('@balena/dockerignore');
const Ajv = require('ajv/dist/2020').default;
const YAML = require('yaml');

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = file => readFileSync(join(root, file), 'utf8');

const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};

// ---------------------------------------------------------------- image --
const dockerfilePath = 'packages/backend/Dockerfile';
const dockerfile = read(dockerfilePath);

/** Dockerfile instructions with continuation lines joined, per stage. */
function parseDockerfile(text) {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'));
  const stages = [];
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (instruction.toUpperCase() === 'FROM') {
      stages.push({ from: args, name: args.split(/\s+AS\s+/i)[1], steps: [] });
    } else if (stages.length) {
      stages
        .at(-1)
        .steps.push({ instruction: instruction.toUpperCase(), args });
    }
  }
  return stages;
}

const stages = parseDockerfile(dockerfile);
const runtime = stages.at(-1);
check(
  'Dockerfile is multi-stage',
  stages.length >= 2,
  `${stages.length} stages`,
);
const users = runtime.steps.filter(s => s.instruction === 'USER');
check(
  'runtime stage runs as a non-root user',
  users.length > 0 && !['root', '0'].includes(users.at(-1).args.trim()),
  users.at(-1)?.args ?? 'no USER',
);
check(
  'runtime stage installs production dependencies only',
  runtime.steps.some(
    s =>
      s.instruction === 'RUN' &&
      /yarn workspaces focus --all --production/.test(s.args),
  ),
);
const healthcheck = runtime.steps.find(s => s.instruction === 'HEALTHCHECK');
check(
  'runtime stage has a health check on the readiness endpoint',
  !!healthcheck && healthcheck.args.includes('/.backstage/health/v1/readiness'),
);
const buildStage = stages.find(s => s.name === 'build');
const demoStep = buildStage?.steps.find(
  s => s.instruction === 'RUN' && s.args.includes('/tmp/content'),
);
check(
  'demo content (examples/) is copied only when PAVED_DEMO=true',
  !!demoStep &&
    /if \[ "\$PAVED_DEMO" = "true" \]; then\s+cp -r examples/.test(
      demoStep.args,
    ) &&
    !/cp -r[^;]*examples/.test(demoStep.args.split('if [')[0]),
);

// The build context: every file of the checkout that .dockerignore keeps.
const ignore = dockerignore({ ignorecase: false }).add(
  read('.dockerignore')
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#')),
);
const repoFiles = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
)
  .split('\n')
  .filter(f => f && existsSync(join(root, f)));
const context = new Set(ignore.filter(repoFiles));
const inContext = path =>
  path === '.' ||
  context.has(path) ||
  [...context].some(f => f.startsWith(`${path}/`));
console.log(`     build context: ${context.size} of ${repoFiles.length} files`);

const copySources = [];
for (const stage of stages) {
  for (const step of stage.steps) {
    if (step.instruction !== 'COPY' || /--from=/.test(step.args)) continue;
    const parts = step.args.split(/\s+/).filter(p => !p.startsWith('--'));
    copySources.push(...parts.slice(0, -1));
  }
}
const missing = copySources.filter(src => !inContext(src.replace(/\/$/, '')));
check(
  'every COPY source is in the build context',
  missing.length === 0,
  missing.join(', ') || `${copySources.length} sources`,
);
const contentStep = demoStep?.args ?? '';
const shipped = ['catalog-info.yaml', 'score.yaml', 'templates'].filter(
  f => contentStep.includes(f) && inContext(f),
);
check(
  'catalog files and templates are copied into the image',
  shipped.length === 3,
  shipped.join(', '),
);

// What the production config reads from disk must be in the image (/app).
const prodConfig = YAML.parse(read('app-config.production.yaml'));
const fileTargets = (prodConfig.catalog?.locations ?? [])
  .filter(l => l.type === 'file')
  .map(l => l.target.replace(/^\.\//, ''));
const notShipped = fileTargets.filter(
  t => !inContext(t) || !shipped.some(s => t === s || t.startsWith(`${s}/`)),
);
check(
  'every file location of the production config is in the image',
  fileTargets.length > 0 && notShipped.length === 0,
  notShipped.join(', ') || fileTargets.join(', '),
);

const workspaces = repoFiles.filter(f =>
  /^(packages|plugins)\/[^/]+\/package\.json$/.test(f),
);
const needed = [
  'yarn.lock',
  'package.json',
  '.yarnrc.yml',
  'backstage.json',
  ...repoFiles.filter(f => f.startsWith('.yarn/releases/')),
  ...workspaces,
];
const lacking = needed.filter(f => !context.has(f));
check(
  'the context holds what `yarn install --immutable` needs',
  lacking.length === 0,
  lacking.join(', ') || `${workspaces.length} workspaces`,
);
const leaked = [...context].filter(f =>
  /(^|\/)(node_modules|\.git|\.tools|data|e2e-artifacts)\/|\.local\.yaml$|(^|\/)\.env(\.|$)|-credentials\.yaml$/.test(
    f,
  ),
);
check(
  'no local state or secrets in the build context',
  leaked.length === 0,
  leaked.slice(0, 5).join(', '),
);

const engine = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
  encoding: 'utf8',
});
if (engine.status === 0) {
  console.log(
    `     container engine ${engine.stdout.trim()}: building the image`,
  );
  const build = spawnSync(
    'docker',
    ['build', '-f', dockerfilePath, '-t', 'paved:test', '.'],
    { cwd: root, stdio: 'inherit' },
  );
  check('docker build', build.status === 0);
} else if (process.argv.includes('--build')) {
  check('docker build', false, 'no container engine answers `docker info`');
} else {
  console.log(
    '     no container engine answers `docker info`: the image is checked by its Dockerfile and build context only',
  );
}

// ----------------------------------------------------------------- helm --
const values = YAML.parse(read('deploy/helm/values.yaml'));
const schema = JSON.parse(read('deploy/helm/values.schema.json'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const valid = validate(values);
check(
  'Helm values match the chart keys and types',
  valid,
  (validate.errors ?? [])
    .map(
      e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    )
    .join('; '),
);
const bs = values.backstage ?? {};
check('several replicas', bs.replicas >= 2, `replicas: ${bs.replicas}`);
check(
  'a PodDisruptionBudget',
  bs.pdb?.create === true &&
    (bs.pdb.maxUnavailable !== undefined || bs.pdb.minAvailable !== undefined),
);
const probePath = p => p?.httpGet?.path;
check(
  'probes on the health endpoints',
  probePath(bs.readinessProbe) === '/.backstage/health/v1/readiness' &&
    probePath(bs.livenessProbe) === '/.backstage/health/v1/liveness' &&
    probePath(bs.startupProbe)?.startsWith('/.backstage/health/v1/'),
);
check(
  'resource requests and a memory limit',
  !!bs.resources?.requests?.cpu &&
    !!bs.resources?.requests?.memory &&
    !!bs.resources?.limits?.memory,
);
check(
  'an external PostgreSQL (the bundled chart is off)',
  values.postgresql?.enabled === false &&
    (bs.extraEnvVars ?? []).some(e => e.name === 'POSTGRES_HOST'),
);
check(
  'the image runs with the production config',
  JSON.stringify(bs.args ?? []).includes('app-config.production.yaml'),
);

// Secrets: every ${VAR} the production setup reads is either a plain env var
// in the values or a key of the Kubernetes secret, and nothing secret-looking
// is written into the values.
const secretManifest = YAML.parse(read('deploy/helm/secrets.example.yaml'));
const secretKeys = new Set(Object.keys(secretManifest.stringData ?? {}));
const plainEnv = new Map((bs.extraEnvVars ?? []).map(e => [e.name, e.value]));
const referenced = new Set();
const collect = text => {
  for (const m of text.matchAll(/\$\{([A-Z0-9_]+)(:-[^}]*)?\}/g)) {
    if (!m[2]) referenced.add(m[1]);
  }
};
// Parsed and written back, so that commented-out examples don't count.
const uncommented = file => YAML.stringify(YAML.parse(read(file)));
collect(uncommented('app-config.production.yaml'));
collect(YAML.stringify(bs.appConfig ?? {}));
// app-config.yaml is loaded first in production too: its ${...} apply.
collect(uncommented('app-config.yaml'));
const unset = [...referenced].filter(
  v => !secretKeys.has(v) && !plainEnv.has(v),
);
check(
  'every ${VAR} of the production config comes from the secret or the values',
  unset.length === 0,
  unset.join(', ') || `${referenced.size} variables`,
);
const literalSecrets = [...plainEnv.entries()].filter(([name]) =>
  /TOKEN|SECRET|PASSWORD|KEY/.test(name),
);
check(
  'no secret is written into the values',
  literalSecrets.length === 0 &&
    (bs.extraEnvVarsSecrets ?? []).includes(secretManifest.metadata?.name),
  literalSecrets.map(([n]) => n).join(', '),
);
const webhookPath = '/api/paved/v1/webhooks';
const hooksFeature = readFileSync(
  join(root, 'plugins/paved-backend/src/deployments/feature.ts'),
  'utf8',
);
check(
  'an ingress for the webhook route',
  values.ingress?.enabled === true &&
    hooksFeature.includes(`path: '${webhookPath.replace('/api/paved', '')}'`) &&
    (values.ingress.extraHosts ?? []).some(h => h.path === webhookPath),
);

const helm = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
const chart = process.env.PAVED_HELM_CHART;
if (helm.status === 0 && chart) {
  const rendered = spawnSync(
    'helm',
    ['template', 'paved', chart, '-f', join(root, 'deploy/helm/values.yaml')],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  check('helm template', rendered.status === 0, rendered.stderr.trim());
  const kinds = YAML.parseAllDocuments(rendered.stdout).map(
    d => d.toJS()?.kind,
  );
  check(
    'rendered Deployment, Service, Ingress and PodDisruptionBudget',
    ['Deployment', 'Service', 'Ingress', 'PodDisruptionBudget'].every(k =>
      kinds.includes(k),
    ),
    kinds.join(', '),
  );
} else {
  console.log(
    `     helm template skipped: ${
      helm.status === 0
        ? 'set PAVED_HELM_CHART to the backstage chart (a directory or .tgz)'
        : 'helm is not installed (not in this machine\u2019s package registries)'
    }; the values are checked against deploy/helm/values.schema.json`,
  );
}

// ---------------------------------------------------------------- score --
const score = spawnSync(
  join(root, 'bin/paved'),
  ['score', 'validate', 'score.yaml'],
  {
    cwd: root,
    encoding: 'utf8',
  },
);
check(
  "Paved's own score.yaml validates",
  score.status === 0,
  (score.stdout + score.stderr).trim(),
);
const catalogInfo = YAML.parseAllDocuments(read('catalog-info.yaml')).map(d =>
  d.toJS(),
);
check(
  'catalog-info.yaml points paved-backend at score.yaml',
  catalogInfo.some(
    e =>
      e?.kind === 'Component' &&
      e.metadata?.name === 'paved-backend' &&
      e.metadata?.annotations?.['paved.dev/score-file'] === './score.yaml',
  ),
);

const failed = results.filter(r => !r).length;
console.log(`\n${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

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

import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { InMemoryProcessorCache, InMemoryUrlReader } from '../testing/inMemory';
import { ScoreProcessor } from './ScoreProcessor';

const REPO = 'https://github.com/acme/shop/blob/main';
const TREE = 'https://github.com/acme/shop/tree/main';

const workload = (name: string) => `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  main:
    image: ghcr.io/acme/${name}:1.0.0
`;

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'api' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const withScoreFile = (ref: string): Entity => ({
  ...component,
  metadata: {
    ...component.metadata,
    annotations: { 'paved.dev/score-file': ref },
  },
});

function setup(config: object = {}) {
  const reader = new InMemoryUrlReader();
  const processor = ScoreProcessor.fromConfig(new ConfigReader(config), {
    reader,
  });
  const emitted: CatalogProcessorResult[] = [];
  return { reader, processor, emitted, emit: (r: any) => emitted.push(r) };
}

const errorsOf = (results: CatalogProcessorResult[]) =>
  results.flatMap(r => (r.type === 'error' ? [r.error.message] : []));
const entitiesOf = (results: CatalogProcessorResult[]) =>
  results.flatMap(r => (r.type === 'entity' ? [r.entity] : []));

async function preProcess(
  processor: ScoreProcessor,
  entity: Entity,
  location: LocationSpec,
  emit: (r: CatalogProcessorResult) => void,
) {
  return processor.preProcessEntity(
    entity,
    location,
    emit,
    location,
    new InMemoryProcessorCache(),
  );
}

describe('paved.dev/score-file stays inside its own location', () => {
  const location = {
    type: 'url',
    target: `${REPO}/services/api/catalog-info.yaml`,
  };

  it.each([
    [
      'https://evil.example.com/score.yaml',
      '"https://evil.example.com/score.yaml" must be a path relative to catalog-info.yaml, e.g. ./score.yaml',
    ],
    [
      '/services/other/score.yaml',
      '"/services/other/score.yaml" must be a path relative to catalog-info.yaml, e.g. ./score.yaml',
    ],
    [
      '../other/score.yaml',
      `"../other/score.yaml" points outside the directory of ${REPO}/services/api/catalog-info.yaml; the Score file must be next to catalog-info.yaml or below it`,
    ],
    [
      './deploy/../../other/score.yaml',
      `"./deploy/../../other/score.yaml" points outside the directory of ${REPO}/services/api/catalog-info.yaml; the Score file must be next to catalog-info.yaml or below it`,
    ],
    [
      '%2e%2e/other/score.yaml',
      `"%2e%2e/other/score.yaml" points outside the directory of ${REPO}/services/api/catalog-info.yaml; the Score file must be next to catalog-info.yaml or below it`,
    ],
    [
      '..\\other\\score.yaml',
      '"..\\other\\score.yaml" must be a path relative to catalog-info.yaml, e.g. ./score.yaml',
    ],
    [
      'score.yaml?ref=attacker-branch',
      '"score.yaml?ref=attacker-branch" must be a plain relative path, without ? or #',
    ],
  ])('refuses %s without reading it', async (ref, message) => {
    const { processor, reader, emit, emitted } = setup();
    reader.set('https://evil.example.com/score.yaml', workload('api'));
    reader.set(`${TREE}/services/other/score.yaml`, workload('api'));
    const input = withScoreFile(ref);
    expect(await preProcess(processor, input, location, emit)).toBe(input);
    expect(errorsOf(emitted)).toEqual([`paved.dev/score-file: ${message}`]);
    expect(emitted[0].type === 'error' && emitted[0].error.name).toBe(
      'InputError',
    );
    expect(reader.reads).toBe(0);
  });

  it('reads a file next to catalog-info.yaml or below it', async () => {
    const { processor, reader, emit, emitted } = setup();
    reader.set(`${TREE}/services/api/deploy/score.yaml`, workload('api'));
    const result = await preProcess(
      processor,
      withScoreFile('./deploy/score.yaml'),
      location,
      emit,
    );
    expect(errorsOf(emitted)).toEqual([]);
    expect(result.metadata.annotations?.['paved.dev/score-file']).toBe(
      `${TREE}/services/api/deploy/score.yaml`,
    );
  });

  it('refuses escapes, links and special files on disk', async () => {
    const dir = createMockDirectory();
    dir.setContent({
      'repo/catalog-info.yaml': '',
      'repo/ok/score.yaml': workload('api'),
      'repo/empty/score.yaml': '',
      'outside/score.yaml': workload('api'),
    });
    fs.symlinkSync(dir.resolve('outside'), dir.resolve('repo/linked-dir'));
    fs.mkdirSync(dir.resolve('repo/link'));
    fs.symlinkSync(
      dir.resolve('outside/score.yaml'),
      dir.resolve('repo/link/score.yaml'),
    );
    fs.mkdirSync(dir.resolve('repo/fifo'));
    execFileSync('mkfifo', [dir.resolve('repo/fifo/score.yaml')]);
    const catalogInfo = {
      type: 'file',
      target: dir.resolve('repo/catalog-info.yaml'),
    };
    const errorFor = async (ref: string) => {
      const { processor, emit, emitted } = setup();
      await preProcess(processor, withScoreFile(ref), catalogInfo, emit);
      return errorsOf(emitted);
    };

    expect(await errorFor('./ok/score.yaml')).toEqual([]);
    expect(await errorFor('../outside/score.yaml')).toEqual([
      expect.stringMatching(/points outside the directory of/),
    ]);
    expect(await errorFor(dir.resolve('outside/score.yaml'))).toEqual([
      expect.stringMatching(/must be a path relative to catalog-info.yaml/),
    ]);
    expect(await errorFor('./linked-dir/score.yaml')).toEqual([
      expect.stringMatching(/points outside the directory of/),
    ]);
    expect(await errorFor('./link/score.yaml')).toEqual([
      expect.stringMatching(/points outside the directory of/),
    ]);
    // A FIFO would block the read forever; a zero-size file may be a
    // /proc file whose read returns anything.
    expect(await errorFor('./fifo/score.yaml')).toEqual([
      `${dir.resolve(
        'repo/fifo/score.yaml',
      )}: is not a regular file; Score files are read only as regular files`,
    ]);
    expect(await errorFor('./empty/score.yaml')).toEqual([
      `${dir.resolve(
        'repo/empty/score.yaml',
      )}: is empty (or a special file that reports no size)`,
    ]);
  });

  it('refuses a symbolic link named like a Score file as a location', async () => {
    const dir = createMockDirectory();
    dir.setContent({ 'real.yaml': workload('api') });
    fs.symlinkSync(dir.resolve('real.yaml'), dir.resolve('api.score.yaml'));
    const { processor, emit, emitted } = setup();
    await processor.readLocation(
      { type: 'file', target: dir.resolve('api.score.yaml') },
      false,
      emit,
      undefined,
      new InMemoryProcessorCache(),
    );
    expect(entitiesOf(emitted)).toEqual([]);
    expect(errorsOf(emitted)).toEqual([
      `${dir.resolve(
        'api.score.yaml',
      )}: is a symbolic link; Score files are read only as regular files`,
    ]);
  });
});

describe('limits from paved.score', () => {
  const read = async (config: object, content: string) => {
    const { processor, reader, emit, emitted } = setup(config);
    reader.set(`${REPO}/score.yaml`, content);
    await processor.readLocation(
      { type: 'url', target: `${REPO}/score.yaml` },
      false,
      emit,
      undefined,
      new InMemoryProcessorCache(),
    );
    return { errors: errorsOf(emitted), entities: entitiesOf(emitted) };
  };
  const nested = (levels: number) =>
    `${workload('api')}extra: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;

  it('enforces the default nesting depth when paved.score sets other keys', async () => {
    const { errors } = await read(
      { paved: { score: { maxFileBytes: 100000 } } },
      nested(80),
    );
    expect(errors).toEqual([
      expect.stringMatching(/YAML is nested more than 64 levels deep/),
    ]);
  });

  it('enforces a configured nesting depth', async () => {
    const { errors } = await read(
      { paved: { score: { maxDepth: 8 } } },
      nested(10),
    );
    expect(errors).toEqual([
      expect.stringMatching(/YAML is nested more than 8 levels deep/),
    ]);
  });

  it('caps the workloads of one file', async () => {
    const three = [workload('wa'), workload('wb'), workload('wc')].join(
      '---\n',
    );
    const capped = await read(
      { paved: { score: { maxWorkloadsPerFile: 2 } } },
      three,
    );
    expect(capped.entities).toEqual([]);
    expect(capped.errors).toEqual([
      `${REPO}/score.yaml: 3 workloads, more than the limit of 2 per Score file (paved.score.maxWorkloadsPerFile)`,
    ]);
    const allowed = await read({}, three);
    expect(allowed.errors).toEqual([]);
    expect(allowed.entities).toHaveLength(3);
  });
});

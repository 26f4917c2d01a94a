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

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs/promises';
import path from 'node:path';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import YAML from 'yaml';
import { scaffolderModulePaved } from '../module';

/** The repository's templates/ directory. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');

/** Every file below `dir`, relative to it. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules')
        out.push(...(await listFiles(dir, rel)));
    } else {
      out.push(rel);
    }
  }
  return out;
}

/** Reads templates/<name>/template.yaml as an entity. */
export async function loadTemplate(name: string): Promise<Entity> {
  return YAML.parse(
    await fs.readFile(path.join(TEMPLATES_DIR, name, 'template.yaml'), 'utf8'),
  );
}

export interface DryRunResult {
  status: number;
  body: {
    log?: Array<{
      body: { message: string; stepId?: string; status?: string };
    }>;
    directoryContents?: Array<{ path: string; base64Content: string }>;
    output?: Record<string, unknown>;
    errors?: Array<{ message: string; property?: string }>;
    error?: { name: string; message: string };
  };
}

/**
 * A backend with the real scaffolder plugin and Paved's scaffolder module, on
 * an in-memory catalog; templates run through its dry-run API exactly as the
 * template editor runs them.
 */
export async function startScaffolder(options: {
  entities: Entity[];
  localReposDir: string;
}) {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModulePaved,
      catalogServiceMock.factory({ entities: options.entities }),
      ...(process.env.PAVED_TEST_LOG
        ? [mockServices.rootLogger.factory({ level: 'debug' })]
        : []),
      mockServices.rootConfig.factory({
        data: {
          paved: {
            scaffolder: {
              localPublisher: { baseDir: options.localReposDir },
            },
          },
        },
      }),
    ],
  });

  async function dryRun(
    templateName: string,
    values: Record<string, unknown>,
  ): Promise<DryRunResult> {
    const dir = path.join(TEMPLATES_DIR, templateName);
    const files = await listFiles(dir);
    const directoryContents = await Promise.all(
      files.map(async file => ({
        path: file,
        base64Content: (
          await fs.readFile(path.join(dir, file))
        ).toString('base64'),
      })),
    );
    const res = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header('user:default/guest'))
      .send({
        template: await loadTemplate(templateName),
        values,
        directoryContents,
      });
    return { status: res.status, body: res.body };
  }

  return { backend, dryRun };
}

/** Writes a dry run's workspace to `dir`. */
export async function writeWorkspace(
  result: DryRunResult,
  dir: string,
): Promise<void> {
  for (const file of result.body.directoryContents ?? []) {
    const target = path.join(dir, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, Buffer.from(file.base64Content, 'base64'));
  }
}

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

import fs from 'node:fs';
import path from 'node:path';
import { formatScoreProblem } from './paths';
import { parseScoreFile } from './parse';
import { scoreToEntities } from './entities';
import { validateScoreFiles } from './validate';

const fixturesDir = path.join(__dirname, '__fixtures__');
const load = (...names: string[]) =>
  validateScoreFiles(
    names.map(name =>
      parseScoreFile(
        name,
        fs.readFileSync(path.join(fixturesDir, name), 'utf8'),
      ),
    ),
  );

describe('real Score files from the Score project', () => {
  it.each(fs.readdirSync(fixturesDir).filter(f => f.endsWith('.yaml')))(
    '%s is valid and maps to entities',
    name => {
      const result = load(name);
      const errors = result.problems.filter(p => p.severity === 'error');
      expect(errors.map(formatScoreProblem)).toEqual([]);
      expect(result.workloads).toHaveLength(1);
      const entities = scoreToEntities(result.workloads);
      expect(entities[0].kind).toBe('Component');
      expect(entities[0].metadata.name).toBe(
        result.workloads[0].workload.metadata.name,
      );
    },
  );
});

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

import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Validate the score.yaml a skeleton brought into the workspace',
    example: yaml.stringify({
      steps: [
        {
          action: 'paved:score:validate',
          id: 'validate-score',
          name: 'Validate score.yaml',
        },
      ],
    }),
  },
  {
    description:
      'Validate two Score files and require a workload named after the component',
    example: yaml.stringify({
      steps: [
        {
          action: 'paved:score:validate',
          id: 'validate-score',
          name: 'Validate the Score files',
          input: {
            paths: ['score.yaml', 'worker/score.yaml'],
            workload: '${{ parameters.name }}',
          },
        },
      ],
    }),
  },
];

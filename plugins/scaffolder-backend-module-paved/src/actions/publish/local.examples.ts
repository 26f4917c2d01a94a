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
      'Publish the workspace as a local git repository and register it in the catalog',
    example: yaml.stringify({
      steps: [
        {
          action: 'paved:publish:local',
          id: 'publish',
          name: 'Publish to a local repository',
          input: { repoName: '${{ parameters.name }}' },
        },
        {
          action: 'paved:catalog:register-local',
          id: 'register',
          name: 'Register in the catalog',
          input: {
            catalogInfoPath: '${{ steps.publish.output.catalogInfoPath }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Publish only a subdirectory, with its own commit message',
    example: yaml.stringify({
      steps: [
        {
          action: 'paved:publish:local',
          id: 'publish',
          name: 'Publish the service',
          input: {
            repoName: 'orders-service',
            sourcePath: 'service',
            gitCommitMessage: 'Create orders-service from the golden path',
          },
        },
      ],
    }),
  },
];

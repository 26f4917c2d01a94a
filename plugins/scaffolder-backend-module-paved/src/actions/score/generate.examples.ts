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
      'An HTTP service with a PostgreSQL database, probes and the golden path resource limits',
    example: yaml.stringify({
      steps: [
        {
          action: 'paved:score:generate',
          id: 'score',
          name: 'Generate score.yaml',
          input: {
            name: '${{ parameters.name }}',
            ports: [{ name: 'http', port: 80, targetPort: 8080 }],
            variables: {
              PORT: '8080',
              PGHOST: '${resources.db.host}',
              PGPORT: '${resources.db.port}',
              PGDATABASE: '${resources.db.name}',
              PGUSER: '${resources.db.username}',
              PGPASSWORD: '${resources.db.password}',
            },
            resources: { db: { type: 'postgres' } },
            probes: { liveness: '/healthz', readiness: '/readyz' },
            defaults: {
              containers: {
                main: {
                  resources: {
                    requests: { cpu: '100m', memory: '128Mi' },
                    limits: { cpu: '500m', memory: '256Mi' },
                  },
                },
              },
            },
            overrides: {
              containers: {
                main: {
                  resources: {
                    limits: { memory: '${{ parameters.memoryLimit }}' },
                  },
                },
              },
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'A worker consuming an AMQP queue, with a DNS name and a route',
    example: yaml.stringify({
      steps: [
        {
          action: 'paved:score:generate',
          id: 'score',
          name: 'Generate score.yaml',
          input: {
            name: 'billing-worker',
            image: 'ghcr.io/acme/billing-worker:1.0.0',
            variables: {
              AMQP_URL:
                'amqp://${resources.queue.username}:${resources.queue.password}@${resources.queue.host}:${resources.queue.port}/${resources.queue.vhost}',
            },
            resources: {
              queue: { type: 'amqp' },
              dns: { type: 'dns' },
              route: {
                type: 'route',
                params: { host: '${resources.dns.host}', path: '/', port: 80 },
              },
            },
          },
        },
      ],
    }),
  },
];

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
 * A lean HTTP client for load scripts. The load generator shares the two
 * cores with the backend it measures, so it uses node:http with a
 * keep-alive connection pool (as a reverse proxy in front of a backend
 * does) instead of fetch, which costs several times more CPU per request.
 */
import http from 'node:http';

/** A POST function over a pool of at most `sockets` keep-alive connections. */
export function createPoster(base, { sockets = 100 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const url = new URL(base);
  return {
    /** Resolves with { status, body } (body parsed as JSON when it is). */
    post(path, headers, body) {
      return new Promise((resolve, reject) => {
        const payload = Buffer.from(body);
        const req = http.request(
          {
            agent,
            hostname: url.hostname,
            port: url.port,
            path,
            method: 'POST',
            headers: { ...headers, 'Content-Length': payload.length },
          },
          res => {
            const chunks = [];
            res.on('data', c => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let parsed = text;
              try {
                parsed = JSON.parse(text);
              } catch {
                /* not JSON */
              }
              resolve({ status: res.statusCode, body: parsed });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

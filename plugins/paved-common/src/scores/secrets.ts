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

const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'credential',
  'credentials',
  'apikey',
  'privatekey',
]);

const SECRET_PAIRS = new Set([
  'api key',
  'private key',
  'access key',
  'secret key',
  'signing key',
  'encryption key',
  'auth key',
  'client secret',
]);

/**
 * Whether a variable or key name looks like it holds a secret
 * (`DB_PASSWORD`, `apiKey`, `GITHUB_TOKEN`, `private-key`...). Names are split
 * into words on non-alphanumerics and camelCase, so `PASSENGER_COUNT` or
 * `TOKENIZER_MODEL` do not match.
 *
 * @public
 */
export function isSecretLikeName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i])) {
      return true;
    }
    if (i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${words[i]}`)) {
      return true;
    }
  }
  return false;
}

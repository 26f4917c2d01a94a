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

// Prints a fresh age X25519 identity for
// paved.orchestrators.humanitec.logsIdentity, in the format age-keygen
// writes (so `age -d -i` can use the file too), with its recipient:
//
//   node plugins/paved-backend-module-humanitec/scripts/new-logs-identity.mjs > logs-identity.txt
//
// The recipient is derived the way the module derives it
// (src/logsIdentity.ts): the identity is bech32 (HRP age-secret-key-) of a
// random 32-byte X25519 private key, the recipient bech32 (HRP age) of its
// public key, computed by Node's crypto from a PKCS#8 encoding.

import { toBech32 } from '@exodus/bytes/bech32.js';
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';

const X25519_PKCS8_PREFIX = Buffer.from(
  '302e020100300506032b656e04220420',
  'hex',
);

const secret = randomBytes(32);
const privateKey = createPrivateKey({
  key: Buffer.concat([X25519_PKCS8_PREFIX, secret]),
  format: 'der',
  type: 'pkcs8',
});
const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
const identity = toBech32('age-secret-key-', secret).toUpperCase();
const recipient = toBech32('age', Buffer.from(x, 'base64url'));

process.stdout.write(
  `# created: ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`,
);
process.stderr.write(`Public key: ${recipient}\n`);

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
// Key and recipient come from age-encryption (age's TypeScript
// implementation), the library the module derives the recipient with.

import { generateX25519Identity, identityToRecipient } from 'age-encryption';

const identity = await generateX25519Identity();
const recipient = await identityToRecipient(identity);

process.stdout.write(
  `# created: ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`,
);
process.stderr.write(`Public key: ${recipient}\n`);

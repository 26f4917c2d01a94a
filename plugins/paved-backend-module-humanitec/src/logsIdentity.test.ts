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
import { ConfigReader } from '@backstage/config';
import { toBech32 } from '@exodus/bytes/bech32.js';
import { generateKeyPairSync } from 'node:crypto';
import {
  LOGS_IDENTITY_CONFIG_KEY,
  parseAgeX25519Identity,
  readLogsIdentity,
} from './logsIdentity';

// Identity/recipient pairs published with age itself, so the derivation is
// checked against age's, not against this module's own output:
// - FiloSottile/age cmd/age/testdata/x25519.txt (commit 8a02f4801fc9…):
//   the key.txt written by age-keygen, with its `# public key:` line;
// - FiloSottile/age cmd/age/testdata/yaml.key and yaml.pub (d3cd2ad563ad…);
// - FiloSottile/typage tests/index.test.ts (07e8e854ca1e…): a file
//   encrypted to the recipient is decrypted with the identity.
const VECTORS = [
  [
    'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0',
    'age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef',
  ],
  [
    'AGE-SECRET-KEY-16T6LNUPYD6LM64F5GHZGQTWHDYSFTQRF447PLYW6Z35S5T9KXARQLW4AQH',
    'age17wnc03eahggjwzry6edaxv4ndhxc3ylwdl5924chkxeh09a3nyfsavr6gu',
  ],
  [
    'AGE-SECRET-KEY-1RKH0DGHQ0FU6VLXX2VW6Y3W2TKK7KR4J36N9SNDXK75JHCJ3N6JQNZJF5J',
    'age1tgyuvdlmpejqsdf847hevurz9szk7vf3j7ytfyqecgzvphvu2d8qrtaxl6',
  ],
] as const;

const [IDENTITY, RECIPIENT] = VECTORS[0];

describe('parseAgeX25519Identity', () => {
  it.each(VECTORS)(
    'derives the recipient of %s',
    async (identity, recipient) => {
      await expect(parseAgeX25519Identity(identity)).resolves.toEqual({
        identity,
        recipient,
      });
    },
  );

  it('matches Node’s own X25519 public key for a fresh key pair', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('x25519');
    const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
    const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const identity = toBech32('age-secret-key-', d).toUpperCase();
    await expect(parseAgeX25519Identity(identity)).resolves.toEqual({
      identity,
      recipient: toBech32('age', x),
    });
  });

  it('accepts surrounding whitespace and lower case, returning the canonical form', async () => {
    await expect(
      parseAgeX25519Identity(`  ${IDENTITY.toLowerCase()}\n`),
    ).resolves.toEqual({
      identity: IDENTITY,
      recipient: RECIPIENT,
    });
  });

  it.each([
    ['a recipient', RECIPIENT, /is an age recipient/],
    [
      'a whole key file',
      `# created: x\n# public key: x\n${IDENTITY}`,
      /key file/,
    ],
    [
      'another format',
      'hunter2-not-a-key-but-a-password',
      /does not start with/,
    ],
    ['a bad checksum', `${IDENTITY.slice(0, -1)}Q`, /not valid bech32/],
    [
      'mixed case',
      `${IDENTITY.slice(0, 30)}${IDENTITY.slice(30).toLowerCase()}`,
      /not valid bech32/,
    ],
    [
      'a key of the wrong size',
      toBech32('age-secret-key-', new Uint8Array(31).fill(7)).toUpperCase(),
      /32-byte/,
    ],
  ])('rejects %s without echoing it', async (_, value, message) => {
    let error: Error | undefined;
    try {
      await parseAgeX25519Identity(value);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(value.trim().slice(16, 40));
    expect(error?.message.toUpperCase()).not.toContain(IDENTITY.slice(16, 40));
  });
});

describe('readLogsIdentity', () => {
  const humanitec = (logsIdentity?: string) =>
    new ConfigReader({ orgId: 'acme', token: 't', logsIdentity });

  it('is undefined when unset or blank', async () => {
    await expect(readLogsIdentity(humanitec())).resolves.toBeUndefined();
    await expect(readLogsIdentity(humanitec('  '))).resolves.toBeUndefined();
  });

  it('returns the identity and its recipient', async () => {
    await expect(readLogsIdentity(humanitec(IDENTITY))).resolves.toEqual({
      identity: IDENTITY,
      recipient: RECIPIENT,
    });
  });

  it('names the config key, never the value, when invalid', async () => {
    const broken = `${IDENTITY.slice(0, -1)}Q`;
    const error: Error = await readLogsIdentity(humanitec(broken)).catch(
      e => e,
    );
    expect(error.message).toContain(
      `Invalid ${LOGS_IDENTITY_CONFIG_KEY}: it is not valid bech32`,
    );
    expect(error.message).not.toContain(broken.slice(16));
  });
});

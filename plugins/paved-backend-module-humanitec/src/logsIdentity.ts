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
import { fromBech32, toBech32 } from '@exodus/bytes/bech32.js';
import { createPrivateKey, createPublicKey } from 'node:crypto';

/** The config key holding the age identity for deployment logs. */
export const LOGS_IDENTITY_CONFIG_KEY =
  'paved.orchestrators.humanitec.logsIdentity';

const IDENTITY_HRP = 'age-secret-key-';
const RECIPIENT_HRP = 'age';

// PKCS#8 PrivateKeyInfo for X25519 (RFC 8410) up to the 32 key bytes:
// SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.110 }, OCTET STRING { OCTET STRING (32) } }
const X25519_PKCS8_PREFIX = Buffer.from(
  '302e020100300506032b656e04220420',
  'hex',
);

/** An age X25519 identity and the recipient (public key) it decrypts for. */
export type AgeX25519Identity = {
  /** The identity in age's canonical form, `AGE-SECRET-KEY-1…` (upper case). */
  identity: string;
  /** The matching recipient, `age1…`. */
  recipient: string;
};

/**
 * Parses an age X25519 identity (`AGE-SECRET-KEY-1…`, as `age-keygen`
 * prints it) and derives its recipient (`age1…`).
 *
 * The identity is bech32 with the HRP `age-secret-key-` over the 32-byte
 * X25519 private scalar; the recipient is bech32 with the HRP `age` over the
 * X25519 public key (the scalar times the base point), computed here with
 * Node's crypto. Errors say what is wrong and never contain the value.
 */
export function parseAgeX25519Identity(value: string): AgeX25519Identity {
  const text = value.trim();
  if (/^age1/i.test(text) && !/^age-secret-key-/i.test(text)) {
    throw new Error(
      'it is an age recipient (public key, age1…); the private key (AGE-SECRET-KEY-1…) is needed',
    );
  }
  if (!/^AGE-SECRET-KEY-1/i.test(text)) {
    throw new Error(
      /\s/.test(text)
        ? 'it must be the single line AGE-SECRET-KEY-1… only, not a whole key file'
        : 'it does not start with AGE-SECRET-KEY-1',
    );
  }
  let decoded: { prefix: string; bytes: Uint8Array };
  try {
    decoded = fromBech32(text);
  } catch {
    // The decoder's own message is not passed on: keep the value out.
    throw new Error(
      'it is not valid bech32 (a character or the checksum is wrong, or the case is mixed)',
    );
  }
  if (decoded.prefix !== IDENTITY_HRP || decoded.bytes.length !== 32) {
    throw new Error('it does not hold a 32-byte X25519 key');
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([X25519_PKCS8_PREFIX, decoded.bytes]),
    format: 'der',
    type: 'pkcs8',
  });
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (!x) {
    throw new Error('its public key could not be derived');
  }
  return {
    identity: toBech32(IDENTITY_HRP, decoded.bytes).toUpperCase(),
    recipient: toBech32(RECIPIENT_HRP, Buffer.from(x, 'base64url')),
  };
}

/**
 * Reads `paved.orchestrators.humanitec.logsIdentity` (given the
 * `paved.orchestrators.humanitec` config). Undefined when unset or blank;
 * throws naming the key, never the value, when it is not an age identity.
 */
export function readLogsIdentity(config: {
  getOptionalString(key: string): string | undefined;
}): AgeX25519Identity | undefined {
  const value = config.getOptionalString('logsIdentity');
  if (value === undefined || !value.trim()) return undefined;
  try {
    return parseAgeX25519Identity(value);
  } catch (error) {
    throw new Error(
      `Invalid ${LOGS_IDENTITY_CONFIG_KEY}: ${
        (error as Error).message
      }. Expected an age X25519 identity, AGE-SECRET-KEY-1 followed by 58 characters, as printed by age-keygen.`,
    );
  }
}

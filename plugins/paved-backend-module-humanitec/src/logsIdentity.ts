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
import { fromBech32 } from '@exodus/bytes/bech32.js';
import { identityToRecipient } from 'age-encryption';

/** The config key holding the age identity for deployment logs. */
export const LOGS_IDENTITY_CONFIG_KEY =
  'paved.orchestrators.humanitec.logsIdentity';

const IDENTITY_HRP = 'age-secret-key-';

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
 * The identity is checked here first, so each error says what is wrong (the
 * bech32 decoder's and age's own messages can contain the value and are not
 * passed on); the recipient is derived by age's TypeScript implementation
 * (`age-encryption`, by age's author).
 */
export async function parseAgeX25519Identity(
  value: string,
): Promise<AgeX25519Identity> {
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
    throw new Error(
      'it is not valid bech32 (a character or the checksum is wrong, or the case is mixed)',
    );
  }
  if (decoded.prefix !== IDENTITY_HRP || decoded.bytes.length !== 32) {
    throw new Error('it does not hold a 32-byte X25519 key');
  }
  // age accepts only the canonical upper-case form.
  const identity = text.toUpperCase();
  try {
    return { identity, recipient: await identityToRecipient(identity) };
  } catch {
    throw new Error('its public key could not be derived');
  }
}

/**
 * Reads `paved.orchestrators.humanitec.logsIdentity` (given the
 * `paved.orchestrators.humanitec` config). Undefined when unset or blank;
 * rejects naming the key, never the value, when it is not an age identity.
 */
export async function readLogsIdentity(config: {
  getOptionalString(key: string): string | undefined;
}): Promise<AgeX25519Identity | undefined> {
  const value = config.getOptionalString('logsIdentity');
  if (value === undefined || !value.trim()) return undefined;
  try {
    return await parseAgeX25519Identity(value);
  } catch (error) {
    throw new Error(
      `Invalid ${LOGS_IDENTITY_CONFIG_KEY}: ${
        (error as Error).message
      }. Expected an age X25519 identity, AGE-SECRET-KEY-1 followed by 58 characters, as printed by age-keygen.`,
    );
  }
}

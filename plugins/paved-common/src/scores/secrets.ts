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

import { parsePlaceholders } from './placeholders';

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

/** What a redacted value or part of a value reads as. */
export const REDACTED = '<redacted>';

/** Literal text between placeholders that cannot be a secret. */
const SEPARATORS_ONLY = /^[\s:;,@/=._-]*$/;

/**
 * A value that holds a secret, with its literal parts redacted and its
 * placeholders kept: `${resources.db.password}` stays (it names where the
 * secret comes from), `hunter2` and `hunter2${resources.db.password}` do
 * not (`<redacted>` and `<redacted>${resources.db.password}`).
 *
 * @public
 */
export function redactSecretValue(value: string): string {
  if (!value) return value;
  const { placeholders } = parsePlaceholders(value);
  let out = '';
  let at = 0;
  const literal = (text: string) =>
    SEPARATORS_ONLY.test(text) ? text : REDACTED;
  for (const placeholder of placeholders) {
    out += literal(value.slice(at, placeholder.start)) + placeholder.raw;
    at = placeholder.end;
  }
  return out + literal(value.slice(at));
}

/** `scheme://user:password@` in a URL. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)([^\s@/]+)@/gi;
/** `NAME=value`, `--name=value`, `?name=value` and `&name=value`. */
const ASSIGNMENT = /(^|[\s'"?&;,])(-{0,2})([A-Za-z_][\w.-]*)=([^\s&;'"]+)/g;
/** `--name value`: a flag followed by its value. */
const FLAG_VALUE = /(^|\s)(-{1,2})([A-Za-z][\w.-]*)(\s+)([^\s-][^\s]*)/g;
/** `Bearer <token>` or `Basic <credentials>`, e.g. in a curl header. */
const AUTH_SCHEME = /\b(Bearer|Basic|Token)(\s+)([^\s'"]+)/g;

/**
 * Free text (a command line, a probe path, a connection string) with the
 * secrets it shows redacted: passwords in URLs, values of secret-looking
 * `NAME=value` assignments, query parameters and `--flags`, and
 * `Bearer`/`Basic` credentials. Placeholders stay.
 *
 * @public
 */
export function redactSecretsInText(text: string): string {
  return text
    .replace(
      URL_PASSWORD,
      (_, before: string, password: string) =>
        `${before}${redactSecretValue(password)}@`,
    )
    .replace(
      ASSIGNMENT,
      (match, before: string, dashes: string, name: string, value: string) =>
        isSecretLikeName(name)
          ? `${before}${dashes}${name}=${redactSecretValue(value)}`
          : match,
    )
    .replace(
      FLAG_VALUE,
      (
        match,
        before: string,
        dashes: string,
        name: string,
        space: string,
        value: string,
      ) =>
        isSecretLikeName(name)
          ? `${before}${dashes}${name}${space}${redactSecretValue(value)}`
          : match,
    )
    .replace(
      AUTH_SCHEME,
      (_, scheme: string, space: string, credentials: string) =>
        `${scheme}${space}${redactSecretValue(credentials)}`,
    );
}

/**
 * A command or its arguments with secrets redacted: each item as text, and
 * an item that follows a secret-looking flag (`--password`, `hunter2`).
 *
 * @public
 */
export function redactSecretArgs(args: string[]): string[] {
  return args.map((arg, i) => {
    const flag = /^-{1,2}([A-Za-z][\w.-]*)$/.exec(args[i - 1] ?? '');
    return flag && isSecretLikeName(flag[1])
      ? redactSecretValue(arg)
      : redactSecretsInText(arg);
  });
}

/**
 * Resource params (any depth) with secrets redacted: everything under a
 * secret-looking key keeps only its placeholders, and other strings are
 * redacted as text.
 *
 * @public
 */
export function redactSecretParams(
  value: unknown,
  underSecretKey: boolean = false,
): unknown {
  if (typeof value === 'string') {
    return underSecretKey
      ? redactSecretValue(value)
      : redactSecretsInText(value);
  }
  if (Array.isArray(value)) {
    return value.map(item => redactSecretParams(item, underSecretKey));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        redactSecretParams(item, underSecretKey || isSecretLikeName(key)),
      ]),
    );
  }
  // Numbers and booleans under a secret key are secrets too (a PIN).
  return underSecretKey && value !== null && value !== undefined
    ? REDACTED
    : value;
}

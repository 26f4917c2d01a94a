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
import { AuthenticationError } from '@backstage/errors';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the body as lower-case hex. */
export function hmacSha256Hex(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a `sha256=<hex>` style signature header. `prefix` is the part
 * before the hex digest. Errors never include the expected value.
 */
export function verifyHexSignature(options: {
  value: string | undefined;
  headerName: string;
  prefix: string;
  secret: string;
  body: Buffer;
}): void {
  const { value, headerName, prefix, secret, body } = options;
  if (!value) {
    throw new AuthenticationError(`Missing ${headerName} signature header`);
  }
  const expected = `${prefix}${hmacSha256Hex(secret, body)}`;
  // Senders rotating secrets may send several comma-separated signatures.
  const candidates = value.split(',').map(v => v.trim());
  if (!candidates.some(candidate => safeEqual(candidate, expected))) {
    throw new AuthenticationError(
      `${headerName} does not match the body: wrong secret, or the body was changed`,
    );
  }
}

/** Checks a shared token header in constant time. */
export function verifyToken(options: {
  value: string | undefined;
  headerName: string;
  secret: string;
}): void {
  if (!options.value) {
    throw new AuthenticationError(`Missing ${options.headerName} header`);
  }
  if (!safeEqual(options.value, options.secret)) {
    throw new AuthenticationError(
      `${options.headerName} is not the configured token`,
    );
  }
}

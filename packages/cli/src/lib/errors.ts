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

/**
 * Adds the backend's own error message (a 400 naming the field, a 403
 * naming the permission) to a failed request.
 */
export async function withBackendMessage<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    const message = (error as { body?: { error?: { message?: string } } }).body
      ?.error?.message;
    if (message && !(error as Error).message.includes(message)) {
      throw new Error(`${(error as Error).message}: ${message}`);
    }
    throw error;
  }
}

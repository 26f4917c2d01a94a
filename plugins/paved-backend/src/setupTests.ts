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

// Most tests start a real test backend (every Paved feature, its migrations
// and scheduled tasks) on SQLite and PostgreSQL; on a loaded 2-core machine
// that alone can take longer than Jest's default 5 s. This bounds a hung
// test, it measures nothing.
jest.setTimeout(60_000);

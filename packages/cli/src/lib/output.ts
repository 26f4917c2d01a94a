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
 * Characters a terminal acts on rather than prints: C0 controls except tab
 * and newline (ESC starts escape sequences that can move the cursor,
 * rewrite earlier lines, set the window title or write to the clipboard;
 * CR overwrites a line), DEL, the C1 controls (U+009B is a one-character
 * CSI on some terminals) and the bidirectional overrides that reorder what
 * is shown. Server-provided text (survey comments, deployment messages,
 * entity titles, error messages) could carry any of them.
 */
const TERMINAL_CONTROLS =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text without terminal control characters. */
export function stripTerminalControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, '');
}

/** Writes text for people to stdout, without terminal control characters. */
export function printOut(text: string): void {
  process.stdout.write(stripTerminalControls(text));
}

/** Writes text for people to stderr, without terminal control characters. */
export function printErr(text: string): void {
  process.stderr.write(stripTerminalControls(text));
}

/**
 * Writes a value as indented JSON. JSON.stringify escapes C0 controls
 * already; the others are escaped too (`\u009b`), so the JSON keeps the
 * server's text exactly and a terminal shows it harmlessly.
 */
export function printJson(value: unknown): void {
  const json = JSON.stringify(value, null, 2).replace(
    TERMINAL_CONTROLS,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  process.stdout.write(`${json}\n`);
}

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
 * Longest comment the API accepts, in characters (Unicode code points)
 * after clean-up.
 *
 * @public
 */
export const SURVEY_COMMENT_MAX_LENGTH = 2000;

// C0 controls except tab (\u0009) and newline (\u000a), DEL, C1 controls,
// and the bidirectional overrides/isolates that can make text display
// differently from what it says.
const UNWANTED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Cleans a free-text answer: line endings become `\n`, control characters
 * other than newline and tab are removed, surrounding whitespace is trimmed.
 * An empty result is `undefined`. The text stays plain text: it is never
 * interpreted as HTML or Markdown anywhere in Paved.
 *
 * @public
 */
export function sanitizeSurveyComment(
  text: string | undefined | null,
): string | undefined {
  if (text === undefined || text === null) return undefined;
  const cleaned = String(text)
    .replace(/\r\n?/g, '\n')
    .replace(UNWANTED, '')
    .trim();
  return cleaned.length > 0 ? cleaned : undefined;
}

/**
 * Length of a comment as the limit counts it (code points, so an emoji is
 * one character).
 *
 * @public
 */
export function surveyCommentLength(text: string): number {
  return [...text].length;
}

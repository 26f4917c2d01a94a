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
import Typography from '@material-ui/core/Typography';
import { DoraCommitCoverage as Coverage } from '@paved/plugin-paved-common';

/** "Commit ranges complete for 3 of 4 deployments (75 %)", with what it means. */
export function coverageText(coverage: Coverage): string | undefined {
  if (!coverage.deployments || coverage.ratio === null) return undefined;
  const percent = Math.round(coverage.ratio * 100);
  const of = `${coverage.complete} of ${coverage.deployments} deployment${
    coverage.deployments === 1 ? '' : 's'
  } (${percent} %)`;
  return coverage.complete === coverage.deployments
    ? `Commit ranges complete for ${of}.`
    : `Commit ranges complete for ${of}; lead time counts the other deployments' commits only as far as they are known.`;
}

/**
 * How many of the window's deployments have a complete commit range (the
 * commits since the previous production deployment), so a lead time built
 * on partial ranges says so.
 */
export const DoraCommitCoverage = ({ coverage }: { coverage: Coverage }) => {
  const text = coverageText(coverage);
  if (!text) return null;
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="p"
      aria-label="Commit range coverage"
    >
      {text}
    </Typography>
  );
};

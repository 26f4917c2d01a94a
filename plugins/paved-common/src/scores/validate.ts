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

import { validateWithoutPositions } from './fastPath';
import { parseScoreFile } from './parse';
import { formatScorePath, sortProblems } from './paths';
import { scoreResourceUid } from './resourceUid';
import { validateAgainstSchema } from './schemaValidation';
import { checkWorkload, findCycles } from './semantics';
import {
  ParsedScoreFile,
  ScoreDocument,
  ScoreParseOptions,
  ScoreProblem,
  ScoreProblemCode,
  ScoreValidationResult,
  ScoreWorkload,
} from './types';

interface Entry {
  doc: ScoreDocument;
  workload: ScoreWorkload;
  failed: boolean;
  resourceEdges: Map<string, string[]>;
}

function problemAt(
  doc: ScoreDocument,
  path: Array<string | number>,
  message: string,
  code: ScoreProblemCode,
  options: { key?: boolean; needle?: string; severity?: 'error' | 'warning' },
): ScoreProblem {
  const pos = doc.locate(path, { key: options.key, needle: options.needle });
  return {
    file: doc.file,
    line: pos.line,
    column: pos.column,
    path: formatScorePath(path),
    message,
    code,
    severity: options.severity ?? 'error',
  };
}

function where(doc: ScoreDocument, path: Array<string | number>): string {
  const pos = doc.locate(path);
  return `${doc.file}:${pos.line}:${pos.column}`;
}

/** JSON with sorted keys, to compare shared resource declarations. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );
}

/**
 * Validates parsed Score files together: the Score JSON schema for each
 * workload, then the semantic checks of the Score tools, then the checks
 * across files (duplicate workload names, shared resources declared
 * differently, resource param cycles through shared resources, service-port
 * targets). Every problem of every file is returned; `workloads` holds only
 * the workloads without errors.
 *
 * @public
 */
export function validateScoreFiles(
  files: ParsedScoreFile[],
): ScoreValidationResult {
  const problems: ScoreProblem[] = files.flatMap(f => f.problems);
  const entries: Entry[] = [];

  for (const file of files) {
    for (const doc of file.documents) {
      const data = doc.value as Record<string, unknown>;
      const schemaIssues = validateAgainstSchema(data);
      for (const issue of schemaIssues) {
        problems.push(
          problemAt(doc, issue.path, issue.message, 'schema', {
            key: issue.key,
          }),
        );
      }
      if (schemaIssues.length) {
        // The semantic checks still run so that one pass reports every
        // problem. They are written for schema-valid data, so on a shape they
        // do not expect only their findings are lost: the schema problems
        // above already make the file invalid.
        try {
          for (const issue of checkWorkload(data as unknown as ScoreWorkload)
            .issues) {
            problems.push(
              problemAt(doc, issue.path, issue.message, issue.code, issue),
            );
          }
        } catch {
          // see above
        }
        continue;
      }
      const workload = data as unknown as ScoreWorkload;
      const { issues, resourceEdges } = checkWorkload(workload);
      for (const issue of issues) {
        problems.push(
          problemAt(doc, issue.path, issue.message, issue.code, issue),
        );
      }
      entries.push({
        doc,
        workload,
        failed: issues.some(i => i.severity === 'error'),
        resourceEdges,
      });
    }
  }

  // Workload names must be unique, as score-compose and score-k8s require.
  const byName = new Map<string, Entry>();
  for (const entry of entries) {
    const name = entry.workload.metadata.name;
    const first = byName.get(name);
    if (first) {
      entry.failed = true;
      problems.push(
        problemAt(
          entry.doc,
          ['metadata', 'name'],
          `workload name "${name}" is already used by the workload at ${where(
            first.doc,
            ['metadata', 'name'],
          )}; workload names must be unique`,
          'duplicate-workload',
          {},
        ),
      );
    } else {
      byName.set(name, entry);
    }
  }
  const unique = [...byName.values()];

  // A resource with an id is one resource shared by every workload declaring
  // it; score-go refuses differing params or metadata between declarations.
  const shared = new Map<string, { entry: Entry; name: string }>();
  const uidOwner = new Map<string, { entry: Entry; name: string }>();
  for (const entry of unique) {
    const wName = entry.workload.metadata.name;
    for (const [rName, res] of Object.entries(entry.workload.resources ?? {})) {
      const uid = scoreResourceUid(wName, rName, res);
      if (!uidOwner.has(uid)) {
        uidOwner.set(uid, { entry, name: rName });
      }
      if (res.id === undefined) {
        continue;
      }
      const first = shared.get(uid);
      if (!first) {
        shared.set(uid, { entry, name: rName });
        continue;
      }
      const firstRes = first.entry.workload.resources![first.name];
      for (const field of ['params', 'metadata'] as const) {
        if (
          res[field] !== undefined &&
          firstRes[field] !== undefined &&
          canonical(res[field]) !== canonical(firstRes[field])
        ) {
          entry.failed = true;
          problems.push(
            problemAt(
              entry.doc,
              ['resources', rName, field],
              `shared resource ${uid} is declared with different ${field} at ${where(
                first.entry.doc,
                ['resources', first.name, field],
              )}; every declaration of a shared resource must agree`,
              'resource-conflict',
              { key: true },
            ),
          );
        }
      }
    }
  }

  // Resource params may use other resources' outputs; score-go provisions
  // resources in dependency order and fails on cycles.
  const graph = new Map<string, string[]>();
  for (const entry of unique) {
    const wName = entry.workload.metadata.name;
    const resources = entry.workload.resources ?? {};
    for (const [rName, targets] of entry.resourceEdges) {
      const uid = scoreResourceUid(wName, rName, resources[rName]);
      const edges = graph.get(uid) ?? [];
      for (const target of targets) {
        edges.push(scoreResourceUid(wName, target, resources[target]));
      }
      graph.set(uid, edges);
    }
  }
  for (const cycle of findCycles(graph)) {
    const owner = uidOwner.get(cycle[0])!;
    owner.entry.failed = true;
    problems.push(
      problemAt(
        owner.entry.doc,
        ['resources', owner.name, 'params'],
        `resource params reference each other in a cycle: ${[
          ...cycle,
          cycle[0],
        ].join(' -> ')}`,
        'resource-cycle',
        { key: true },
      ),
    );
  }

  // service-port must name a declared port when the target is known here.
  for (const entry of unique) {
    for (const [rName, res] of Object.entries(entry.workload.resources ?? {})) {
      if (res.type !== 'service-port') continue;
      const target = byName.get(String(res.params?.workload));
      const port = res.params?.port;
      if (target && typeof port === 'string') {
        const ports = Object.keys(target.workload.service?.ports ?? {});
        if (!ports.includes(port)) {
          entry.failed = true;
          problems.push(
            problemAt(
              entry.doc,
              ['resources', rName, 'params', 'port'],
              `workload "${
                target.workload.metadata.name
              }" has no service port "${port}" (ports: ${
                ports.join(', ') || 'none'
              })`,
              'resource-params',
              {},
            ),
          );
        }
      }
    }
  }

  return {
    workloads: entries
      .filter(e => !e.failed)
      .map(e => ({
        file: e.doc.file,
        documentIndex: e.doc.index,
        workload: e.workload,
      })),
    problems: sortProblems(problems),
  };
}

/**
 * Parses and validates a set of Score files in one go.
 *
 * @public
 */
export function loadScoreFiles(
  inputs: Array<{ file: string; content: string }>,
  options: ScoreParseOptions = {},
): ScoreValidationResult {
  return (
    validateWithoutPositions(inputs, options, validateScoreFiles) ??
    validateScoreFiles(
      inputs.map(i => parseScoreFile(i.file, i.content, options)),
    )
  );
}

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

import { parseScoreFile } from './parse';
import { formatScoreProblem } from './paths';
import { loadScoreFiles } from './validate';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const messages = (file: string, content: string) =>
  parseScoreFile(file, content).problems.map(formatScoreProblem);

describe('parseScoreFile', () => {
  it('parses several documents and locates paths in each', () => {
    const parsed = parseScoreFile(
      'score.yaml',
      lines(
        'apiVersion: score.dev/v1b1',
        'metadata: {name: one}',
        'containers: {main: {image: a}}',
        '---',
        'apiVersion: score.dev/v1b1',
        'metadata:',
        '  name: two',
        'containers:',
        '  main:',
        '    image: "b"',
        '---',
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect(
      parsed.documents.map(d => [d.index, (d.value as any).metadata.name]),
    ).toEqual([
      [0, 'one'],
      [1, 'two'],
    ]);
    const second = parsed.documents[1];
    expect(second.locate(['containers', 'main', 'image'])).toEqual({
      line: 10,
      column: 12,
    });
    expect(second.locate(['containers', 'main'], { key: true })).toEqual({
      line: 9,
      column: 3,
    });
    // unknown tail segments fall back to the deepest known node
    expect(second.locate(['containers', 'main', 'nope'])).toEqual({
      line: 10,
      column: 5,
    });
  });

  it('upgrades the deprecated array forms like score-go and points at the original items', () => {
    const parsed = parseScoreFile(
      'old.yaml',
      lines(
        'apiVersion: score.dev/v1b1',
        'metadata: {name: old}',
        'containers:',
        '  main:',
        '    image: nginx',
        '    files:',
        '      - target: /etc/a.conf',
        '        content: ["line 1", "line 2"]',
        '      - target: /etc/b.conf',
        '        source: b.conf',
        '    volumes:',
        '      - target: /data',
        '        source: vol',
        '        read_only: true',
      ),
    );
    const main = (parsed.documents[0].value as any).containers.main;
    expect(main.files).toEqual({
      '/etc/a.conf': { content: 'line 1\nline 2' },
      '/etc/b.conf': { source: 'b.conf' },
    });
    expect(main.volumes).toEqual({
      '/data': { source: 'vol', readOnly: true },
    });
    expect(parsed.problems.map(formatScoreProblem)).toEqual([
      'old.yaml:8:18 containers.main.files[0].content: warning: file content written as an array of lines is deprecated; it was joined with newlines, use a string (for example a `|` block) instead',
      'old.yaml:6:5 containers.main.files: warning: files written as an array is deprecated; it was read as a map keyed by target path. Write it as "files: { <target path>: { ... } }"',
      'old.yaml:14:9 containers.main.volumes[0].read_only: warning: read_only is deprecated, use readOnly',
      'old.yaml:11:5 containers.main.volumes: warning: volumes written as an array is deprecated; it was read as a map keyed by target path. Write it as "volumes: { <target path>: { ... } }"',
    ]);
    expect(
      parsed.documents[0].locate([
        'containers',
        'main',
        'files',
        '/etc/b.conf',
        'source',
      ]),
    ).toEqual({ line: 10, column: 17 });
  });

  it('reports deprecated items without a target or with a duplicated one', () => {
    expect(
      messages(
        'old.yaml',
        lines(
          'apiVersion: score.dev/v1b1',
          'metadata: {name: old}',
          'containers:',
          '  main:',
          '    image: nginx',
          '    files:',
          '      - content: no target',
          '      - {target: /a, content: x}',
          '      - {target: /a, content: y}',
        ),
      ).filter(m => !m.includes('warning')),
    ).toEqual([
      'old.yaml:7:9 containers.main.files[0]: target is missing or is not a string; items of the deprecated files array need a target path',
      'old.yaml:9:18 containers.main.files[2].target: target "/a" is used by more than one item of files',
    ]);
  });

  it('refuses files over the size limit before parsing', () => {
    const big = `a: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
    const started = Date.now();
    expect(messages('big.yaml', big)).toEqual([
      'big.yaml:1:1 file is 10485766 bytes, more than the limit of 1048576 bytes for Score files',
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(
      parseScoreFile('small.yaml', 'ä: 1\n', { maxBytes: 5 }).problems[0].code,
    ).toBe('file-too-large');
  });

  it('stops alias bombs ("billion laughs")', () => {
    const bomb = lines(
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    );
    expect(messages('bomb.yaml', bomb)).toEqual([
      'bomb.yaml:2:8 YAML aliases expand to too many nodes (limit 100); this looks like an alias bomb',
    ]);
  });

  it('accepts a few aliases', () => {
    const parsed = parseScoreFile(
      'ok.yaml',
      lines(
        'apiVersion: score.dev/v1b1',
        'metadata: {name: ok}',
        'containers:',
        '  a: &c {image: nginx}',
        '  b: *c',
      ),
    );
    expect(parsed.problems).toEqual([]);
    expect((parsed.documents[0].value as any).containers.b).toEqual({
      image: 'nginx',
    });
  });

  it.each([
    ['!!js/function "function () {}"', '!!js/function'],
    ['!!binary aGVsbG8=', '!!binary'],
    ['!!set {a, b}', '!!set'],
    ['!custom thing', '!custom'],
  ])('refuses the YAML tag in %s', (value, tag) => {
    expect(messages('t.yaml', `apiVersion: ${value}\n`)).toEqual([
      `t.yaml:1:13 YAML tag ${tag} is not allowed; Score files may only use plain YAML values (strings, numbers, booleans, null, mappings and sequences)`,
    ]);
  });

  it('refuses deep nesting, from the limit and from a huge flow nest', () => {
    const nested = (depth: number) =>
      `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    expect(messages('d.yaml', nested(70))).toEqual([
      'd.yaml:1:67 YAML is nested more than 64 levels deep',
    ]);
    const huge = messages('d.yaml', nested(100000));
    expect(huge).toHaveLength(1);
    expect(huge[0]).toMatch(/nested/);
  });

  it('reports YAML syntax errors and duplicate keys with positions', () => {
    expect(
      messages(
        's.yaml',
        lines(
          'apiVersion: score.dev/v1b1',
          'metadata:',
          '  name: a',
          '  name: b',
        ),
      ),
    ).toEqual(['s.yaml:4:3 Map keys must be unique']);
    expect(messages('s.yaml', 'a: [1, 2\n')[0]).toMatch(/^s\.yaml:\d+:\d+ /);
  });

  it('reports empty files and documents that are not mappings', () => {
    expect(messages('e.yaml', '')).toEqual([
      'e.yaml:1:1 file contains no Score workload',
    ]);
    expect(messages('e.yaml', '# only a comment\n---\n')).toEqual([
      'e.yaml:1:1 file contains no Score workload',
    ]);
    expect(messages('l.yaml', '- a\n- b\n')).toEqual([
      'l.yaml:1:1 a Score workload must be a YAML mapping, got a sequence',
    ]);
  });

  it('never throws on arbitrary input', () => {
    const samples = [
      '{',
      ']]]',
      '"',
      '\t\t- a',
      '? ? ?',
      '&a *a',
      '*nope',
      ': :',
      '%YAML 9.9\n---\na',
    ];
    for (const sample of samples) {
      expect(() =>
        loadScoreFiles([{ file: 'x.yaml', content: sample }]),
      ).not.toThrow();
      expect(
        loadScoreFiles([{ file: 'x.yaml', content: sample }]).problems.length,
      ).toBeGreaterThan(0);
    }
  });
});

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
import {
  AUTOMATION_CHECKS,
  AutomationCheckId,
  evaluateAutomationChecks,
} from './checks';
import { COMPLEXITY_FACTORS, computeComplexity } from './complexity';
import { goldenPathDeviations } from './deviations';
import { EntityFacts } from './facts';

/** A component that passes every check: a golden-path service in good shape. */
function paved(): EntityFacts {
  return {
    catalog: {
      title: 'Checkout',
      type: 'service',
      owner: 'group:default/shop',
      hasScoreFile: true,
      scoreErrors: 0,
      containers: 1,
      variables: 6,
      scoreResources: 2,
      goldenPath: {
        status: 'current',
        template: 'paved-typescript-service',
        version: '1.0.0',
        currentVersion: '1.0.0',
      },
      overrides: [],
      dependencies: 2,
      resourcesOutsideScore: [],
    },
    repository: {
      status: 'read',
      ciFiles: ['.github/workflows/ci.yaml'],
      testCommands: ['npm test'],
    },
    ledger: {
      windowDays: 30,
      deployments: 10,
      automatedDeployments: 10,
      manualDeployments: 0,
      productionDeployments: 4,
      environments: ['development', 'production'],
      lastDeploymentAt: '2026-11-20T10:00:00.000Z',
    },
  };
}

type Patch = {
  catalog?: Partial<EntityFacts['catalog']>;
  repository?: Partial<EntityFacts['repository']>;
  ledger?: Partial<EntityFacts['ledger']>;
};
const facts = (patch: Patch = {}): EntityFacts => {
  const base = paved();
  return {
    catalog: { ...base.catalog, ...patch.catalog },
    repository: { ...base.repository, ...patch.repository },
    ledger: { ...base.ledger, ...patch.ledger },
  };
};

const check = (f: EntityFacts, id: AutomationCheckId) =>
  evaluateAutomationChecks(f).checks.find(c => c.id === id)!;

describe('automation checks', () => {
  it('weights add up to 100 and every check documents a fix', () => {
    expect(AUTOMATION_CHECKS.reduce((s, c) => s + c.weight, 0)).toBe(100);
    for (const c of AUTOMATION_CHECKS) {
      expect(c.fix.length).toBeGreaterThan(20);
      expect(c.factIds.length).toBeGreaterThan(0);
    }
  });

  it('a golden-path service in good shape passes every check and scores 100', () => {
    const score = evaluateAutomationChecks(facts());
    expect(score.checks.map(c => [c.id, c.status])).toEqual([
      ['ci-workflow', 'passed'],
      ['tests-in-ci', 'passed'],
      ['deploys-automated', 'passed'],
      ['resources-from-score', 'passed'],
      ['no-overrides', 'passed'],
    ]);
    expect(score.score).toBe(100);
    expect(score.checks.every(c => c.fix === undefined)).toBe(true);
  });

  describe('ci-workflow', () => {
    it('passes and names the files', () => {
      expect(check(facts(), 'ci-workflow').reason).toBe(
        'found .github/workflows/ci.yaml',
      );
    });
    it('fails without CI files, with the fix', () => {
      const c = check(
        facts({ repository: { ciFiles: [], testCommands: [] } }),
        'ci-workflow',
      );
      expect(c).toMatchObject({
        status: 'failed',
        reason: 'no CI configuration in the repository',
      });
      expect(c.fix).toMatch(/Add a CI workflow/);
    });
    it('fails with the reason when the repository cannot be read', () => {
      expect(
        check(
          facts({
            repository: {
              status: 'unavailable',
              detail: 'it has no backstage.io/managed-by-location',
              ciFiles: [],
              testCommands: [],
            },
          }),
          'ci-workflow',
        ).reason,
      ).toBe(
        'no repository Paved can read: it has no backstage.io/managed-by-location',
      );
      expect(
        check(
          facts({
            repository: {
              status: 'error',
              detail: '403 Forbidden',
              ciFiles: [],
              testCommands: [],
            },
          }),
          'tests-in-ci',
        ),
      ).toMatchObject({
        status: 'failed',
        reason: 'the repository could not be read: 403 Forbidden',
      });
    });
  });

  describe('tests-in-ci', () => {
    it('passes with the command it found', () => {
      expect(check(facts(), 'tests-in-ci').reason).toBe('CI runs `npm test`');
    });
    it('fails when CI runs no tests', () => {
      expect(
        check(facts({ repository: { testCommands: [] } }), 'tests-in-ci'),
      ).toMatchObject({
        status: 'failed',
        reason: 'no test command in .github/workflows/ci.yaml',
      });
    });
    it('fails when there is no CI at all', () => {
      expect(
        check(
          facts({ repository: { ciFiles: [], testCommands: [] } }),
          'tests-in-ci',
        ).reason,
      ).toBe('there is no CI configuration');
    });
  });

  describe('deploys-automated', () => {
    it('passes at 80 % automated deployments', () => {
      expect(
        check(
          facts({
            ledger: {
              deployments: 5,
              automatedDeployments: 4,
              manualDeployments: 1,
            },
          }),
          'deploys-automated',
        ),
      ).toMatchObject({
        status: 'passed',
        reason: '4 of 5 deployments in the last 30 days were automated',
      });
    });
    it('fails below 80 %, counting the hand-recorded ones', () => {
      expect(
        check(
          facts({
            ledger: {
              deployments: 4,
              automatedDeployments: 3,
              manualDeployments: 1,
            },
          }),
          'deploys-automated',
        ),
      ).toMatchObject({
        status: 'failed',
        reason:
          '3 of 4 deployments in the last 30 days were automated; 1 was recorded by hand',
      });
    });
    it('fails without deployments', () => {
      expect(
        check(
          facts({
            ledger: {
              deployments: 0,
              automatedDeployments: 0,
              manualDeployments: 0,
            },
          }),
          'deploys-automated',
        ).reason,
      ).toBe('no deployments recorded in the last 30 days');
    });
  });

  describe('resources-from-score', () => {
    it('fails without a Score file', () => {
      expect(
        check(
          facts({ catalog: { hasScoreFile: false } }),
          'resources-from-score',
        ).reason,
      ).toBe('the component has no Score file');
    });
    it('fails when the catalog reports Score problems', () => {
      expect(
        check(facts({ catalog: { scoreErrors: 2 } }), 'resources-from-score')
          .reason,
      ).toBe('the catalog reports 2 problems with the Score file');
    });
    it('fails for hand-declared resource dependencies', () => {
      expect(
        check(
          facts({
            catalog: { resourcesOutsideScore: ['resource:default/legacy-db'] },
          }),
          'resources-from-score',
        ).reason,
      ).toBe(
        'depends on resource:default/legacy-db, not declared in the Score file',
      );
    });
    it('passes with all resources in Score, or none needed', () => {
      expect(check(facts(), 'resources-from-score').reason).toBe(
        'the Score file declares every resource it depends on (2 resources)',
      );
      expect(
        check(facts({ catalog: { scoreResources: 0 } }), 'resources-from-score')
          .status,
      ).toBe('passed');
    });
  });

  describe('no-overrides', () => {
    it('fails and lists the overridden defaults', () => {
      expect(
        check(
          facts({
            catalog: {
              overrides: ['containers.main.resources.limits.memory'],
            },
          }),
          'no-overrides',
        ),
      ).toMatchObject({
        status: 'failed',
        reason: 'overrode 1 default: containers.main.resources.limits.memory',
      });
    });
    it('does not apply without a golden path, and leaves the score fair', () => {
      const f = facts({ catalog: { goldenPath: { status: 'none' } } });
      const score = evaluateAutomationChecks(f);
      expect(score.checks.find(c => c.id === 'no-overrides')).toMatchObject({
        status: 'not-applicable',
        reason: 'not created from a golden path',
      });
      expect(score.applicableWeight).toBe(85);
      expect(score.score).toBe(100);
    });
  });

  it('scores the passed weight out of the applicable weight', () => {
    // Fails ci-workflow (20) and tests-in-ci (20): 60 of 100.
    expect(
      evaluateAutomationChecks(
        facts({ repository: { ciFiles: [], testCommands: [] } }),
      ).score,
    ).toBe(60);
    // Without a golden path, failing deploys-automated (25): 60 of 85 = 71.
    expect(
      evaluateAutomationChecks(
        facts({
          catalog: { goldenPath: { status: 'none' } },
          ledger: { deployments: 0, automatedDeployments: 0 },
        }),
      ).score,
    ).toBe(71);
  });
});

describe('complexity score', () => {
  it('weights add up to 100', () => {
    expect(COMPLEXITY_FACTORS.reduce((s, f) => s + f.weight, 0)).toBe(100);
  });

  it('adds each factor in proportion to its saturation', () => {
    const result = computeComplexity(facts());
    const points = Object.fromEntries(
      result.factors.map(f => [f.id, [f.value, f.points]]),
    );
    expect(points).toEqual({
      containers: [1, 3.8], // 15 × 1/4
      resources: [2, 5], // 20 × 2/8
      variables: [6, 3], // 15 × 6/30
      environments: [2, 5], // 15 × 2/6
      overrides: [0, 0],
      dependencies: [2, 4], // 20 × 2/10
    });
    expect(result.score).toBe(21);
  });

  it('saturates at 100 for a sprawling workload', () => {
    const result = computeComplexity(
      facts({
        catalog: {
          containers: 9,
          scoreResources: 20,
          variables: 80,
          overrides: ['a', 'b', 'c', 'd', 'e', 'f'],
          dependencies: 30,
        },
        ledger: { environments: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] },
      }),
    );
    expect(result.score).toBe(100);
  });

  it('is 0 for a component with nothing in it', () => {
    expect(
      computeComplexity(
        facts({
          catalog: {
            containers: 0,
            scoreResources: 0,
            variables: 0,
            dependencies: 0,
          },
          ledger: { environments: [] },
        }),
      ).score,
    ).toBe(0);
  });
});

describe('golden-path deviations', () => {
  it('none for a component on the golden path', () => {
    const f = facts();
    expect(goldenPathDeviations(f, evaluateAutomationChecks(f))).toEqual([]);
  });

  it('counts every way off the path, each once', () => {
    const f = facts({
      catalog: {
        goldenPath: {
          status: 'outdated',
          template: 'paved-typescript-service',
          version: '1.0.0',
          currentVersion: '1.2.0',
        },
        overrides: [
          'containers.main.resources.limits.memory',
          'service.ports.http.port',
        ],
        hasScoreFile: false,
      },
      repository: { testCommands: [] },
    });
    const deviations = goldenPathDeviations(f, evaluateAutomationChecks(f));
    expect(deviations.map(d => d.code)).toEqual([
      'template-outdated',
      'default-overridden',
      'default-overridden',
      'no-score',
      'check-failed',
    ]);
    expect(deviations[0].message).toBe(
      'created from paved-typescript-service@1.0.0; the template is at 1.2.0',
    );
    expect(deviations[4].message).toBe(
      'Tests run in CI: no test command in .github/workflows/ci.yaml',
    );
  });

  it('names a component that did not come from a golden path', () => {
    const f = facts({ catalog: { goldenPath: { status: 'none' } } });
    expect(goldenPathDeviations(f, evaluateAutomationChecks(f))).toEqual([
      { code: 'no-golden-path', message: 'not created from a golden path' },
    ]);
  });
});

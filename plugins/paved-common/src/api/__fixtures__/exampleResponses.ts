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
import { PavedInfo } from '../../types';
import {
  AdoptionRefreshResult,
  AdoptionReport,
  EntityScores,
  PageViewsRecorded,
} from '../../adoption/types';
import {
  CreateOrchestratorProjectResult,
  Deployment,
  DeploymentLogs,
  Incident,
  OrchestratorDeployResult,
  OrchestratorEnvironmentInfo,
  Preview,
  RecordDeploymentResult,
  RecordIncidentResult,
} from '../../deployments/types';
import {
  DoraMetric,
  DoraOrganisationReport,
  DoraReport,
} from '../../dora/types';
import { GoldenPathDriftReport } from '../../goldenPaths/types';
import { SloReport } from '../../slos/types';
import { platformReport } from './platformReport';
import { feedbackExampleResponses } from './feedbackExamples';
import { roadmapExampleResponses } from './roadmapExamples';
import { EntityPavedSummary } from '../../entitySummary/types';
import {
  SurveyAnswerReceipt,
  SurveyResults,
  SurveySummary,
} from '../../surveys/types';

/*
 * Answers of the Paved API as the backend gives them, one per operation of
 * the OpenAPI document, for the contract test. They are typed with the
 * package's types and validated against the response schemas, so a change
 * to either that the other does not follow fails.
 */

const info: PavedInfo = {
  version: '0.1.0',
  providers: [
    {
      id: 'humanitec',
      title: 'Humanitec',
      type: 'platform-orchestrator',
      sync: {
        lastRunAt: '2026-12-06T09:58:00.000Z',
        deployments: 12,
        error:
          '1 item(s) failed and will be retried: project checkout: Humanitec GET /orgs/acme/projects/checkout/environments answered 403',
        failingItems: 1,
      },
    },
  ],
  database: 'postgres',
  installedAt: '2026-01-05T09:00:00.000Z',
  demoData: false,
};

const survey: SurveySummary = {
  ref: 'survey:default/paved-platform-nps',
  namespace: 'default',
  name: 'paved-platform-nps',
  title: 'Platform NPS',
  question: 'How likely are you to recommend the platform to a colleague?',
  followUp: 'What should we improve first?',
  subject: 'platform',
  audience: { type: 'groups', groups: ['group:default/team-a'] },
  period: 'quarterly',
  currentPeriod: '2026-Q1',
  minimumAnswers: 5,
  open: true,
  openSource: 'definition',
  demo: false,
  answered: false,
  inAudience: true,
};

const surveyResults: SurveyResults = {
  survey: {
    ...survey,
    audience: { type: 'owners', filter: { kind: ['Component', 'System'] } },
  },
  audienceSize: 12,
  periods: [
    { period: '2025-Q4', demo: false, tooFewAnswers: true },
    {
      period: '2026-Q1',
      demo: false,
      tooFewAnswers: false,
      responses: 6,
      promoters: 3,
      passives: 2,
      detractors: 1,
      nps: 33,
      responseRate: 0.5,
      comments: ['Faster builds, please.'],
    },
  ],
};

const receipt: SurveyAnswerReceipt = {
  survey: 'survey:default/paved-platform-nps',
  period: '2026-Q1',
  changed: false,
};

const deployment: Deployment = {
  id: '6f1c2a8e-3b9d-4c1e-9a57-0d3e8b2f4c11',
  source: 'github',
  externalId: '1234567',
  entityRef: 'component:default/checkout',
  subject: 'github.com/project-slug=acme/checkout',
  environment: 'production',
  production: true,
  version: 'v1.4.2',
  commitSha: '9fceb02d0ae598e95dc970b74767f19372d61af8',
  status: 'success',
  startedAt: '2026-02-02T10:00:00.000Z',
  finishedAt: '2026-02-02T10:04:30.000Z',
  url: 'https://github.com/acme/checkout/actions/runs/1234567',
  changes: [
    {
      sha: '9fceb02d0ae598e95dc970b74767f19372d61af8',
      author: 'octocat',
      authoredAt: '2026-02-01T16:20:00.000Z',
      committedAt: '2026-02-01T16:21:00.000Z',
      message: 'Retry payment captures once',
    },
  ],
};

const recordedDeployment: RecordDeploymentResult = {
  deployment: { ...deployment, source: 'api', externalId: 'run-42' },
  created: true,
};

const logs: DeploymentLogs = {
  lines: [
    {
      timestamp: '2026-02-02T10:00:01Z',
      level: 'info',
      message: 'Deployment started',
    },
    { message: 'Workload checkout is ready' },
  ],
};

const incident: Incident = {
  id: '0b7d3c9e-6f41-4a2b-8e15-2c9f7a6d1e30',
  source: 'pagerduty',
  externalId: 'PD-123',
  entityRef: 'component:default/checkout',
  title: 'Checkout errors above 5 %',
  severity: 'high',
  status: 'resolved',
  openedAt: '2026-02-02T11:00:00.000Z',
  resolvedAt: '2026-02-02T11:45:00.000Z',
  deploymentId: deployment.id,
};

const recordedIncident: RecordIncidentResult = { incident, created: true };

const trendMetric = (
  value: number | null,
  unit: DoraMetric['unit'],
  band: DoraMetric['band'],
): DoraMetric => ({
  value,
  unit,
  sampleCount: value === null ? 0 : 4,
  band,
  ...(value === null
    ? { notAvailableReason: 'no resolved incidents in window' }
    : {}),
  trend: [
    {
      start: '2026-01-05T00:00:00.000Z',
      end: '2026-01-12T00:00:00.000Z',
      value,
      sampleCount: value === null ? 0 : 4,
    },
  ],
});

const window = {
  from: '2026-01-05T00:00:00.000Z',
  to: '2026-02-02T00:00:00.000Z',
  days: 28,
  timeZone: 'Europe/Berlin',
};

const doraReport: DoraReport = {
  scope: { type: 'entity', ref: 'component:default/checkout' },
  window,
  entityCount: 1,
  metrics: {
    deploymentFrequency: {
      ...trendMetric(0.14, 'deployments/day', 'high'),
      perWeek: 1,
      failedDeployments: 1,
    },
    leadTime: trendMetric(46800, 'seconds', 'elite'),
    changeFailureRate: {
      ...trendMetric(0.25, 'ratio', 'low'),
      failedChanges: 1,
    },
    recoveryTime: trendMetric(null, 'seconds', null),
    reworkRate: {
      ...trendMetric(0.25, 'ratio', null),
      reworkDeployments: 1,
      incidentFixes: 1,
      hotfixes: 0,
      rollbacks: 0,
    },
  },
  pendingEntities: 0,
  commitCoverage: { deployments: 4, complete: 3, ratio: 0.75 },
};

const bandCounts = { elite: 1, high: 0, medium: 0, low: 0, notAvailable: 1 };
const bands = {
  deploymentFrequency: bandCounts,
  leadTime: bandCounts,
  changeFailureRate: bandCounts,
  recoveryTime: bandCounts,
};

const doraOrganisation: DoraOrganisationReport = {
  window,
  organisation: { ...doraReport, scope: { type: 'organisation' } },
  rows: [
    {
      type: 'group',
      ref: 'group:default/team-a',
      title: 'Team A',
      entityCount: 2,
      metrics: {
        deploymentFrequency: {
          value: 0.14,
          unit: 'deployments/day',
          sampleCount: 4,
          band: 'high',
        },
        leadTime: { value: 46800, unit: 'seconds', sampleCount: 4, band: 'elite' },
        changeFailureRate: {
          value: 0.25,
          unit: 'ratio',
          sampleCount: 4,
          band: 'low',
        },
        recoveryTime: {
          value: null,
          unit: 'seconds',
          sampleCount: 0,
          band: null,
          notAvailableReason: 'no resolved incidents in window',
        },
        reworkRate: { value: 0.25, unit: 'ratio', sampleCount: 4, band: null },
      },
    },
  ],
  distribution: { group: bands, system: bands, entity: bands },
  pendingEntities: 0,
};

const environment: OrchestratorEnvironmentInfo = {
  id: 'development',
  projectId: 'checkout',
  displayName: 'Development',
  type: 'development',
  production: false,
  status: 'active',
  createdAt: '2026-01-05T09:00:00.000Z',
};

const createdProject: CreateOrchestratorProjectResult = {
  projectId: 'checkout',
  created: true,
  environments: [{ environment, created: true }],
};

const orchestratorDeployment: OrchestratorDeployResult = {
  dryRun: false,
  deployment: {
    id: 'dep-01',
    projectId: 'checkout',
    environmentId: 'development',
    status: 'in_progress',
    rawStatus: 'executing',
    createdAt: '2026-02-02T10:00:00.000Z',
  },
  ledgerId: deployment.id,
};

const drift: GoldenPathDriftReport = {
  templates: [
    {
      entityRef: 'template:default/paved-typescript-service',
      name: 'paved-typescript-service',
      version: '1.1.0',
    },
  ],
  components: 2,
  drifted: [
    {
      entityRef: 'component:default/cart',
      owner: 'group:default/team-a',
      template: 'paved-typescript-service',
      templateVersion: '1.0.0',
      currentVersion: '1.1.0',
      reasons: [
        {
          code: 'template-outdated',
          message: 'created from 1.0.0; the template is at 1.1.0',
        },
      ],
    },
  ],
};

const share = (count: number, total: number) => ({
  count,
  total,
  share: total ? count / total : null,
});

const adoption: AdoptionReport = {
  computedAt: '2026-02-02T06:00:00.000Z',
  durationMs: 840,
  current: {
    components: 3,
    withScore: share(2, 3),
    fromGoldenPath: share(2, 3),
    onCurrentVersion: share(1, 3),
    deployingThroughPaved: share(1, 3),
    funnel: [
      { id: 'catalog', title: 'In the catalog', count: 3, share: 1 },
      { id: 'score', title: 'Score file', count: 2, share: 2 / 3 },
    ],
    templateRuns: {
      windowDays: 30,
      status: 'ok',
      runs: 4,
      succeeded: 3,
      failed: 1,
      successRate: 0.75,
    },
    activeUsers: {
      enabled: true,
      weekly: 5,
      monthly: 9,
      demoWeekly: 0,
      demoMonthly: 0,
    },
    timeToFirstProductionDeployment: { medianSeconds: 86400, samples: 2 },
    automationScore: 62.5,
    complexityScore: null,
  },
  templates: [
    {
      templateRef: 'template:default/paved-typescript-service',
      title: 'TypeScript service',
      version: '1.1.0',
      runs: 4,
      succeeded: 3,
      failed: 1,
      successRate: 0.75,
      lastRunAt: '2026-02-01T15:00:00.000Z',
      components: 2,
      medianSecondsToFirstProductionDeployment: null,
    },
  ],
  history: [
    {
      day: '2026-02-01',
      demo: false,
      components: 3,
      withScore: 0.67,
      fromGoldenPath: 0.67,
      onCurrentVersion: 0.33,
      deployingThroughPaved: 0.33,
      automationScore: 60,
      complexityScore: 22,
      weeklyActiveUsers: 5,
      monthlyActiveUsers: 9,
      templateSuccessRate: null,
    },
  ],
  furthestOffPath: [
    {
      entityRef: 'component:default/legacy',
      automationScore: 0,
      complexityScore: 10,
      deviations: [
        {
          code: 'no-golden-path',
          message: 'not created from a golden path',
        },
      ],
    },
  ],
  analytics: { enabled: true, retentionDays: 90 },
  demo: false,
};

const refreshed: AdoptionRefreshResult = {
  computedAt: '2026-02-02T06:00:00.000Z',
  durationMs: 840,
  entities: 3,
};

const scores: EntityScores = {
  entityRef: 'component:default/cart',
  title: 'Cart',
  owner: 'group:default/team-a',
  computedAt: '2026-02-02T06:00:00.000Z',
  automation: {
    score: 44,
    passedWeight: 35,
    applicableWeight: 80,
    checks: [
      {
        id: 'ci-workflow',
        title: 'CI workflow present',
        description: 'The repository has a CI configuration.',
        weight: 20,
        status: 'passed',
        reason: 'found .github/workflows/ci.yaml',
      },
      {
        id: 'no-overrides',
        title: 'Golden-path defaults kept',
        description: "A component kept the path's defaults.",
        weight: 15,
        status: 'failed',
        reason: 'overrode 1 default: containers.main.resources.limits.memory',
        fix: "Go back to the golden path's defaults.",
      },
    ],
  },
  complexity: {
    score: 18,
    factors: [
      {
        id: 'containers',
        title: 'Containers',
        value: 1,
        saturation: 4,
        weight: 15,
        points: 3.75,
        detail: 'containers in the Score workload',
      },
    ],
  },
  deviations: [
    {
      code: 'default-overridden',
      message: 'overrode containers.main.resources.limits.memory',
    },
  ],
  facts: {
    catalog: {
      title: 'Cart',
      type: 'service',
      owner: 'group:default/team-a',
      hasScoreFile: true,
      scoreErrors: 0,
      containers: 1,
      variables: 3,
      scoreResources: 1,
      goldenPath: {
        status: 'outdated',
        template: 'paved-typescript-service',
        version: '1.0.0',
        currentVersion: '1.1.0',
      },
      overrides: ['containers.main.resources.limits.memory'],
      dependencies: 1,
      resourcesOutsideScore: [],
    },
    repository: {
      status: 'read',
      ciFiles: ['.github/workflows/ci.yaml'],
      testCommands: [],
    },
    ledger: {
      windowDays: 30,
      deployments: 2,
      automatedDeployments: 1,
      manualDeployments: 1,
      productionDeployments: 1,
      environments: ['development', 'production'],
      lastDeploymentAt: '2026-02-01T10:00:00.000Z',
    },
  },
};

const slos: SloReport = {
  entityRef: 'component:default/checkout',
  declared: true,
  source: { type: 'annotation', location: 'paved.dev/slos' },
  objectives: [
    {
      name: 'deployments-succeed',
      type: 'deployment-success-rate',
      target: 0.95,
      unit: 'deployments',
      window: {
        from: '2026-01-03T00:00:00.000Z',
        to: '2026-02-02T00:00:00.000Z',
        duration: '30d',
      },
      good: 19,
      total: 20,
      sli: 0.95,
      errorBudget: { allowed: 1, spent: 1, remaining: 0 },
      burnRate: 1.2,
      burnRateWindow: '7d',
      status: 'exhausted',
    },
    {
      name: 'available',
      type: 'availability',
      target: 0.999,
      unit: 'seconds',
      window: {
        from: '2026-01-03T00:00:00.000Z',
        to: '2026-02-02T00:00:00.000Z',
        duration: '30d',
      },
      good: 0,
      total: 0,
      sli: null,
      errorBudget: null,
      burnRate: null,
      burnRateWindow: '7d',
      status: 'no-data',
      notAvailableReason: 'no incidents or deployments in window',
    },
  ],
  errors: [{ path: 'objectives[2].target', message: 'must be below 1' }],
};

// The incidents part refused: the other parts stand.
const entitySummary: EntityPavedSummary = {
  entityRef: 'component:default/checkout',
  dora: doraReport,
  scores,
  deployments: { items: [deployment] },
  incidents: { notAllowed: true, permission: 'paved.incident.read' },
};

const pageViews: PageViewsRecorded = {
  enabled: true,
  recorded: 1,
  rejected: [{ index: 1, message: 'at is more than 2 days old' }],
};

/**
 * A successful answer per operation id: the status and the body (a string
 * for text answers).
 */
const preview: Preview = {
  id: '7a1c2f0e-5b8d-4d5e-9a55-0d2f4c9e1b21',
  scm: 'github',
  repository: 'acme/checkout',
  number: 7,
  title: 'Retry payment capture on timeout',
  webUrl: 'https://github.com/acme/checkout/pull/7',
  headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  headRef: 'retry-capture',
  desired: 'active',
  state: 'active',
  entityRef: 'component:default/checkout',
  providerId: 'humanitec',
  projectId: 'checkout',
  environmentId: 'pr-7',
  environmentUrl: 'https://pr-7.checkout.preview.example.com',
  deploymentId: 'b4f3c1d2-0000-4000-8000-000000000007',
  deployedSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:01:00.000Z',
  lastActivityAt: '2026-12-01T09:00:00.000Z',
};

export const exampleResponses: Record<
  string,
  { status: number; body: unknown }
> = {
  GetInfo: { status: 200, body: info },
  GetGoldenPathDrift: { status: 200, body: drift },
  ListSurveys: { status: 200, body: { items: [survey] } },
  AnswerSurvey: { status: 200, body: receipt },
  GetSurveyResults: { status: 200, body: surveyResults },
  ExportSurveyResults: {
    status: 200,
    body: 'period,responses,nps\n2026-Q1,6,33\n',
  },
  SetSurveyState: {
    status: 200,
    body: { ...survey, open: false, openSource: 'override' },
  },
  GetSurveyResultsBySubject: { status: 200, body: { items: [surveyResults] } },
  ListDeployments: { status: 200, body: { items: [deployment] } },
  ListPreviews: { status: 200, body: { items: [preview] } },
  RecordDeployment: { status: 200, body: recordedDeployment },
  GetDeployment: { status: 200, body: deployment },
  GetDeploymentLogs: { status: 200, body: logs },
  ListIncidents: { status: 200, body: { items: [incident] } },
  RecordIncident: { status: 200, body: recordedIncident },
  GetDoraReport: { status: 200, body: doraReport },
  GetDoraOrganisation: { status: 200, body: doraOrganisation },
  GetPlatformReport: { status: 200, body: platformReport },
  CreateOrchestratorProject: { status: 200, body: createdProject },
  ListOrchestratorEnvironments: { status: 200, body: { items: [environment] } },
  DeployThroughOrchestrator: { status: 200, body: orchestratorDeployment },
  GetAdoption: { status: 200, body: adoption },
  RefreshAdoption: { status: 200, body: refreshed },
  GetEntityScores: { status: 200, body: scores },
  GetEntitySlos: { status: 200, body: slos },
  GetEntitySummary: { status: 200, body: entitySummary },
  RecordPageViews: { status: 200, body: pageViews },
  ...feedbackExampleResponses,
  ...roadmapExampleResponses,
};

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
import { mockServices } from '@backstage/backend-test-utils';
import { PavedDemoLedgerDelivery } from '@paved/plugin-paved-node';
import {
  createDemoLedgerSeeder,
  DEMO_LEDGER_DAYS,
  DEMO_PROFILES,
  demoLedgerDeliveries,
  demoLedgerRefusal,
} from './ledgerSeeder';

const DAY = 86_400_000;
const all = (now: Date) =>
  DEMO_PROFILES.flatMap(profile => demoLedgerDeliveries(profile, now));
const timesOf = (d: PavedDemoLedgerDelivery) =>
  ['startedAt', 'finishedAt', 'openedAt', 'resolvedAt', 'updatedAt']
    .map(key => d.payload[key])
    .filter((v): v is string => typeof v === 'string')
    .map(v => Date.parse(v));

describe('demo ledger deliveries', () => {
  const now = new Date('2026-12-06T09:41:00Z');

  it('are the same for the same time, unique, and none after now', () => {
    const deliveries = all(now);
    expect(all(new Date(now))).toEqual(deliveries);
    const ids = deliveries.map(d => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of deliveries) {
      expect(d.id).toMatch(/^demo:/);
      for (const t of timesOf(d)) expect(t).toBeLessThanOrEqual(+now);
    }
  });

  it('cover the last 90 days, so every window ending today has data', () => {
    const production = all(now).filter(
      d => d.type === 'deployment' && d.payload.environment === 'production',
    );
    const finished = production.map(d =>
      Date.parse(d.payload.finishedAt as string),
    );
    expect(Math.min(...finished)).toBeGreaterThanOrEqual(
      +now - (DEMO_LEDGER_DAYS + 1) * DAY,
    );
    // The elite team shipped within the last working days.
    const frontend = production.filter(
      d => d.payload.entityRef === 'component:default/shop-frontend',
    );
    expect(
      Math.max(
        ...frontend.map(d => Date.parse(d.payload.finishedAt as string)),
      ),
    ).toBeGreaterThan(+now - 4 * DAY);
  });

  it('days later repeat the earlier records unchanged and add the new ones', () => {
    const today = new Map(all(now).map(d => [d.id, d]));
    const tomorrow = all(new Date(+now + 3 * DAY));
    const repeated = tomorrow.filter(d => today.has(d.id));
    expect(repeated.length).toBeGreaterThan(0.9 * today.size);
    for (const d of repeated) expect(d).toEqual(today.get(d.id));
    expect(tomorrow.length).toBeGreaterThan(repeated.length);
  });

  it('ship every commit once, committed before its release', () => {
    const seen = new Set<string>();
    for (const d of all(now)) {
      const { environment, status, kind, changes, finishedAt } = d.payload;
      if (
        d.type !== 'deployment' ||
        environment !== 'production' ||
        status !== 'success' ||
        kind === 'rollback' ||
        d.id.endsWith('/rolled-back')
      ) {
        continue;
      }
      for (const change of changes as Array<{
        sha: string;
        committedAt: string;
      }>) {
        expect(seen.has(change.sha)).toBe(false);
        seen.add(change.sha);
        expect(Date.parse(change.committedAt)).toBeLessThan(
          Date.parse(finishedAt as string),
        );
      }
    }
    expect(seen.size).toBeGreaterThan(100);
  });

  it('roll an orders release back: incident, rollback to the release before, resolved', () => {
    const orders = demoLedgerDeliveries(
      DEMO_PROFILES.find(p => p.name === 'orders-service')!,
      now,
    );
    const rollback = orders.find(d => d.payload.kind === 'rollback')!;
    expect(rollback).toBeDefined();
    const run = rollback.id
      .replace(/^demo:/, '')
      .replace(/\.rollback\/production$/, '');
    const rolledBack = orders.find(
      d => d.id === `demo:${run}/production/rolled-back`,
    )!;
    expect(rolledBack.payload).toMatchObject({ rolledBack: true });
    expect(rollback.payload.commitSha).not.toBe(rolledBack.payload.commitSha);
    const resolved = orders.find(
      d => d.id === `demo:${run}/incident/resolved`,
    )!;
    expect(resolved.payload).toMatchObject({
      status: 'resolved',
      deployment: `${run}/production`,
    });
    expect(Date.parse(resolved.payload.resolvedAt as string)).toBeGreaterThan(
      Date.parse(rollback.payload.finishedAt as string),
    );
  });
});

describe('demo ledger seeder', () => {
  const seed = async (config: object) => {
    const deliver = jest.fn(async (items: PavedDemoLedgerDelivery[]) => ({
      accepted: items.length,
      duplicates: 0,
      refused: 0,
    }));
    await createDemoLedgerSeeder(mockServices.rootConfig({ data: config }))
      .seedLedger!({
      now: new Date('2026-12-06T09:41:00Z'),
      logger: mockServices.logger.mock(),
      deliver,
    });
    return deliver;
  };

  it('delivers the demo shop ledger under a development config', async () => {
    const deliver = await seed({ paved: { demoData: { enabled: true } } });
    expect(deliver).toHaveBeenCalledTimes(2);
    const [deployments, incidents] = deliver.mock.calls.map(([items]) => items);
    expect(deployments.length).toBeGreaterThan(300);
    expect(deployments.every(d => d.type === 'deployment')).toBe(true);
    expect(incidents.length).toBeGreaterThan(5);
    expect(incidents.every(d => d.type === 'incident')).toBe(true);
  });

  it.each([
    [
      { paved: { demoData: { enabled: false } } },
      'paved.demoData.enabled is false',
    ],
    [
      {
        auth: { environment: 'production' },
        paved: { demoData: { enabled: true } },
      },
      "auth.environment is 'production'",
    ],
  ])('refuses under %j', async (config, reason) => {
    expect(demoLedgerRefusal(mockServices.rootConfig({ data: config }))).toBe(
      reason,
    );
    expect(await seed(config)).not.toHaveBeenCalled();
  });
});

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
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { PavedDemoLedgerDelivery } from '@paved/plugin-paved-node';
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { DEMO_RECORD_SOURCE } from './recordSources';
import { NewDelivery, WebhookDeliveryStore } from './WebhookDeliveryStore';
import { admitDelivery } from './webhooks/createWebhookRouter';
import { hmacSha256Hex } from './webhooks/signatures';
import { demoSource } from './webhooks/sources/demo';
import { WebhookOptions } from './webhooks/types';
import { WebhookProcessor } from './webhooks/WebhookProcessor';

/** Deliveries stored per statement (SQLite binds at most 32,766 values). */
const CHUNK = 200;

/**
 * The demo data's door to the ledger: each demo record is signed with a
 * secret made for this process, admitted by the webhook intake's own
 * checks, stored as a delivery of the source `demo` (a known delivery id
 * adds nothing) and written by the webhook processor, exactly as a
 * webhook's. Also removes every demo record when demo data is off.
 */
export class DemoLedgerIntake {
  readonly #secret = randomBytes(32).toString('hex');

  constructor(
    private readonly options: {
      db: Knex;
      deliveries: WebhookDeliveryStore;
      processor: WebhookProcessor;
      webhookOptions: WebhookOptions;
      logger: LoggerService;
    },
  ) {}

  async deliver(items: PavedDemoLedgerDelivery[]) {
    const { db, deliveries, processor, webhookOptions, logger } = this.options;
    // A restart delivers mostly what is stored: one query leaves those out
    // before they are signed and checked again.
    const known = new Set<string>(
      await db('paved_webhook_deliveries')
        .where({ source: DEMO_RECORD_SOURCE })
        .pluck('delivery_id'),
    );
    const admitted: NewDelivery[] = [];
    let refused = 0;
    for (const item of items.filter(i => !known.has(i.id))) {
      const rawBody = Buffer.from(
        JSON.stringify({ ...item.payload, type: item.type }),
      );
      const request = {
        headers: {
          'content-type': 'application/json',
          'x-paved-delivery': item.id,
          'x-paved-signature-256': `sha256=${hmacSha256Hex(
            this.#secret,
            rawBody,
          )}`,
        },
        rawBody,
      };
      try {
        admitted.push(
          admitDelivery(demoSource, request, this.#secret, webhookOptions)
            .delivery,
        );
      } catch (error) {
        refused++;
        logger.warn(
          `Demo ledger delivery ${item.id} refused: ${
            isError(error) ? error.message : String(error)
          }`,
        );
      }
    }
    let accepted = 0;
    for (let i = 0; i < admitted.length; i += CHUNK) {
      const stored = await deliveries.acceptMany(admitted.slice(i, i + CHUNK));
      accepted += stored.filter(s => !s.duplicate).length;
    }
    if (accepted) await processor.drain();
    return {
      accepted,
      duplicates: items.length - refused - accepted,
      refused,
    };
  }

  /**
   * Removes the demo records: deployments with the commits they shipped
   * and their commit ranges, incidents, commits and deliveries. Returns how
   * many deployments and incidents went. The ledger's triggers mark the
   * entities' DORA roll-ups out of date.
   */
  async purge(): Promise<number> {
    return this.options.db.transaction(async tx => {
      const demoDeployments = tx('paved_deployments')
        .where({ source: DEMO_RECORD_SOURCE })
        .select('id');
      // Explicitly, not by cascade: SQLite enforces foreign keys only when
      // the connection asks it to.
      await tx('paved_deployment_changes')
        .whereIn('deployment_id', demoDeployments)
        .delete();
      await tx('paved_commit_ranges')
        .whereIn('deployment_id', demoDeployments)
        .delete();
      await tx('paved_incidents')
        .whereIn('deployment_id', demoDeployments)
        .whereNot({ source: DEMO_RECORD_SOURCE })
        .update({ deployment_id: null });
      const incidents = await tx('paved_incidents')
        .where({ source: DEMO_RECORD_SOURCE })
        .delete();
      const deployments = await tx('paved_deployments')
        .where({ source: DEMO_RECORD_SOURCE })
        .delete();
      await tx('paved_changes').where({ source: DEMO_RECORD_SOURCE }).delete();
      await tx('paved_webhook_deliveries')
        .where({ source: DEMO_RECORD_SOURCE })
        .delete();
      return incidents + deployments;
    });
  }
}

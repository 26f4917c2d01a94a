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
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  DeploymentStore,
  IncidentStore,
  MAX_DELIVERY_ATTEMPTS,
  PendingDelivery,
  recordChanges,
  WebhookDeliveryStore,
} from '..';
import { recordDoraDeploymentFields } from '../../dora/ledgerFields';
import { PreviewStore } from '../../previews/PreviewStore';
import { CommitHistoryStore } from '../CommitHistoryStore';
import { deliverySources } from './sources';
import { LedgerAction, WebhookOptions } from './types';

class LeaseLostError extends Error {}

/**
 * Turns stored webhook deliveries into ledger rows, exactly once: a batch
 * of deliveries is locked, written and finished in one transaction (or,
 * when one of them fails, each delivery is claimed with a lease and
 * finished in the same transaction as its ledger writes). Runs right
 * after a delivery is accepted, on startup and on a scheduler task, so a
 * delivery accepted by a replica that died before processing it is picked
 * up by whichever runs next.
 */
export class WebhookProcessor {
  readonly owner: string;
  private running?: Promise<void>;
  private again = false;
  private lastKick = 0;
  private readonly deliveries: WebhookDeliveryStore;
  private readonly deployments: DeploymentStore;
  private readonly incidents: IncidentStore;
  private readonly history: CommitHistoryStore;
  private readonly processed: Array<() => void> = [];

  constructor(
    private readonly options: {
      db: Knex;
      logger: LoggerService;
      webhookOptions: WebhookOptions;
      /** How long a claim holds before another replica may take over. */
      leaseMs?: number;
      owner?: string;
      /** Quiet time after the last kick before a run starts; default 50 ms. */
      kickDelayMs?: number;
      /** Longest a kicked run waits for quiet; default 1,000 ms. */
      maxKickDelayMs?: number;
    },
  ) {
    this.owner = options.owner ?? randomUUID();
    this.deliveries = new WebhookDeliveryStore(options.db);
    this.deployments = new DeploymentStore(options.db);
    this.incidents = new IncidentStore(options.db);
    this.history = new CommitHistoryStore(options.db);
  }

  /**
   * Starts processing in the background. Calls during a burst coalesce:
   * the run starts once no delivery arrived for `kickDelayMs` (at most
   * `maxKickDelayMs` after the first), so the intake answers a burst first
   * and the processor then works through it in batches instead of
   * competing with it for the CPU.
   */
  kick(): void {
    this.lastKick = Date.now();
    if (this.running) {
      this.again = true;
      return;
    }
    const firstKick = this.lastKick;
    this.running = (async () => {
      const quietMs = this.options.kickDelayMs ?? 50;
      const mostMs = this.options.maxKickDelayMs ?? 1000;
      for (;;) {
        const wait =
          Math.min(this.lastKick + quietMs, firstKick + mostMs) - Date.now();
        if (wait <= 0) break;
        await new Promise(resolve => setTimeout(resolve, wait));
      }
      do {
        this.again = false;
        try {
          if (await this.drain())
            this.processed.forEach(listener => listener());
        } catch (error) {
          this.options.logger.warn(
            `Processing webhook deliveries failed: ${
              isError(error) ? error.message : String(error)
            }`,
          );
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
  }

  /**
   * Calls `listener` after a kicked run processed deliveries, so work they
   * queued (previews) starts at once instead of at its next scheduled run.
   */
  onProcessed(listener: () => void): void {
    this.processed.push(listener);
  }

  /** Resolves when background processing started by kick() has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Processes pending deliveries until none is left; returns how many.
   * Batches of 500 keep a burst of pushes to a few commits (measured by
   * `yarn bench:dora`).
   */
  async drain(batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.processBatch(batchSize);
      if (done === 0) return total;
      if (done !== undefined) {
        total += done;
        continue;
      }
      // A delivery of the batch could not be processed: this round goes
      // one delivery per transaction, each claimed with a lease, so the
      // failing one is retried on its own and holds back no other.
      const batch = await this.deliveries.claimPending({
        owner: this.owner,
        limit: batchSize,
        leaseMs: this.options.leaseMs ?? 60_000,
      });
      if (!batch.length) return total;
      for (const delivery of batch) {
        await this.process(delivery);
      }
      total += batch.length;
    }
  }

  /**
   * Processes the oldest pending deliveries in one transaction that locks
   * them, writes their ledger rows (the pushes of the batch together, the
   * other actions in delivery order) and marks them processed: one commit
   * for the batch, and no lease to write, since a transaction that does not
   * commit leaves them pending. Returns how many it processed (0: none was
   * pending), or undefined, having written nothing, when any delivery
   * cannot be interpreted or written.
   */
  private async processBatch(limit: number): Promise<number | undefined> {
    try {
      return await this.options.db.transaction(async tx => {
        const batch = await this.deliveries.lockPending(tx, { limit });
        const interpreted = batch.map(delivery => {
          const source = deliverySources[delivery.source];
          if (!source) throw new Error(`unknown source '${delivery.source}'`);
          return {
            delivery,
            interpretation: source.interpret(
              delivery.event,
              JSON.parse(delivery.payload),
              this.options.webhookOptions,
            ),
          };
        });
        const pushes = interpreted.flatMap(({ interpretation }) =>
          interpretation.actions.flatMap(a =>
            a.type === 'push' ? [a.push] : [],
          ),
        );
        if (pushes.length) await this.history.recordPushes(pushes, tx);
        for (const { interpretation } of interpreted) {
          for (const action of interpretation.actions) {
            if (action.type !== 'push') await this.apply(tx, action);
          }
        }
        const completed = await this.deliveries.completeMany(tx, {
          deliveries: interpreted.map(({ delivery, interpretation }) => ({
            id: delivery.id,
            outcome: interpretation.actions.length ? 'processed' : 'ignored',
            result: interpretation.ignored,
          })),
        });
        if (!completed) throw new LeaseLostError();
        return batch.length;
      });
    } catch {
      // Rolled back: the caller processes them one by one instead.
      return undefined;
    }
  }

  private async process(delivery: PendingDelivery): Promise<void> {
    const source = deliverySources[delivery.source];
    try {
      if (!source) throw new Error(`unknown source '${delivery.source}'`);
      const body = JSON.parse(delivery.payload);
      const { actions, ignored } = source.interpret(
        delivery.event,
        body,
        this.options.webhookOptions,
      );
      await this.options.db.transaction(async tx => {
        for (const action of actions) {
          await this.apply(tx, action);
        }
        const completed = await this.deliveries.complete(tx, {
          id: delivery.id,
          owner: this.owner,
          outcome: actions.length ? 'processed' : 'ignored',
          result: ignored,
        });
        if (!completed) throw new LeaseLostError();
      });
    } catch (error) {
      if (error instanceof LeaseLostError) {
        // Another replica took over after our lease ran out; it finishes
        // the delivery and our writes were rolled back.
        return;
      }
      const message = isError(error) ? error.message : String(error);
      // Never log the payload: it may carry data the sender considers private.
      this.options.logger.warn(
        `Webhook delivery ${delivery.source}/${delivery.deliveryId} (${delivery.event}) failed on attempt ${delivery.attempts}: ${message}`,
      );
      const permanent = isError(error) && error.name === 'InputError';
      await this.deliveries.fail({
        id: delivery.id,
        owner: this.owner,
        attempts: permanent ? MAX_DELIVERY_ATTEMPTS : delivery.attempts,
        error: message,
      });
    }
  }

  /** Writes one action of a delivery to the ledger. */
  private async apply(tx: Knex.Transaction, action: LedgerAction) {
    if (action.type === 'deployment') {
      const recorded = await this.deployments.record(action.deployment, tx);
      // Fields only the DORA metrics read, as the REST API stores them.
      await recordDoraDeploymentFields(tx, recorded.deployment.id, {
        pipelineRun: action.pipelineRun,
        rolledBack: action.rolledBack,
        kind: action.kind,
      });
    } else if (action.type === 'incident') {
      let deploymentId = action.incident.deploymentId;
      if (!deploymentId && action.deploymentExternalId) {
        const row = await tx('paved_deployments')
          .where({
            source: action.incident.source,
            external_id: action.deploymentExternalId,
          })
          .first('id');
        deploymentId = row?.id;
      }
      await this.incidents.record({ ...action.incident, deploymentId }, tx);
    } else if (action.type === 'push') {
      await this.history.recordPushes([action.push], tx);
    } else if (action.type === 'preview') {
      await PreviewStore.recordRequest(tx, action.preview);
    } else {
      await recordChanges(tx, {
        subject: action.subject,
        source: action.source,
        changes: action.changes,
      });
    }
  }
}

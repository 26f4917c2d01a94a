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
import { AcceptedDelivery, NewDelivery, WebhookDeliveryStore } from '..';

type Waiting = {
  delivery: NewDelivery;
  resolve: (accepted: AcceptedDelivery) => void;
  reject: (error: unknown) => void;
};

/**
 * Groups the deliveries of concurrent webhook requests into one insert per
 * batch. Under a burst, one statement per request spends most of the CPU
 * on building and sending queries; batching stores hundreds of deliveries
 * per round trip. Each request still gets its answer only after its row is
 * committed, so nothing is acknowledged before it is durable. A quiet
 * intake pays no delay: a lone request is flushed on the next turn of the
 * event loop. When a batch insert fails, its deliveries are stored one by
 * one, so a delivery the database refuses fails alone and its batch
 * neighbours are still stored.
 */
export class DeliveryBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly store: WebhookDeliveryStore,
    private readonly options: {
      /** Most deliveries per insert; default 500. */
      maxBatch?: number;
      /** Inserts running at once (database connections used); default 2. */
      maxInFlight?: number;
    } = {},
  ) {}

  accept(delivery: NewDelivery): Promise<AcceptedDelivery> {
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the pending I/O callbacks, so requests that
    // arrived together join the same batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush() {
    const maxInFlight = this.options.maxInFlight ?? 2;
    const maxBatch = this.options.maxBatch ?? 500;
    while (this.queue.length && this.inFlight < maxInFlight) {
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight++;
      this.store
        .acceptMany(batch.map(w => w.delivery))
        .then(
          answers => batch.forEach((w, i) => w.resolve(answers[i])),
          error =>
            batch.length === 1
              ? batch[0].reject(error)
              : this.acceptOneByOne(batch),
        )
        .finally(() => {
          this.inFlight--;
          if (this.queue.length) this.schedule();
        });
    }
  }

  /** After a failed batch: each delivery in its own statement. */
  private async acceptOneByOne(batch: Waiting[]): Promise<void> {
    for (const waiting of batch) {
      try {
        const [answer] = await this.store.acceptMany([waiting.delivery]);
        waiting.resolve(answer);
      } catch (error) {
        waiting.reject(error);
      }
    }
  }
}

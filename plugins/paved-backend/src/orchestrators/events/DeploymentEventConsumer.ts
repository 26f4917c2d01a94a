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
import {
  AckPolicy,
  ConsumerMessages,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import {
  connect,
  credsAuthenticator,
  nanos,
  NatsConnection,
} from '@nats-io/transport-node';
import {
  OrchestratorDeploymentEvent,
  OrchestratorProvider,
} from '@paved/plugin-paved-node';
import { readFile } from 'node:fs/promises';
import { DeploymentEventsConfig } from './config';
import { DeploymentEventWriter } from './DeploymentEventWriter';
import { ParkedEventStore } from './ParkedEventStore';

/** Wait before connecting again when NATS or the stream is not there. */
const RETRY_MS = 5_000;
/** How long one pull request waits for messages. */
const FETCH_EXPIRES_MS = 5_000;
/** How long a shutdown waits for the batch in hand. */
const SHUTDOWN_MS = 10_000;

/** The promise's value, or undefined once SHUTDOWN_MS have passed. */
async function withinShutdown<T>(
  promise: Promise<T> | undefined,
): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<undefined>(resolve => {
        timer = setTimeout(resolve, SHUTDOWN_MS, undefined);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What one consumer did since it started. */
export type DeploymentEventCounts = {
  /** Messages written to the ledger (acknowledged after the commit). */
  written: number;
  /** Messages about something else (another org, another event type). */
  ignored: number;
  parked: number;
  /** Deliveries handed back for a later attempt. */
  retried: number;
};

/**
 * Reads one provider's deployment events from a durable JetStream pull
 * consumer shared by every backend replica (the same durable name on each,
 * so each message goes to one of them) and writes them to the ledger at
 * once. A message is acknowledged after its ledger write commits; a crash
 * before that gets it redelivered after the ack wait, and the write is
 * idempotent. A message that cannot be read is parked with the reason and
 * terminated; one that fails to write is retried with a growing delay and
 * parked at its last delivery, so no message stops the ones behind it.
 */
export class DeploymentEventConsumer {
  readonly counts: DeploymentEventCounts = {
    written: 0,
    ignored: 0,
    parked: 0,
    retried: 0,
  };
  private connection?: NatsConnection;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(
    private readonly options: {
      config: DeploymentEventsConfig;
      provider: OrchestratorProvider;
      writer: DeploymentEventWriter;
      parked: ParkedEventStore;
      logger: LoggerService;
    },
  ) {}

  /** Starts consuming in the background; connection problems are retried. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /**
   * Stops taking messages, finishes the batch in hand (its acks are sent;
   * a write still hanging after 10 s is given up) and drains the
   * connection. Unacknowledged messages go to another replica after the ack
   * wait.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    // Closing the iterator and draining talk to the server: bounded, so a
    // NATS server that is gone cannot hold the backend's shutdown.
    await withinShutdown(this.messages?.close().catch(() => undefined));
    const finished = await withinShutdown(this.loop?.then(() => true));
    this.loop = undefined;
    const connection = this.connection;
    this.connection = undefined;
    if (!connection || connection.isClosed()) return;
    const drained =
      finished === true &&
      (await withinShutdown(
        connection.drain().then(
          () => true,
          () => false,
        ),
      ));
    if (!drained) await connection.close();
  }

  /**
   * Drops the connection at once, acknowledging nothing more: what a
   * crashed replica does. Its unacknowledged messages are redelivered to
   * the other replicas after the ack wait.
   */
  async abort(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.connection?.close();
  }

  private async run() {
    const { config, logger } = this.options;
    while (!this.stopping) {
      try {
        await this.consume();
      } catch (error) {
        if (this.stopping) break;
        logger.warn(
          `Orchestrator events of '${config.providerId}' from stream ${
            config.stream
          }: ${messageOf(error)}; trying again in ${RETRY_MS / 1000}s`,
        );
        await this.pause(RETRY_MS);
      }
    }
  }

  private async consume() {
    const { config, logger } = this.options;
    if (!this.connection || this.connection.isClosed()) {
      this.connection = await connect({
        servers: config.servers,
        name: `paved-backend ${config.durableName}`,
        token: config.token,
        user: config.user,
        pass: config.password,
        authenticator: config.credsFile
          ? credsAuthenticator(await readFile(config.credsFile))
          : undefined,
        // Once connected, the client reconnects on its own for as long as
        // it takes; the consumer below resumes where the durable stopped.
        maxReconnectAttempts: -1,
        reconnectTimeWait: 2_000,
      });
    }
    const connection = this.connection;
    const manager = await jetstreamManager(connection);
    await manager.consumers
      .add(config.stream, {
        durable_name: config.durableName,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(config.ackWaitMs),
        max_deliver: config.maxDeliver,
        max_ack_pending: config.batchSize * 4,
        filter_subject: config.subject,
      })
      .catch(async error => {
        // Another replica made it, or an operator changed it: use it.
        await manager.consumers.info(config.stream, config.durableName);
        logger.debug(
          `Using the existing consumer ${config.durableName}: ${messageOf(
            error,
          )}`,
        );
      });
    const consumer = await jetstream(connection).consumers.get(
      config.stream,
      config.durableName,
    );
    logger.info(
      `Reading orchestrator events of '${config.providerId}' from ${config.stream} (consumer ${config.durableName})`,
    );
    // The reader queues what arrives; the writer takes whatever is queued,
    // up to a batch: one event is written at once, a burst in batches.
    // While a full batch waits, the reader takes no more, so the client
    // asks for no more and the other replicas get the rest.
    const queue: JsMsg[] = [];
    let readerDone = false;
    let wakeWriter: (() => void) | undefined;
    let wakeReader: (() => void) | undefined;
    const arrival = () =>
      new Promise<void>(resolve => {
        wakeWriter = resolve;
      });
    const written = () =>
      new Promise<void>(resolve => {
        wakeReader = resolve;
      });
    const writer = (async () => {
      for (;;) {
        if (!queue.length) {
          if (readerDone) return;
          await arrival();
          continue;
        }
        await this.handle(queue.splice(0, config.batchSize));
        wakeReader?.();
      }
    })();
    try {
      // One pull request of a batch at a time: each message is handed to
      // the writer as it arrives; the next request goes out when the
      // queue has room.
      while (!this.stopping) {
        const messages = await consumer.fetch({
          max_messages: config.batchSize,
          expires: FETCH_EXPIRES_MS,
        });
        this.messages = messages;
        for await (const message of messages) {
          queue.push(message);
          wakeWriter?.();
        }
        while (queue.length >= config.batchSize && !this.stopping) {
          await written();
        }
      }
    } finally {
      readerDone = true;
      wakeWriter?.();
      await writer;
    }
  }

  /** {@link handleBatch}; an unexpected failure hands the batch back. */
  private async handle(batch: JsMsg[]) {
    try {
      await this.handleBatch(batch);
    } catch (error) {
      this.options.logger.warn(
        `Orchestrator events of '${
          this.options.config.providerId
        }': ${messageOf(error)}`,
      );
      for (const message of batch) {
        try {
          message.nak(RETRY_MS);
        } catch {
          // Closed connection: the ack wait redelivers it.
        }
      }
    }
  }

  /** Parks what cannot be read, writes the rest, then acknowledges. */
  private async handleBatch(batch: JsMsg[]) {
    const { provider } = this.options;
    const readable: Array<{
      message: JsMsg;
      event: OrchestratorDeploymentEvent;
    }> = [];
    for (const message of batch) {
      let event: OrchestratorDeploymentEvent | undefined;
      try {
        event = provider.deploymentFromEvent!({
          subject: message.subject,
          data: message.data,
        });
        if (event && Number.isNaN(Date.parse(event.updatedAt))) {
          throw new Error(`updatedAt '${event.updatedAt}' is not a time`);
        }
      } catch (error) {
        await this.park(message, messageOf(error));
        continue;
      }
      if (event) {
        readable.push({ message, event });
      } else {
        message.ack();
        this.counts.ignored++;
      }
    }
    if (!readable.length) return;
    try {
      await this.options.writer.write(readable.map(r => r.event));
      for (const { message } of readable) message.ack();
      this.counts.written += readable.length;
      return;
    } catch (error) {
      this.options.logger.warn(
        `A batch of ${
          readable.length
        } orchestrator events failed; writing one by one: ${messageOf(error)}`,
      );
    }
    // One failing event must not hold back the others in its batch.
    for (const { message, event } of readable) {
      try {
        await this.options.writer.write([event]);
        message.ack();
        this.counts.written++;
      } catch (error) {
        await this.failed(message, error);
      }
    }
  }

  /** Retries a delivery later, or parks it at its last delivery. */
  private async failed(message: JsMsg, error: unknown) {
    const { config, logger } = this.options;
    const deliveries = message.info.deliveryCount;
    if (deliveries >= config.maxDeliver) {
      await this.park(
        message,
        `writing failed on all ${deliveries} deliveries: ${messageOf(error)}`,
      );
      return;
    }
    const delayMs = Math.min(1_000 * 2 ** (deliveries - 1), 60_000);
    logger.warn(
      `Orchestrator event ${config.stream}#${
        message.seq
      } could not be written (delivery ${deliveries} of ${
        config.maxDeliver
      }), retrying in ${delayMs} ms: ${messageOf(error)}`,
    );
    message.nak(delayMs);
    this.counts.retried++;
  }

  /** Stores the message with its reason, then terminates it. */
  private async park(message: JsMsg, reason: string) {
    const { config, logger, parked } = this.options;
    try {
      await parked.park({
        providerId: config.providerId,
        stream: config.stream,
        streamSequence: message.seq,
        subject: message.subject,
        payload: new TextDecoder().decode(message.data),
        reason,
        deliveries: message.info.deliveryCount,
      });
    } catch (error) {
      // Not stored: keep the message for a later delivery.
      logger.warn(
        `Could not park orchestrator event ${config.stream}#${
          message.seq
        }: ${messageOf(error)}`,
      );
      message.nak(RETRY_MS);
      this.counts.retried++;
      return;
    }
    message.term();
    this.counts.parked++;
    logger.warn(
      `Parked orchestrator event ${config.stream}#${message.seq} (${message.subject}) of '${config.providerId}': ${reason}`,
    );
  }

  private pause(ms: number) {
    return new Promise<void>(resolve => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function messageOf(error: unknown): string {
  return isError(error) ? error.message : String(error);
}

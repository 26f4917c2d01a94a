import { PermanentError } from './handler.js';

/**
 * Consumes `queue` on an amqplib channel: one message at a time per
 * `prefetch`, acknowledged after the handler succeeds. A message that fails
 * permanently (or `maxAttempts` times) is rejected without requeue, so the
 * broker moves it to the queue's dead-letter exchange.
 *
 * @param {import('amqplib').Channel} channel
 * @param {{ queue: string, handler: (job: unknown) => Promise<unknown>,
 *   prefetch?: number, maxAttempts?: number,
 *   log?: (line: string) => void }} options
 */
export async function consume(channel, options) {
  const { queue, handler, prefetch = 10, maxAttempts = 5, log = console.log } = options;
  await channel.assertExchange(`${queue}.dead`, 'fanout', { durable: true });
  await channel.assertQueue(`${queue}.dead`, { durable: true });
  await channel.bindQueue(`${queue}.dead`, `${queue}.dead`, '');
  await channel.assertQueue(queue, {
    durable: true,
    arguments: { 'x-dead-letter-exchange': `${queue}.dead` },
  });
  await channel.prefetch(prefetch);
  return channel.consume(queue, async message => {
    if (!message) return; // the broker cancelled the consumer
    const attempt = Number(message.properties.headers?.['x-attempt'] ?? 1);
    try {
      const job = JSON.parse(message.content.toString('utf8'));
      await handler(job);
      channel.ack(message);
    } catch (error) {
      const permanent = error instanceof PermanentError || error instanceof SyntaxError;
      if (permanent || attempt >= maxAttempts) {
        log(`dead-lettered a message after ${attempt} attempt(s): ${error.message}`);
        channel.nack(message, false, false);
      } else {
        log(`retrying a message (attempt ${attempt}): ${error.message}`);
        channel.sendToQueue(queue, message.content, {
          ...message.properties,
          headers: { ...message.properties.headers, 'x-attempt': attempt + 1 },
        });
        channel.ack(message);
      }
    }
  });
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consume } from '../src/consumer.js';
import { PermanentError } from '../src/handler.js';

/** Records what the consumer does with messages, like an amqplib channel. */
function recordingChannel() {
  const calls = [];
  let onMessage;
  return {
    calls,
    deliver: (body, headers = {}) =>
      onMessage({ content: Buffer.from(body), properties: { headers } }),
    assertExchange: async () => {},
    assertQueue: async (...args) => calls.push(['assertQueue', ...args]),
    bindQueue: async () => {},
    prefetch: async n => calls.push(['prefetch', n]),
    consume: async (_queue, fn) => {
      onMessage = fn;
      return { consumerTag: 't' };
    },
    ack: () => calls.push(['ack']),
    nack: (_m, _all, requeue) => calls.push(['nack', requeue]),
    sendToQueue: (q, _content, props) => calls.push(['retry', q, props.headers['x-attempt']]),
  };
}

describe('consume', () => {
  const setup = async handler => {
    const channel = recordingChannel();
    await consume(channel, { queue: 'jobs', handler, maxAttempts: 2, log: () => {} });
    channel.calls.length = 0;
    return channel;
  };

  it('declares the queue with a dead-letter exchange', async () => {
    const channel = recordingChannel();
    await consume(channel, { queue: 'jobs', handler: async () => {}, log: () => {} });
    const declared = channel.calls.find(c => c[0] === 'assertQueue' && c[1] === 'jobs');
    assert.equal(declared[2].arguments['x-dead-letter-exchange'], 'jobs.dead');
  });

  it('acknowledges a handled message', async () => {
    const channel = await setup(async () => {});
    await channel.deliver('{"id":"a"}');
    assert.deepEqual(channel.calls, [['ack']]);
  });

  it('retries a failure, then dead-letters it after maxAttempts', async () => {
    const channel = await setup(async () => {
      throw new Error('down');
    });
    await channel.deliver('{}');
    assert.deepEqual(channel.calls, [['retry', 'jobs', 2], ['ack']]);
    channel.calls.length = 0;
    await channel.deliver('{}', { 'x-attempt': 2 });
    assert.deepEqual(channel.calls, [['nack', false]]);
  });

  it('dead-letters permanent failures and unreadable messages at once', async () => {
    const channel = await setup(async () => {
      throw new PermanentError('bad');
    });
    await channel.deliver('{}');
    await channel.deliver('not json');
    assert.deepEqual(channel.calls, [['nack', false], ['nack', false]]);
  });
});

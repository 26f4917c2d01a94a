import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import amqp from 'amqplib';
import { consume } from '../src/consumer.js';
import { handleJob } from '../src/handler.js';

const url = process.env.AMQP_URL;

// Runs against a real RabbitMQ: CI starts one (see .github/workflows/ci.yaml);
// locally set AMQP_URL, e.g. amqp://guest:guest@localhost:5672.
describe('consumer on RabbitMQ', { skip: url ? false : 'AMQP_URL is not set' }, () => {
  let connection;
  let channel;
  const queue = `test-${randomBytes(4).toString('hex')}`;

  before(async () => {
    connection = await amqp.connect(url);
    channel = await connection.createChannel();
  });
  after(async () => {
    for (const q of [queue, `${queue}.dead`]) await channel.deleteQueue(q);
    await channel.deleteExchange(`${queue}.dead`);
    await connection.close();
  });

  it('processes good jobs, retries failures and dead-letters bad ones', async () => {
    const done = [];
    let flaky = 0;
    await consume(channel, {
      queue,
      log: () => {},
      handler: async job => {
        if (job.id === 'flaky' && flaky++ === 0) throw new Error('try again');
        done.push((await handleJob(job)).id);
      },
    });
    for (const body of [{ id: 'ok', text: 'a' }, { id: 'flaky', text: 'b' }, { text: 'no id' }]) {
      channel.sendToQueue(queue, Buffer.from(JSON.stringify(body)));
    }
    const deadline = Date.now() + 10_000;
    let dead;
    while (Date.now() < deadline) {
      dead = await channel.checkQueue(`${queue}.dead`);
      if (done.length === 2 && dead.messageCount === 1) break;
      await new Promise(r => setTimeout(r, 100));
    }
    assert.deepEqual(done.sort(), ['flaky', 'ok']);
    assert.equal(dead.messageCount, 1);
  });
});

import amqp from 'amqplib';
import { consume } from './consumer.js';
import { handleJob } from './handler.js';

// score.yaml maps the amqp resource's outputs to AMQP_URL.
const url = process.env.AMQP_URL ?? 'amqp://guest:guest@localhost:5672';
const queue = process.env.QUEUE ?? '${{ values.name }}';

const connection = await amqp.connect(url);
const channel = await connection.createChannel();
await consume(channel, { queue, handler: handleJob });
console.log(`${{ values.name }} consuming ${queue}`);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    await channel.close();
    await connection.close();
  });
}

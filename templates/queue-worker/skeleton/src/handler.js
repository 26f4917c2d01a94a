/**
 * What the worker does with one message; replace it with your own work.
 * Throw a PermanentError for a message that can never succeed (it goes to
 * the dead-letter queue); any other error makes the message retry.
 *
 * @param {unknown} job the message body, parsed as JSON
 * @returns {Promise<{ id: string, result: string }>}
 */
export async function handleJob(job) {
  if (typeof job !== 'object' || job === null) {
    throw new PermanentError('the message is not a JSON object');
  }
  const { id, text } = /** @type {{ id?: unknown, text?: unknown }} */ (job);
  if (typeof id !== 'string' || !id) {
    throw new PermanentError('id: a non-empty string is required');
  }
  if (typeof text !== 'string') {
    throw new PermanentError('text: a string is required');
  }
  return { id, result: text.toUpperCase() };
}

export class PermanentError extends Error {
  name = 'PermanentError';
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { handleJob, PermanentError } from '../src/handler.js';

describe('handleJob', () => {
  it('does the work', async () => {
    assert.deepEqual(await handleJob({ id: 'a', text: 'hi' }), {
      id: 'a',
      result: 'HI',
    });
  });

  it('refuses malformed jobs permanently, saying what is wrong', async () => {
    await assert.rejects(handleJob('x'), PermanentError);
    await assert.rejects(handleJob({ text: 'x' }), /^PermanentError: id:/);
    await assert.rejects(handleJob({ id: 'a' }), /text: a string is required/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { redactUrl, serializeRequest } from './request-log.ts';

const request = (url: string) =>
  ({
    method: 'POST',
    url,
    host: 'example.org',
    ip: '203.0.113.9',
    socket: { remotePort: 5555 },
  }) as unknown as FastifyRequest;

describe('the request log', () => {
  it('redacts a survey link’s token and leaves out the caller’s address', () => {
    const logged = serializeRequest(request('/survey/abcDEF123_-xyz/sent?x=1'));
    assert.deepEqual(logged, { method: 'POST', url: '/survey/[redacted]/sent?x=1' });
    assert.doesNotMatch(JSON.stringify(logged), /203\.0\.113\.9|abcDEF/);
  });

  it('logs other requests as Fastify does', () => {
    assert.deepEqual(serializeRequest(request('/returns/1')), {
      method: 'POST',
      url: '/returns/1',
      host: 'example.org',
      remoteAddress: '203.0.113.9',
      remotePort: 5555,
    });
  });

  it('redacts only survey addresses', () => {
    assert.equal(redactUrl('/survey/token'), '/survey/[redacted]');
    assert.equal(redactUrl('/cycles/1/survey/settings'), '/cycles/1/survey/settings');
  });
});

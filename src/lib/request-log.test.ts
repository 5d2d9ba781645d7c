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

  it('logs other requests as Fastify does, ids kept', () => {
    const id = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
    assert.deepEqual(serializeRequest(request(`/returns/${id}/themes/2?page=3&done=approved`)), {
      method: 'POST',
      url: `/returns/${id}/themes/2?page=3&done=approved`,
      host: 'example.org',
      remoteAddress: '203.0.113.9',
      remotePort: 5555,
    });
  });

  it('redacts every part of an address that could be a secret, in the path and the query', () => {
    assert.equal(redactUrl('/survey/token'), '/survey/token', 'a lower-case word is kept');
    assert.equal(redactUrl('/cycles/1/survey/settings'), '/cycles/1/survey/settings');
    assert.equal(redactUrl('/sign-in/link/Ab3_x-Yz09QwErTy'), '/sign-in/link/[redacted]');
    assert.equal(
      redactUrl('/sign-in?next=%2Freturns%2F1&email=jo%40example.org&signedOut'),
      '/sign-in?next=[redacted]&email=[redacted]&signedOut',
    );
    assert.equal(redactUrl('/x?Ab3_x-Yz09QwErTy=1'), '/x?[redacted]=1', 'a token as a name too');
    assert.equal(redactUrl('/exports/a%ZZ'), '/exports/[redacted]', 'even when it does not decode');
  });
});

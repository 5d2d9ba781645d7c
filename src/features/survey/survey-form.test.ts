import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  crossSitePost,
  parseSurveyForm,
  surveyFormState,
  surveyFormToken,
  surveyFormTokenValid,
} from './survey-form.ts';

const statements = [
  { id: 'a', text: 'I know who to go to for safeguarding advice.' },
  { id: 'b', text: 'My training is up to date.' },
];

describe('the staff member’s answers', () => {
  it('accepts an answer for every statement and an optional comment, trimmed', () => {
    const parsed = parseSurveyForm(
      surveyFormState({ 's-a': 'agree', 's-b': 'dont_know', comment: '  More time please \r\n' }, ['a', 'b']),
      statements,
    );
    assert.ok(parsed.values);
    assert.deepEqual(
      [...parsed.values.answers],
      [
        ['a', 'agree'],
        ['b', 'dont_know'],
      ],
    );
    assert.equal(parsed.values.comment, 'More time please');
  });

  it('names every unanswered or unknown answer at once, linked to its radios', () => {
    const parsed = parseSurveyForm(
      surveyFormState({ 's-a': 'maybe', comment: 'x'.repeat(2001) }, ['a', 'b']),
      statements,
    );
    assert.ok(parsed.errors);
    assert.deepEqual(
      parsed.errors.list.map((e) => e.href),
      ['#s-a', '#s-b', '#comment'],
    );
    assert.match(parsed.errors.list[1]!.text, /My training is up to date/);
    assert.match(parsed.errors.byField.comment!, /2,000 characters or fewer/);
  });
});

describe('the form’s own token', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const now = new Date('2026-11-23T10:00:00Z');

  it('is good for its link for seven days', () => {
    const token = surveyFormToken(secret, 'link-a', now);
    assert.equal(surveyFormTokenValid(secret, 'link-a', token, now), true);
    assert.equal(surveyFormTokenValid(secret, 'link-a', token, new Date('2026-11-29T10:00:00Z')), true);
    assert.equal(surveyFormTokenValid(secret, 'link-a', token, new Date('2026-12-01T10:00:00Z')), false);
  });

  it('is not good for another link, another secret or nothing', () => {
    const token = surveyFormToken(secret, 'link-a', now);
    assert.equal(surveyFormTokenValid(secret, 'link-b', token, now), false);
    assert.equal(surveyFormTokenValid(`${secret}!`, 'link-a', token, now), false);
    assert.equal(surveyFormTokenValid(secret, 'link-a', undefined, now), false);
  });
});

describe('posts from other sites', () => {
  it('are recognised by Sec-Fetch-Site or an Origin of another host', () => {
    assert.equal(crossSitePost({ 'sec-fetch-site': 'cross-site', host: 'a.example' }), true);
    assert.equal(crossSitePost({ origin: 'https://evil.example', host: 'a.example' }), true);
    assert.equal(crossSitePost({ origin: 'null', host: 'a.example' }), true);
    // A same-origin post from a page with `Referrer-Policy: no-referrer` carries `Origin: null`.
    assert.equal(
      crossSitePost({ 'sec-fetch-site': 'same-origin', origin: 'null', host: 'a.example' }),
      false,
    );
  });

  it('are not confused with our own pages, or with clients that say nothing', () => {
    assert.equal(
      crossSitePost({ 'sec-fetch-site': 'same-origin', origin: 'https://a.example', host: 'a.example' }),
      false,
    );
    assert.equal(crossSitePost({ host: 'a.example' }), false);
  });
});

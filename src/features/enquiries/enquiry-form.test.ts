import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormErrors } from '../../views/form-errors.ts';
import { validate } from '../../web/form-route.ts';
import type { AgencyPartnership } from '../partnerships/agency-partnerships.ts';
import type { ReturnOption } from './enquiries.repository.ts';
import {
  type EnquiryFormState,
  enquiryFormState,
  enquirySchema,
  replySchema,
  replyState,
} from './enquiry-form.ts';

/** The form's schema over what was typed: its values, or its errors. */
const parseEnquiryForm = (
  state: EnquiryFormState,
  recipients: AgencyPartnership[],
  options: ReturnOption[],
) => {
  const checked = validate(enquirySchema(recipients, options), state);
  return checked.ok ? { values: checked.values } : { errors: checked.errors };
};
const parseReply = (body: Record<string, unknown>): { message: string; errors?: FormErrors } => {
  const state = replyState(body);
  const checked = validate(replySchema, state);
  return checked.ok ? checked.values : { message: state.message, errors: checked.errors };
};

const recipient = (agencyId: string, partnershipId: string): AgencyPartnership => ({
  agencyId,
  agencyName: `Agency ${agencyId}`,
  partnershipId,
  partnershipName: `Partnership ${partnershipId}`,
  partnershipContactEmail: `${partnershipId}@example.org`,
});
const returns: ReturnOption[] = [
  { id: 'r1', agencyId: 'a', partnershipId: 'p1', label: 'Audit 2026' },
  { id: 'r2', agencyId: 'a', partnershipId: 'p2', label: 'Audit 2026' },
];

describe('the enquiry form', () => {
  it('needs no choice of partnership when there is only one', () => {
    const parsed = parseEnquiryForm(
      enquiryFormState({ subject: '  More   time?\r\n ', message: '\r\nPlease.\r\nThanks\r\n' }),
      [recipient('a', 'p1')],
      returns,
    );
    assert.deepEqual(parsed.values, {
      recipient: recipient('a', 'p1'),
      returnId: null,
      subject: 'More time?',
      message: 'Please.\nThanks',
    });
  });

  it('asks which partnership when there are several, and checks the return belongs to it', () => {
    const several = [recipient('a', 'p1'), recipient('a', 'p2')];
    const none = parseEnquiryForm(enquiryFormState({ subject: 'S', message: 'M' }), several, returns);
    assert.deepEqual(none.errors?.list, [
      { text: 'Select the partnership your enquiry is for', href: '#recipient' },
    ]);
    const wrong = parseEnquiryForm(
      enquiryFormState({ recipient: 'a:p2', returnId: 'r1', subject: 'S', message: 'M' }),
      several,
      returns,
    );
    assert.equal(wrong.errors?.byField.returnId, 'Select a return for the partnership you chose, or none');
    const right = parseEnquiryForm(
      enquiryFormState({ recipient: 'a:p2', returnId: 'r2', subject: 'S', message: 'M' }),
      several,
      returns,
    );
    assert.equal(right.values?.recipient.partnershipId, 'p2');
    assert.equal(right.values?.returnId, 'r2');
  });

  it('reports every problem at once, with the limits', () => {
    const parsed = parseEnquiryForm(
      enquiryFormState({ subject: 'x'.repeat(151), message: 'y'.repeat(5001), returnId: 'nope' }),
      [recipient('a', 'p1')],
      returns,
    );
    assert.deepEqual(Object.keys(parsed.errors?.byField ?? {}), ['returnId', 'subject', 'message']);
    assert.equal(parsed.errors?.byField.message, 'Your message must be 5,000 characters or fewer');
    assert.ok(
      parseEnquiryForm(
        enquiryFormState({ subject: 'x'.repeat(150), message: 'y'.repeat(5000) }),
        [recipient('a', 'p1')],
        returns,
      ).values,
    );
  });

  it('ignores values that are not text', () => {
    const state = enquiryFormState({ subject: ['a', 'b'], message: { x: 1 } });
    assert.deepEqual(state, { recipient: '', returnId: '', subject: '', message: '' });
  });
});

describe('a reply', () => {
  it('needs a message within the limit and keeps what was typed when it fails', () => {
    assert.equal(parseReply({ message: ' \n ' }).errors?.byField.message, 'Enter your message');
    const long = parseReply({ message: 'z'.repeat(5001) });
    assert.equal(long.message.length, 5001);
    assert.ok(long.errors);
    assert.deepEqual(parseReply({ message: ' Thanks \r\n' }), { message: 'Thanks' });
  });
});

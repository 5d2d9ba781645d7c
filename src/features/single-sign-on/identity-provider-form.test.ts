import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProviderForm, splitDomains } from './identity-provider-form.ts';

const production = { allowHttp: false, secretRequired: true };

describe('the identity provider form', () => {
  it('takes an Entra ID issuer, client and domains typed in any of the usual ways', () => {
    const parsed = parseProviderForm(
      {
        issuer: ' https://login.microsoftonline.com/0b5a7c4e-1111-2222-3333-444455556666/v2.0 ',
        clientId: 'c0ffee00-1234-5678-9abc-def012345678',
        clientSecret: 'Xy7~secret',
        domains: 'Northshire.gov.uk, @northshire-council.example\nnorthshire.gov.uk',
      },
      production,
    );
    assert.deepEqual(parsed.values, {
      issuer: 'https://login.microsoftonline.com/0b5a7c4e-1111-2222-3333-444455556666/v2.0',
      clientId: 'c0ffee00-1234-5678-9abc-def012345678',
      clientSecret: 'Xy7~secret',
      domains: ['northshire.gov.uk', 'northshire-council.example'],
    });
  });

  it('reports every field’s problem at once', () => {
    const parsed = parseProviderForm({ issuer: '', clientId: '', clientSecret: '', domains: '' }, production);
    assert.deepEqual(parsed.errors?.byField, {
      issuer: 'Enter the issuer URL',
      clientId: 'Enter the client ID',
      clientSecret: 'Enter the client secret',
      domains: 'Enter at least one email domain',
    });
    assert.deepEqual(
      parsed.errors?.list.map((e) => e.href),
      ['#issuer', '#clientId', '#clientSecret', '#domains'],
    );
  });

  it('refuses an http issuer in production, a malformed one and a domain that is not one', () => {
    const parsed = parseProviderForm(
      {
        issuer: 'http://idp.example',
        clientId: 'x',
        clientSecret: 's',
        domains: 'council.gov.uk not_a_domain',
      },
      production,
    );
    assert.equal(parsed.errors?.byField.issuer, 'The issuer URL must start with https://');
    assert.match(parsed.errors?.byField.domains ?? '', /not_a_domain/);
    assert.match(
      parseProviderForm({ issuer: 'login', clientId: 'x', clientSecret: 's', domains: 'a.uk' }, production)
        .errors?.byField.issuer ?? '',
      /in full/,
    );
    assert.equal(
      parseProviderForm(
        { issuer: 'http://127.0.0.1:9000', clientId: 'x', clientSecret: 's', domains: 'a.uk' },
        {
          allowHttp: true,
          secretRequired: true,
        },
      ).errors,
      undefined,
    );
  });

  it('keeps the stored secret when none is typed for a provider that has one', () => {
    const parsed = parseProviderForm(
      { issuer: 'https://idp.example', clientId: 'x', clientSecret: '', domains: 'a.uk' },
      { allowHttp: false, secretRequired: false },
    );
    assert.equal(parsed.values?.clientSecret, '');
  });

  it('splits domains on lines, commas and spaces, once each', () => {
    assert.deepEqual(splitDomains(' A.uk,b.uk;\n\n@a.uk  c.uk '), ['a.uk', 'b.uk', 'c.uk']);
  });
});

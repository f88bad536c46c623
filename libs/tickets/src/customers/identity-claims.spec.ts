import { CustomerIdentitySchema, create } from '@switchboard/contracts';
import { identityClaimsOf } from './identity-claims';

describe('identityClaimsOf', () => {
  it('normalizes every identity, strongest first, verified only when proven', () => {
    const customer = create(CustomerIdentitySchema, {
      email: ' Lin@Example.COM ',
      phone: '+86 (138) 0013-8000',
      wechatOpenid: 'o-1',
      externalId: 'crm-7',
      verified: ['email', 'bogus'],
    });
    expect(identityClaimsOf(customer, 'web')).toEqual([
      { kind: 'wechat_openid', value: 'o-1', verified: false },
      { kind: 'external', value: 'crm-7', verified: false },
      { kind: 'email', value: 'lin@example.com', verified: true },
      { kind: 'phone', value: '+8613800138000', verified: false },
    ]);
  });

  it('counts WeChat ids as proven on the WeChat channel and the CRM id on the API channel', () => {
    const customer = create(CustomerIdentitySchema, { wechatUnionid: 'u-1', externalId: 'crm-7', email: 'a@b.c' });
    expect(identityClaimsOf(customer, 'wechat').map((c) => [c.kind, c.verified])).toEqual([
      ['wechat_unionid', true],
      ['external', false],
      ['email', false],
    ]);
    expect(identityClaimsOf(customer, 'api').map((c) => [c.kind, c.verified])).toEqual([
      ['wechat_unionid', false],
      ['external', true],
      ['email', false],
    ]);
  });

  it('drops a phone that is not E.164 and an absent customer', () => {
    expect(identityClaimsOf(create(CustomerIdentitySchema, { phone: '12345' }), 'sms')).toEqual([]);
    expect(identityClaimsOf(undefined, 'sms')).toEqual([]);
  });
});

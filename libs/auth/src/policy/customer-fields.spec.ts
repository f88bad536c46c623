import { customerVisibleMessagesSql, isCustomerVisible } from './customer-fields';

describe('customer-facing field rule', () => {
  it('keeps internal notes, and any direction not listed, out of customer answers', () => {
    expect(isCustomerVisible('inbound')).toBe(true);
    expect(isCustomerVisible('outbound')).toBe(true);
    expect(isCustomerVisible('note')).toBe(false);
    expect(isCustomerVisible('internal')).toBe(false);
    expect(customerVisibleMessagesSql('m.direction')).toBe(`m.direction IN ('inbound', 'outbound')`);
  });
});

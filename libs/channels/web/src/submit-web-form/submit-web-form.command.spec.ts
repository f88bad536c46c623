import { parseSubmitWebForm, type SubmitWebFormInput } from './submit-web-form.command';

const valid = {
  name: 'Li Lei',
  email: 'li.lei@example.com',
  subject: 'Cannot log in',
  message: 'The login page says my password is wrong.',
};

const input = (body: unknown, extra: Partial<SubmitWebFormInput> = {}): SubmitWebFormInput => ({
  tenant: 'acme',
  body,
  idempotencyKey: undefined,
  userAgent: undefined,
  ...extra,
});

function commandOf(body: unknown, extra: Partial<SubmitWebFormInput> = {}) {
  const parsed = parseSubmitWebForm(input(body, extra));
  if (!parsed.ok) throw new Error(`expected valid, got ${JSON.stringify(parsed.problems)}`);
  return parsed.command;
}

function problemsOf(body: unknown, extra: Partial<SubmitWebFormInput> = {}) {
  const parsed = parseSubmitWebForm(input(body, extra));
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems.map((p) => [p.field, p.reason]);
}

describe('parseSubmitWebForm', () => {
  it('accepts a minimal submission and trims every string', () => {
    const command = commandOf({
      name: '  Li Lei ',
      email: ' Li.Lei@Example.COM ',
      subject: ' Hi ',
      message: '\n text \n',
    });
    expect(command).toEqual({
      tenant: 'acme',
      name: 'Li Lei',
      email: 'li.lei@example.com',
      subject: 'Hi',
      message: 'text',
      phone: undefined,
      category: undefined,
      region: undefined,
      language: undefined,
      clientMessageId: undefined,
      userAgent: undefined,
      ticketType: undefined,
      customFields: {},
    });
  });

  it('keeps the optional fields when they are valid', () => {
    const command = commandOf(
      {
        ...valid,
        phone: '+86 138-0013-8000',
        category: 'billing',
        region: 'cn-east',
        language: 'zh-CN',
        clientMessageId: 'form:0193-abcd',
      },
      { userAgent: 'Mozilla/5.0' },
    );
    expect(command).toMatchObject({
      phone: '+8613800138000',
      category: 'billing',
      region: 'cn-east',
      language: 'zh-CN',
      clientMessageId: 'form:0193-abcd',
      userAgent: 'Mozilla/5.0',
    });
  });

  it('treats empty and blank optional strings as absent', () => {
    const command = commandOf({ ...valid, phone: '', category: '   ', region: '', language: ' ', clientMessageId: '' });
    expect(command.phone).toBeUndefined();
    expect(command.category).toBeUndefined();
    expect(command.region).toBeUndefined();
    expect(command.language).toBeUndefined();
    expect(command.clientMessageId).toBeUndefined();
  });

  it('lists every bad field together, each with its reason', () => {
    expect(
      problemsOf({
        name: '   ',
        email: 'not-an-email',
        phone: '13800138000',
        category: 'Billing!',
        subject: 'x'.repeat(301),
        message: '',
        region: 'EU West',
        language: 'english please',
        clientMessageId: 'short',
      }),
    ).toEqual([
      ['name', 'required'],
      ['email', 'invalid_email'],
      ['phone', 'invalid_format'],
      ['category', 'invalid_format'],
      ['subject', 'too_long'],
      ['message', 'required'],
      ['region', 'invalid_format'],
      ['language', 'invalid_format'],
      ['clientMessageId', 'invalid_format'],
    ]);
  });

  it('reports missing required fields for an empty or non-object body', () => {
    const required = [
      ['name', 'required'],
      ['email', 'required'],
      ['subject', 'required'],
      ['message', 'required'],
    ];
    expect(problemsOf({})).toEqual(required);
    expect(problemsOf(undefined)).toEqual(required);
    expect(problemsOf(['a'])).toEqual(required);
  });

  it('enforces the length limits at the boundary', () => {
    expect(commandOf({ ...valid, name: 'n'.repeat(200), message: 'm'.repeat(20_000) }).name).toHaveLength(200);
    expect(problemsOf({ ...valid, name: 'n'.repeat(201), message: 'm'.repeat(20_001) })).toEqual([
      ['name', 'too_long'],
      ['message', 'too_long'],
    ]);
    expect(problemsOf({ ...valid, email: `${'a'.repeat(250)}@example.com` })).toEqual([['email', 'too_long']]);
  });

  it('says "invalid_type" for values that are not single strings (repeated form fields, JSON numbers)', () => {
    expect(problemsOf({ ...valid, name: ['a', 'b'], subject: 42 })).toEqual([
      ['name', 'invalid_type'],
      ['subject', 'invalid_type'],
    ]);
  });

  it('checks phone as E.164', () => {
    expect(commandOf({ ...valid, phone: '+14155550123' }).phone).toBe('+14155550123');
    for (const phone of ['+0123456789', '+12345', '+1234567890123456', '+86 138 abc', '00861380013800']) {
      expect(problemsOf({ ...valid, phone })).toEqual([['phone', 'invalid_format']]);
    }
  });

  it('falls back to the Idempotency-Key header when there is no clientMessageId', () => {
    expect(commandOf(valid, { idempotencyKey: ' key-12345678 ' }).clientMessageId).toBe('key-12345678');
    expect(
      commandOf({ ...valid, clientMessageId: 'body-12345678' }, { idempotencyKey: 'key-12345678' }).clientMessageId,
    ).toBe('body-12345678');
    expect(commandOf(valid, { idempotencyKey: '' }).clientMessageId).toBeUndefined();
  });

  it('rejects a malformed Idempotency-Key together with the body problems', () => {
    expect(problemsOf({ ...valid, email: '' }, { idempotencyKey: 'bad key with spaces' })).toEqual([
      ['email', 'required'],
      ['Idempotency-Key', 'invalid_format'],
    ]);
  });

  it('gives human-readable messages', () => {
    const parsed = parseSubmitWebForm(input({ ...valid, name: 'n'.repeat(201), email: 'x' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      { field: 'name', reason: 'too_long', message: 'Name must be at most 200 characters.' },
      { field: 'email', reason: 'invalid_email', message: 'Enter a valid email address, e.g. name@example.com.' },
    ]);
  });

  it('caps the user agent kept as metadata', () => {
    expect(commandOf(valid, { userAgent: 'u'.repeat(2_000) }).userAgent).toHaveLength(512);
  });

  it('takes the ticket number a follow-up names, upper-cased, and refuses one that is not a ticket number', () => {
    expect(commandOf({ ...valid, ticketNumber: ' sb-000042 ' }).ticketNumber).toBe('SB-000042');
    expect(commandOf({ ...valid, ticketNumber: '' }).ticketNumber).toBeUndefined();
    expect(problemsOf({ ...valid, ticketNumber: 'my ticket' }).map(([field]) => field)).toEqual(['ticketNumber']);
  });
});

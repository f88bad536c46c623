import { DomainException } from '@switchboard/errors';
import type { ErrorKind } from '@switchboard/errors';
import { classifyFailure } from './failure-classifier';

class TestException extends DomainException<'x'> {
  constructor(readonly kind: ErrorKind) {
    super('x', `kind ${kind}`);
  }
}

const withCode = (code: string, message = 'failed'): Error => Object.assign(new Error(message), { code });

describe('classifyFailure', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])(
    'treats errno %s as transient',
    (code) => expect(classifyFailure(withCode(code))).toBe('transient'),
  );

  it.each([
    ['08006', 'connection failure'],
    ['08001', 'cannot establish connection'],
    ['53300', 'too many connections'],
    ['57P01', 'admin shutdown'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'cannot connect now'],
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
    ['55P03', 'lock not available'],
    ['57014', 'statement timeout'],
  ])('treats SQLSTATE %s (%s) as transient', (code) => expect(classifyFailure(withCode(code))).toBe('transient'));

  it.each(['23505', '42P01', '23503'])('does not treat SQLSTATE %s as transient', (code) =>
    expect(classifyFailure(withCode(code))).toBe('unknown'),
  );

  it.each(['22P02', '22021', '22P05', '22003'])(
    "treats data exception %s as permanent (the record's content)",
    (code) => expect(classifyFailure(withCode(code))).toBe('permanent'),
  );

  it('treats the pg driver and pool messages that carry no code as transient', () => {
    expect(classifyFailure(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyFailure(new Error('timeout exceeded when trying to connect'))).toBe('transient');
  });

  it('looks through TypeORM driverError, cause and AggregateError', () => {
    const typeorm = Object.assign(new Error('QueryFailedError: terminating connection'), {
      name: 'QueryFailedError',
      driverError: withCode('57P01'),
    });
    expect(classifyFailure(typeorm)).toBe('transient');
    expect(classifyFailure(new Error('outer', { cause: withCode('ECONNREFUSED') }))).toBe('transient');
    expect(classifyFailure(new AggregateError([new Error('a'), withCode('ECONNREFUSED')], 'connect'))).toBe(
      'transient',
    );
  });

  it('treats @platformatic/kafka network, timeout and retriable protocol errors as transient', () => {
    expect(classifyFailure(withCode('PLT_KFK_NETWORK'))).toBe('transient');
    expect(classifyFailure(withCode('PLT_KFK_TIMEOUT'))).toBe('transient');
    expect(classifyFailure(Object.assign(withCode('PLT_KFK_PROTOCOL'), { canRetry: true }))).toBe('transient');
    expect(classifyFailure(Object.assign(withCode('PLT_KFK_PROTOCOL'), { canRetry: false }))).toBe('unknown');
  });

  it("maps a DomainException by kind: 'unavailable' is transient, every other kind permanent", () => {
    expect(classifyFailure(new TestException('unavailable'))).toBe('transient');
    expect(classifyFailure(new TestException('invalid'))).toBe('permanent');
    expect(classifyFailure(new TestException('not_found'))).toBe('permanent');
    expect(classifyFailure(Object.assign(new Error('duck'), { kind: 'conflict' }))).toBe('permanent');
  });

  it('treats a zod validation error as permanent', () => {
    expect(classifyFailure(Object.assign(new Error('bad'), { name: 'ZodError', issues: [] }))).toBe('permanent');
  });

  it('leaves anything else unknown (a bug gets bounded retries, not an endless loop)', () => {
    expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe('unknown');
    expect(classifyFailure('a string')).toBe('unknown');
    expect(classifyFailure(Object.assign(new Error('x'), { kind: 'weird' }))).toBe('unknown');
  });
});

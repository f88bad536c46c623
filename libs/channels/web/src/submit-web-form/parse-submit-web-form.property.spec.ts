import fc from 'fast-check';
import { parseSubmitWebForm } from './submit-web-form.command';

const formLike = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 300 }), fc.anything()),
    email: fc.oneof(fc.emailAddress(), fc.string(), fc.anything()),
    subject: fc.oneof(fc.string({ maxLength: 400 }), fc.anything()),
    message: fc.oneof(fc.string({ maxLength: 2_000 }), fc.anything()),
    phone: fc.oneof(fc.constant('+8613800138000'), fc.string(), fc.anything()),
    clientMessageId: fc.oneof(fc.uuid(), fc.string(), fc.anything()),
    ticketType: fc.oneof(fc.constantFrom('repair', 'return'), fc.string(), fc.anything()),
    'custom.serial': fc.oneof(fc.string(), fc.anything()),
    __proto__: fc.anything(),
    constructor: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('the web form parser, for any body and header', () => {
  it('never throws, and either lists problems or yields a command within the limits', () => {
    fc.assert(
      fc.property(fc.oneof(formLike, fc.anything()), fc.anything(), (body, idempotencyKey) => {
        const parsed = parseSubmitWebForm({ tenant: 'acme', body, idempotencyKey, userAgent: undefined });
        if (!parsed.ok) {
          expect(parsed.problems.length).toBeGreaterThan(0);
          for (const p of parsed.problems) expect(typeof p.reason).toBe('string');
          return;
        }
        const { command } = parsed;
        expect(command.email).toBe(command.email.toLowerCase());
        expect(command.name.trim()).not.toBe('');
        expect(command.subject.length).toBeLessThanOrEqual(300);
        expect(Object.getPrototypeOf(command.customFields)).toBe(Object.prototype);
      }),
      { numRuns: 1_000 },
    );
  });
});

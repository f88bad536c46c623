import { AgentApiException, AgentApiExceptionCode, toHttpError } from './agent-api.exception';

describe('toHttpError', () => {
  it.each([
    [AgentApiExceptionCode.ValidationFailed, 400],
    [AgentApiExceptionCode.Unauthorized, 401],
    [AgentApiExceptionCode.InvalidToken, 401],
    [AgentApiExceptionCode.TokenExpired, 401],
    [AgentApiExceptionCode.InvalidCredentials, 401],
    [AgentApiExceptionCode.Forbidden, 403],
    [AgentApiExceptionCode.TicketNotFound, 404],
  ])('maps %s to %i', (code, status) => {
    expect(toHttpError(new AgentApiException(code, 'message')).status).toBe(status);
  });

  it('covers every code', () => {
    for (const code of Object.values(AgentApiExceptionCode)) {
      expect(() => toHttpError(new AgentApiException(code, 'message'))).not.toThrow();
    }
  });

  it('keeps the code, message and field problems in the error body', () => {
    const fields = [{ field: 'email', reason: 'required', message: 'Required.' }];
    const error = toHttpError(new AgentApiException(AgentApiExceptionCode.ValidationFailed, 'Invalid.', fields));
    expect(error.toBody()).toEqual({ error: { code: 'validation_failed', message: 'Invalid.', fields } });
  });
});

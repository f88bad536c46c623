import { safeError } from './index';

describe('safeError', () => {
  it('keeps what explains the failure and drops the statement parameters', () => {
    const error = Object.assign(new Error('deadlock detected'), {
      code: '40P01',
      parameters: [['Wei Zhang', 'my password is hunter2']],
      driverError: { parameters: ['secret body'] },
    });
    const logged = JSON.stringify(safeError(error));
    expect(logged).toContain('deadlock detected');
    expect(logged).toContain('40P01');
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('secret body');
  });
});

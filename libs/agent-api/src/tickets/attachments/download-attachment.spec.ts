import { safeContentType } from './download-attachment.use-case';

describe('safeContentType', () => {
  it('serves types a browser shows but cannot run as they are, and everything else as bytes', () => {
    expect(safeContentType('image/png')).toBe('image/png');
    expect(safeContentType('application/PDF; name="a.pdf"')).toBe('application/pdf');
    expect(safeContentType('text/plain')).toBe('text/plain; charset=utf-8');
    for (const risky of [
      'text/html',
      'image/svg+xml',
      'application/xhtml+xml',
      'text/xml',
      'application/javascript',
      '',
    ]) {
      expect(safeContentType(risky)).toBe('application/octet-stream');
    }
  });
});

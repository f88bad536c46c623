import { uploadedFileName, uploadedMediaType } from './portal-upload';

describe('portal upload names and types', () => {
  it('keeps the last path segment of a name, without control or hidden characters', () => {
    expect(uploadedFileName('C:\\Users\\lin\\发票.pdf')).toBe('发票.pdf');
    expect(uploadedFileName('../../etc/passwd')).toBe('passwd');
    expect(uploadedFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(uploadedFileName('a\u0000b\u0007c\u009f.txt')).toBe('abc.txt');
    expect(uploadedFileName('👨‍👩‍👧 family.jpg')).toBe('👨‍👩‍👧 family.jpg');
  });

  it('names a file with nothing left "attachment", and clips long names by characters', () => {
    expect(uploadedFileName('')).toBe('attachment');
    expect(uploadedFileName('dir/')).toBe('attachment');
    expect(uploadedFileName('..')).toBe('attachment');
    expect(uploadedFileName('\u200B\u202E')).toBe('attachment');
    expect(Array.from(uploadedFileName('名'.repeat(300)))).toHaveLength(200);
  });

  it('keeps a well-formed media type, lower-cased without parameters, and octet-stream otherwise', () => {
    expect(uploadedMediaType('Image/PNG')).toBe('image/png');
    expect(uploadedMediaType('text/plain; charset=utf-8')).toBe('text/plain');
    expect(uploadedMediaType('not a type')).toBe('application/octet-stream');
    expect(uploadedMediaType('')).toBe('application/octet-stream');
    expect(uploadedMediaType('text/html\r\nx-evil: 1')).toBe('application/octet-stream');
  });
});

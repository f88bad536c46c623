import { HttpEdgeException } from '../errors/http-edge.exception';
import { parseMultipartForm, type MultipartLimits } from './multipart-form';

const limits: MultipartLimits = { files: 2, totalFileBytes: 1_000, fields: 4, fieldBytes: 100 };

/** A body exactly as a browser's FormData serializes it. */
async function encode(form: FormData): Promise<{ type: string; body: Buffer }> {
  const response = new Response(form);
  return { type: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
}

async function refusal(promise: Promise<unknown>): Promise<HttpEdgeException> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpEdgeException)) throw new Error(`expected an HttpEdgeException, got ${String(error)}`);
  return error;
}

describe('parseMultipartForm', () => {
  it('reads fields and files, keeping UTF-8 names and the bytes', async () => {
    const form = new FormData();
    form.set('bodyText', '你好 👋');
    form.append('files', new Blob([Buffer.from([0, 1, 2, 255])], { type: 'image/png' }), '发票.png');
    const { type, body } = await encode(form);
    const parsed = await parseMultipartForm(type, body, limits);
    expect(parsed.fields).toEqual({ bodyText: '你好 👋' });
    expect(parsed.files).toEqual([
      { field: 'files', fileName: '发票.png', contentType: 'image/png', content: Buffer.from([0, 1, 2, 255]) },
    ]);
  });

  it('skips a file input left empty', async () => {
    const form = new FormData();
    form.set('bodyText', 'hi');
    form.append('files', new Blob([]), '');
    const { type, body } = await encode(form);
    expect((await parseMultipartForm(type, body, limits)).files).toEqual([]);
  });

  it('refuses more files than the limit, and more bytes, with 413', async () => {
    const many = new FormData();
    for (const name of ['a', 'b', 'c']) many.append('files', new Blob(['x']), name);
    const three = await encode(many);
    expect((await refusal(parseMultipartForm(three.type, three.body, limits))).kind).toBe('payload_too_large');

    const big = new FormData();
    big.append('files', new Blob([Buffer.alloc(600)]), 'a');
    big.append('files', new Blob([Buffer.alloc(600)]), 'b');
    const heavy = await encode(big);
    expect((await refusal(parseMultipartForm(heavy.type, heavy.body, limits))).kind).toBe('payload_too_large');
  });

  it('refuses an over-long field with 413', async () => {
    const form = new FormData();
    form.set('bodyText', 'x'.repeat(101));
    const { type, body } = await encode(form);
    expect((await refusal(parseMultipartForm(type, body, limits))).kind).toBe('payload_too_large');
  });

  it('refuses a body that is not multipart, has no boundary or is cut short, with 400', async () => {
    expect((await refusal(parseMultipartForm('application/json', Buffer.from('{}'), limits))).kind).toBe('invalid');
    expect((await refusal(parseMultipartForm('multipart/form-data', Buffer.from('x'), limits))).kind).toBe('invalid');
    const form = new FormData();
    form.append('files', new Blob(['hello world']), 'a.txt');
    const { type, body } = await encode(form);
    const cut = body.subarray(0, body.length - 20);
    expect((await refusal(parseMultipartForm(type, cut, limits))).kind).toBe('invalid');
  });
});

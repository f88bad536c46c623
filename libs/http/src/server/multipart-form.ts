import busboy from 'busboy';
import type { FastifyInstance } from 'fastify';
import { HttpEdgeException, HttpEdgeExceptionCode } from '../errors/http-edge.exception';

export interface MultipartLimits {
  readonly files: number;
  /** Every file's bytes together. */
  readonly totalFileBytes: number;
  readonly fields: number;
  readonly fieldBytes: number;
}

export interface MultipartFile {
  readonly field: string;
  /** As the browser sent it (may be a path, may hold any character): the feature decides what to keep. */
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface MultipartForm {
  readonly fields: Readonly<Record<string, string>>;
  readonly files: readonly MultipartFile[];
}

/**
 * multipart/form-data bodies arrive as a Buffer, so the route's body limit and media types apply as
 * to any body; a route that takes files parses them with parseMultipartForm. Others refuse the
 * Buffer in their validation (400), like any body of the wrong shape.
 */
export function acceptMultipartBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
}

const malformed = (message: string): HttpEdgeException =>
  new HttpEdgeException(HttpEdgeExceptionCode.MalformedBody, message);
const tooLarge = (message: string): HttpEdgeException =>
  new HttpEdgeException(HttpEdgeExceptionCode.PayloadTooLarge, message);

/**
 * The fields and files of a multipart/form-data body. A file input left empty (a part with no file
 * name and no bytes) is not a file. Over a limit: 413; not multipart, or broken: 400.
 */
export function parseMultipartForm(
  contentType: string | undefined,
  body: unknown,
  limits: MultipartLimits,
): Promise<MultipartForm> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data') || !Buffer.isBuffer(body))
    return Promise.reject(malformed('Send the form as multipart/form-data.'));
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: MultipartFile[] = [];
    let fileBytes = 0;
    let failure: HttpEdgeException | undefined;
    const fail = (error: HttpEdgeException): void => {
      failure ??= error;
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        // Browsers send file names as raw UTF-8, not RFC 2231 (busboy's default reads them as latin1).
        defParamCharset: 'utf8',
        limits: {
          files: limits.files,
          fields: limits.fields,
          fieldSize: limits.fieldBytes,
          fileSize: limits.totalFileBytes,
          parts: limits.files + limits.fields,
        },
      });
    } catch {
      reject(malformed('The multipart body has no usable boundary.'));
      return;
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(tooLarge(`The field ${name} is longer than ${limits.fieldBytes} bytes.`));
      else fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const fileName = info.filename ?? '';
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        fileBytes += chunk.length;
        if (fileBytes > limits.totalFileBytes)
          fail(tooLarge(`The files come to more than ${limits.totalFileBytes} bytes.`));
        else chunks.push(chunk);
      });
      // A body cut short ends the open file with an error; the parser reports it as well.
      stream.on('error', () => fail(malformed('The multipart body is malformed.')));
      stream.on('limit', () => fail(tooLarge(`The files come to more than ${limits.totalFileBytes} bytes.`)));
      stream.on('end', () => {
        const content = Buffer.concat(chunks);
        if (fileName === '' && content.length === 0) return;
        files.push({ field, fileName, contentType: info.mimeType, content });
      });
    });
    parser.on('filesLimit', () => fail(tooLarge(`At most ${limits.files} files.`)));
    parser.on('fieldsLimit', () => fail(tooLarge(`At most ${limits.fields} fields.`)));
    parser.on('partsLimit', () => fail(tooLarge(`At most ${limits.files + limits.fields} parts.`)));
    parser.on('error', () => reject(failure ?? malformed('The multipart body is malformed.')));
    parser.on('close', () => (failure ? reject(failure) : resolve({ fields, files })));
    parser.end(body);
  });
}

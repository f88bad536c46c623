import { AccessTokenProvider, type IssuedToken } from './access-token-provider';
import type { WechatSharedStore } from './shared-store';
import type { WechatApiConfig } from './wechat-api.config';
import {
  BACKOFF_ERRCODES,
  TOKEN_ERRCODES,
  WechatApiException,
  WechatApiExceptionCode,
  apiExceptionOf,
} from './wechat-api.exception';
import type { WechatCredential } from './wechat-credential';

export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  /** e.g. `/cgi-bin/message/custom/send`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly form?: FormData;
}

/** A JSON answer that passed the errcode check. */
export type ApiResult = Readonly<Record<string, unknown>>;

export interface BinaryResult {
  readonly content: Buffer;
  readonly contentType: string;
  readonly fileName: string | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errcodeOf(body: ApiResult): number {
  return typeof body['errcode'] === 'number' ? body['errcode'] : 0;
}

const unavailable = (message: string): WechatApiException =>
  new WechatApiException(WechatApiExceptionCode.Unavailable, message, 0);

/**
 * Calls WeChat's and WeCom's APIs with a shared access token: a token error refreshes it once and
 * repeats; a quota/frequency error or a transit failure waits and repeats along `backoffMs`, then fails
 * as retryable; any other errcode fails at once. Never logs tokens or bodies.
 */
export class WechatHttpClient {
  readonly tokens: AccessTokenProvider;

  constructor(
    private readonly config: WechatApiConfig,
    store: WechatSharedStore,
    tokenOptions: ConstructorParameters<typeof AccessTokenProvider>[2] = {},
  ) {
    this.tokens = new AccessTokenProvider(store, (credential) => this.issueToken(credential), tokenOptions);
  }

  async call(credential: WechatCredential, request: ApiRequest, what: string): Promise<ApiResult> {
    const response = await this.withToken(credential, request, what);
    return this.checked(await this.json(response, what), what);
  }

  /** A media download: bytes, or the platform's JSON error (which media/get answers with HTTP 200). */
  async download(credential: WechatCredential, request: ApiRequest, what: string): Promise<BinaryResult> {
    const response = await this.withToken(credential, request, what);
    if (!/json|text\/plain/i.test(response.headers.get('content-type') ?? '')) return this.binaryOf(response, what);
    const body = await this.json(response, what);
    // A video's media/get answers a download link instead of the bytes.
    const videoUrl = body['video_url'];
    if (typeof videoUrl === 'string' && /^https?:\/\//.test(videoUrl)) {
      const video = await fetch(videoUrl, { signal: AbortSignal.timeout(this.config.timeoutMs) }).catch(
        () => undefined,
      );
      if (!video?.ok) throw unavailable(`${what} could not fetch the video link`);
      return this.binaryOf(video, what);
    }
    throw apiExceptionOf(errcodeOf(body), 'media error', what);
  }

  private async binaryOf(response: Response, what: string): Promise<BinaryResult> {
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > this.config.maxMediaBytes) {
      await response.body?.cancel();
      throw apiExceptionOf(0, `media of ${declared} bytes is over the limit`, what);
    }
    const content = Buffer.from(await response.arrayBuffer());
    if (content.length > this.config.maxMediaBytes) throw apiExceptionOf(0, 'media over the limit', what);
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    return { content, contentType: contentType.split(';')[0]?.trim() ?? contentType, fileName };
  }

  private baseUrl(credential: WechatCredential): string {
    return credential.api === 'oa' ? this.config.oaBaseUrl : this.config.wecomBaseUrl;
  }

  /** Sends with the current token; on a token errcode refreshes once and sends again. */
  private async withToken(credential: WechatCredential, request: ApiRequest, what: string): Promise<Response> {
    let token = await this.tokens.token(credential);
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(credential, request, token, what);
      const errcode = await this.peekErrcode(response);
      if (attempt === 0 && TOKEN_ERRCODES.has(errcode)) {
        token = await this.tokens.invalidate(credential, token);
        continue;
      }
      return response;
    }
  }

  /** Backoff around one HTTP exchange: transit failures, 5xx and quota errcodes are repeated. */
  private async send(
    credential: WechatCredential,
    request: ApiRequest,
    token: string | undefined,
    what: string,
  ): Promise<Response> {
    const url = new URL(request.path, this.baseUrl(credential));
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    if (token !== undefined) url.searchParams.set('access_token', token);
    for (let attempt = 0; ; attempt++) {
      const wait = this.config.backoffMs[attempt];
      let response: Response | undefined;
      try {
        response = await fetch(url, {
          method: request.method,
          signal: AbortSignal.timeout(this.config.timeoutMs),
          ...(request.json !== undefined
            ? { body: JSON.stringify(request.json), headers: { 'content-type': 'application/json; charset=utf-8' } }
            : request.form
              ? { body: request.form }
              : {}),
        });
      } catch (error) {
        if (wait === undefined)
          throw unavailable(`${what} failed in transit: ${error instanceof Error ? error.name : 'error'}`);
      }
      if (response && response.status < 500) {
        const errcode = await this.peekErrcode(response);
        if (!BACKOFF_ERRCODES.has(errcode) || wait === undefined) return response;
      } else if (response && wait === undefined) {
        throw unavailable(`${what} failed: HTTP ${response.status}`);
      }
      await response?.body?.cancel();
      await sleep(wait ?? 0);
    }
  }

  /** The errcode of a JSON answer, read from a clone so the caller can still read the body. */
  private async peekErrcode(response: Response): Promise<number> {
    if (!/json|text\/plain/i.test(response.headers.get('content-type') ?? '')) return 0;
    try {
      return errcodeOf((await response.clone().json()) as ApiResult);
    } catch {
      return 0;
    }
  }

  private async json(response: Response, what: string): Promise<ApiResult> {
    try {
      const body: unknown = await response.json();
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
      return body as ApiResult;
    } catch {
      throw unavailable(`${what} answered HTTP ${response.status} without a JSON object`);
    }
  }

  private checked(body: ApiResult, what: string): ApiResult {
    const errcode = errcodeOf(body);
    if (errcode === 0) return body;
    throw apiExceptionOf(errcode, typeof body['errmsg'] === 'string' ? body['errmsg'] : '', what);
  }

  private async issueToken(credential: WechatCredential): Promise<IssuedToken> {
    const request: ApiRequest =
      credential.api === 'oa'
        ? {
            method: 'GET',
            path: '/cgi-bin/token',
            query: { grant_type: 'client_credential', appid: credential.appId, secret: credential.secret },
          }
        : {
            method: 'GET',
            path: '/cgi-bin/gettoken',
            query: { corpid: credential.corpId, corpsecret: credential.secret },
          };
    const body = this.checked(
      await this.json(await this.send(credential, request, undefined, 'token'), 'token'),
      'token',
    );
    const accessToken = body['access_token'];
    const expiresIn = body['expires_in'];
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresIn !== 'number' || expiresIn <= 0) {
      throw unavailable('the token endpoint answered without access_token / expires_in');
    }
    return { accessToken, expiresInSeconds: expiresIn };
  }
}

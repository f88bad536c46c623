import { FakeTwilioApi, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, twilioSid } from '../testing';
import { VoiceChannelExceptionCode } from '../voice-channel.exception';
import { InMemoryBlobStore } from './blob-store';
import { fetchMessageMedia } from './fetch-message-media';
import { TwilioMediaFetcher } from './twilio-media-fetcher';

const credentials = { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN };
const limits = { maxBytes: 1024, allowedTypes: ['image/*', 'application/pdf'] };
let api: FakeTwilioApi;
let blobs: InMemoryBlobStore;
let fetcher: TwilioMediaFetcher;

beforeEach(async () => {
  api = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
  blobs = new InMemoryBlobStore();
  fetcher = new TwilioMediaFetcher(api.baseUrl, credentials, limits, blobs);
});

afterEach(async () => {
  await api.stop();
});

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: { code?: string }) => error.code,
  );

describe('TwilioMediaFetcher', () => {
  it('fetches with the account credentials, follows the CDN redirect without them and stores the bytes', async () => {
    const image = Buffer.from('fake-jpeg-bytes');
    const url = api.addMedia(api.mediaPath(twilioSid('SM', 1), twilioSid('ME', 1)), image, 'image/jpeg', {
      redirect: true,
    });
    const stored = await fetcher.fetchInto(url, 'media-0', 'image/jpeg');
    expect(stored).toMatchObject({ name: 'media-0.jpg', contentType: 'image/jpeg', sizeBytes: image.length });
    expect(blobs.blobs.get(stored.sha256)).toEqual(image);
    const [first, second] = api.requests;
    expect(first?.authorization).toMatch(/^Basic /);
    expect(second?.origin).toBe('cdn');
    expect(second?.authorization).toBeUndefined();
  });

  it('aborts a download that passes the limit, with or without Content-Length', async () => {
    const big = Buffer.alloc(4096, 1);
    const declared = api.addMedia('/2010-04-01/a', big, 'image/png');
    const chunked = api.addMedia('/2010-04-01/b', big, 'image/png', { chunked: true });
    expect(await codeOf(fetcher.fetchInto(declared, 'm'))).toBe(VoiceChannelExceptionCode.MediaTooLarge);
    expect(await codeOf(fetcher.fetchInto(chunked, 'm'))).toBe(VoiceChannelExceptionCode.MediaTooLarge);
    expect(blobs.blobs.size).toBe(0);
  });

  it('refuses types outside the allow-list and URLs outside the API', async () => {
    const exe = api.addMedia('/2010-04-01/c', Buffer.from('MZ'), 'application/x-msdownload');
    expect(await codeOf(fetcher.fetchInto(exe, 'm'))).toBe(VoiceChannelExceptionCode.MediaTypeNotAllowed);
    expect(await codeOf(fetcher.fetchInto(exe, 'm', 'image/png'))).toBe(VoiceChannelExceptionCode.MediaTypeNotAllowed);
    expect(await codeOf(fetcher.fetchInto(exe, 'm', 'application/x-msdownload'))).toBe(
      VoiceChannelExceptionCode.MediaTypeNotAllowed,
    );
    expect(await codeOf(fetcher.fetchInto('https://evil.example/x.png', 'm'))).toBe(
      VoiceChannelExceptionCode.MediaOriginNotAllowed,
    );
    // The declared type is refused before any request; the two fetches are the ones that read the answer's type.
    expect(api.requests.filter((r) => r.path === '/2010-04-01/c')).toHaveLength(2);
  });

  it('names every media item it could not keep and keeps the others', async () => {
    const ok = api.addMedia('/2010-04-01/ok', Buffer.from('%PDF-1.7'), 'application/pdf');
    const result = await fetchMessageMedia(fetcher, [
      { index: 0, url: ok, contentType: 'application/pdf' },
      { index: 1, url: `${api.baseUrl}/2010-04-01/missing`, contentType: 'image/png' },
      { index: 2, url: ok, contentType: 'video/mp4' },
    ]);
    expect(result.stored.map((m) => m.name)).toEqual(['media-0.pdf']);
    expect(result.skipped.map((s) => `${s.name} ${s.reason.split(':')[0]}`)).toEqual([
      'media-1 media_unavailable',
      'media-2 media_type_not_allowed',
    ]);
    expect(api.requests.filter((r) => r.path.endsWith('/missing'))).toHaveLength(3);
  });
});

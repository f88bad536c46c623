import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { LocalBlobStore } from '@switchboard/blobs';
import { interpretEmail, type InterpretedEmail } from './interpret/interpret-email';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

const expectationSchema = z
  .object({
    kind: z.enum(['customer', 'noise', 'bounce']),
    noiseReason: z.string().optional(),
    /** Customer mail we must not answer automatically. */
    noAutoReply: z.boolean().optional(),
    messageId: z.string().nullable().optional(),
    from: z.string().optional(),
    fromName: z.string().optional(),
    subject: z.string().optional(),
    inReplyTo: z.string().optional(),
    referencedMessageIds: z.array(z.string()).optional(),
    replyToken: z.string().optional(),
    subjectTicketNumber: z.string().optional(),
    shownIncludes: z.array(z.string()).optional(),
    shownExcludes: z.array(z.string()).optional(),
    fullIncludes: z.array(z.string()).optional(),
    htmlIncludes: z.array(z.string()).optional(),
    htmlExcludes: z.array(z.string()).optional(),
    attachments: z
      .array(
        z.object({
          name: z.string(),
          contentType: z.string(),
          inline: z.boolean(),
          contentId: z.string().optional(),
          sizeBytes: z.number(),
        }),
      )
      .optional(),
    refused: z.array(z.string()).optional(),
    bounce: z
      .object({
        originalMessageId: z.string(),
        failedRecipient: z.string(),
        status: z.string(),
        action: z.enum(['failed', 'delayed']).optional(),
        recognisedBy: z.enum(['delivery_status_report', 'heuristic']).optional(),
        diagnosticIncludes: z.string(),
      })
      .optional(),
  })
  .strict();
type Expectation = z.infer<typeof expectationSchema>;

const expectations = z
  .record(z.string(), expectationSchema)
  .parse(JSON.parse(await readFile(join(fixtures, 'expectations.json'), 'utf8')));
const files = (await readdir(fixtures)).filter((f) => f.endsWith('.eml')).sort();

function checkHeaders(result: InterpretedEmail, expected: Expectation): void {
  const { parsed, keys, classification } = result;
  expect(classification.kind).toBe(expected.kind);
  if (expected.noiseReason) expect(classification).toEqual({ kind: 'noise', reason: expected.noiseReason });
  if (expected.messageId !== undefined) expect(parsed.messageId).toBe(expected.messageId ?? undefined);
  if (expected.noAutoReply !== undefined) {
    expect(classification).toEqual({ kind: 'customer', noAutoReply: expected.noAutoReply });
  }
  if (expected.from) expect(parsed.from?.address).toBe(expected.from);
  if (expected.fromName) expect(parsed.from?.name).toBe(expected.fromName);
  if (expected.subject) expect(parsed.subject).toBe(expected.subject);
  if (expected.inReplyTo) expect(parsed.inReplyTo).toBe(expected.inReplyTo);
  if (expected.referencedMessageIds) expect(keys.referencedMessageIds).toEqual(expected.referencedMessageIds);
  expect(keys.replyToken).toBe(expected.replyToken);
  expect(keys.subjectTicketNumber).toBe(expected.subjectTicketNumber);
}

function checkBodies(result: InterpretedEmail, expected: Expectation): void {
  for (const s of expected.shownIncludes ?? []) expect(result.shownText).toContain(s);
  for (const s of expected.shownExcludes ?? []) expect(result.shownText).not.toContain(s);
  for (const s of expected.fullIncludes ?? []) expect(result.fullText).toContain(s);
  for (const s of expected.htmlIncludes ?? []) expect(result.safeHtml).toContain(s);
  for (const s of expected.htmlExcludes ?? []) expect(result.safeHtml ?? '').not.toContain(s);
  if (expected.attachments) {
    expect(
      result.attachments.map(({ name, contentType, inline, contentId, sizeBytes }) => ({
        name,
        contentType,
        inline,
        ...(contentId ? { contentId } : {}),
        sizeBytes,
      })),
    ).toEqual(expected.attachments);
    for (const a of result.attachments)
      expect(a.storageRef).toBe(`file://sha256/${a.sha256.slice(0, 2)}/${a.sha256.slice(2, 4)}/${a.sha256}`);
  }
  expect(result.refusedAttachments.map((r) => r.name)).toEqual(expected.refused ?? []);
  if (expected.bounce) {
    const { diagnosticIncludes, ...fields } = expected.bounce;
    expect(result.classification).toMatchObject({ kind: 'bounce', bounce: fields });
    expect(result.classification.kind === 'bounce' && result.classification.bounce.diagnostic).toContain(
      diagnosticIncludes,
    );
  }
}

describe('the email fixture corpus', () => {
  let blobRoot: string;
  beforeAll(async () => {
    blobRoot = await mkdtemp(join(tmpdir(), 'sb-email-blobs-'));
  });
  afterAll(async () => {
    await rm(blobRoot, { recursive: true, force: true });
  });

  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(Object.keys(expectations).sort()).toEqual(files);
  });

  it.each(files)('%s is handled as expected', async (file) => {
    const expected = expectations[file];
    if (!expected) throw new Error(`no expectation for ${file}`);
    const raw = await readFile(join(fixtures, file));
    const blobs = new LocalBlobStore(blobRoot, 4096);
    const result = await interpretEmail(raw, { supportAddresses: new Set(['support@example.test']), blobs });
    checkHeaders(result, expected);
    checkBodies(result, expected);
    for (const a of result.attachments) {
      const stored = await readFile(join(blobRoot, a.storageRef.replace('file://', '')));
      expect(stored.length).toBe(a.sizeBytes);
    }
  });
});

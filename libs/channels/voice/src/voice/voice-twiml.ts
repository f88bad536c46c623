import twilio from 'twilio';
import { WebhookPaths, callbackUrl } from '../webhook-paths';
import { canTranscribe, gatherLanguageOf, type IvrLanguage, type IvrSettings, type MenuOption } from './ivr-menu';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;

/** Where the callbacks of one call go, and what they must carry (Twilio signs these URLs). */
export interface CallLinks {
  readonly publicBaseUrl: string;
  readonly tenant: string;
}

/** The words the IVR speaks besides the tenant's own (menu framing, apologies), per language. */
const WORDS: Readonly<
  Record<
    IvrLanguage,
    {
      option: (label: string, digit: string) => string;
      sorry: string;
      noRecording: string;
      thanks: string;
      statusPrompt: (key: string) => string;
    }
  >
> = {
  'en-US': {
    option: (label, digit) => `${label}, press ${digit}.`,
    sorry: 'Sorry, that is not an option.',
    noRecording: 'We did not receive a message. Goodbye.',
    thanks: 'Thank you. Your message has been received. Goodbye.',
    statusPrompt: (key) => `To hear the status of your open ticket, press ${key}.`,
  },
  'zh-CN': {
    option: (label, digit) => `${label}请按${digit}。`,
    sorry: '对不起，没有这个选项。',
    noRecording: '我们没有收到留言。再见。',
    thanks: '谢谢，您的留言已收到。再见。',
    statusPrompt: (key) => `查询您的工单进度，请按${key}。`,
  },
};

const say = (node: { say: VoiceResponse['say'] }, language: IvrLanguage, text: string): void => {
  node.say({ language }, text);
};

function menuText(ivr: IvrSettings, language: IvrLanguage): string {
  const lines = ivr.options.map((o) => WORDS[language].option(o.label[language] ?? o.category, o.digit));
  if (ivr.statusKey) lines.push(WORDS[language].statusPrompt(ivr.statusKey));
  return lines.join(language === 'zh-CN' ? '' : ' ');
}

const speechHints = (ivr: IvrSettings): string =>
  ivr.options
    .flatMap((o) => o.keywords)
    .join(', ')
    .slice(0, 1_000);

/** The menu `<Gather>` (a digit, or speech in the first language); it posts its result even when empty. */
function appendMenu(response: VoiceResponse, ivr: IvrSettings, links: CallLinks, attempt: number): void {
  const primary = ivr.languages[0] ?? 'en-US';
  const gather = response.gather({
    input: ['dtmf', 'speech'],
    numDigits: 1,
    timeout: ivr.gatherTimeoutSeconds,
    language: gatherLanguageOf(primary),
    hints: speechHints(ivr) || undefined,
    action: callbackUrl(links.publicBaseUrl, WebhookPaths.menuChoice, {
      tenant: links.tenant,
      attempt: String(attempt),
    }),
    method: 'POST',
    actionOnEmptyResult: true,
  });
  for (const language of ivr.languages) {
    if (attempt === 1) say(gather, language, ivr.greeting[language] ?? '');
    say(gather, language, menuText(ivr, language));
  }
}

/** The answer to an incoming call: the tenant's greeting and menu. */
export function incomingCallTwiml(ivr: IvrSettings, links: CallLinks): string {
  const response = new twilio.twiml.VoiceResponse();
  appendMenu(response, ivr, links, 1);
  return response.toString();
}

/**
 * Voicemail: the prompt, then `<Record>` whose status (and English transcription) call us back. The
 * callbacks' URLs carry the caller, our number, the category and the language: recording callbacks
 * have no From/To, and Twilio signs the URL, so they need no lookup.
 */
export function voicemailTwiml(
  ivr: IvrSettings,
  links: CallLinks,
  parties: { readonly caller: string; readonly called: string },
  option: MenuOption | undefined,
): string {
  const response = new twilio.twiml.VoiceResponse();
  const primary = ivr.languages[0] ?? 'en-US';
  const query = {
    tenant: links.tenant,
    caller: parties.caller,
    called: parties.called,
    category: option?.category ?? '',
    language: primary,
  };
  for (const language of ivr.languages) say(response, language, ivr.voicemailPrompt[language] ?? '');
  response.record({
    action: callbackUrl(links.publicBaseUrl, WebhookPaths.voicemailDone, query),
    method: 'POST',
    maxLength: ivr.maxRecordingSeconds,
    finishOnKey: '#',
    playBeep: true,
    trim: 'trim-silence',
    recordingStatusCallback: callbackUrl(links.publicBaseUrl, WebhookPaths.recordingStatus, query),
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed', 'absent'],
    ...(canTranscribe(primary)
      ? { transcribe: true, transcribeCallback: callbackUrl(links.publicBaseUrl, WebhookPaths.transcription, query) }
      : {}),
  });
  // Reached only when <Record> ends without its action (nothing was recorded).
  say(response, primary, WORDS[primary].noRecording);
  response.hangup();
  return response.toString();
}

/** An unknown choice: apologize and repeat the menu (without the greeting). */
export function repeatMenuTwiml(ivr: IvrSettings, links: CallLinks, nextAttempt: number): string {
  const primary = ivr.languages[0] ?? 'en-US';
  const response = new twilio.twiml.VoiceResponse();
  say(response, primary, WORDS[primary].sorry);
  appendMenu(response, ivr, links, nextAttempt);
  return response.toString();
}

/** The caller's open ticket's status (read through self-service), then the menu again. */
export function ticketStatusTwiml(ivr: IvrSettings, links: CallLinks, statusText: string, nextAttempt: number): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, ivr.languages[0] ?? 'en-US', statusText);
  appendMenu(response, ivr, links, Math.max(2, nextAttempt));
  return response.toString();
}

/** After the voicemail was recorded. */
export function voicemailDoneTwiml(language: IvrLanguage): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, language, WORDS[language].thanks);
  response.hangup();
  return response.toString();
}

import { z } from 'zod';

/** The languages the IVR speaks and understands. */
export const IVR_LANGUAGES = ['en-US', 'zh-CN'] as const;
export type IvrLanguage = (typeof IVR_LANGUAGES)[number];

const CODE = /^[a-z0-9_-]{1,64}$/;
const DIGIT = /^[0-9]$/;

const wording = z.partialRecord(z.enum(IVR_LANGUAGES), z.string().min(1).max(1_000));

const menuOptionSchema = z.object({
  digit: z.string().regex(DIGIT),
  /** The routing category hint the choice becomes (`after_sales`, `billing`, `other`). */
  category: z.string().regex(CODE),
  /** What the menu says for this option, per language: "For after-sales service". */
  label: wording,
  /** Words a caller may say instead of pressing the digit ("after sales", "售后"). */
  keywords: z.array(z.string().min(1).max(100)).max(20).default([]),
});

/** One tenant's IVR on one number: greeting, menu, status key, voicemail. */
export const ivrSettingsSchema = z
  .object({
    /** Spoken in this order; speech is recognized in the first (Twilio recognizes one language per Gather). */
    languages: z.array(z.enum(IVR_LANGUAGES)).min(1).max(2).default(['en-US']),
    greeting: wording,
    options: z.array(menuOptionSchema).min(1).max(9),
    /** A key that reads the caller's open ticket's status (through self-service), e.g. "9". */
    statusKey: z.string().regex(DIGIT).optional(),
    voicemailPrompt: wording,
    maxRecordingSeconds: z.number().int().min(5).max(600).default(120),
    gatherTimeoutSeconds: z.number().int().min(1).max(30).default(5),
    /** How many times an unknown choice repeats the menu before going to voicemail. */
    maxMenuAttempts: z.number().int().min(1).max(5).default(2),
  })
  .superRefine((ivr, ctx) => {
    const digits = ivr.options.map((o) => o.digit);
    if (new Set(digits).size !== digits.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'digits must be unique' });
    if (ivr.statusKey && digits.includes(ivr.statusKey)) {
      ctx.addIssue({ code: 'custom', path: ['statusKey'], message: 'the status key is also a menu digit' });
    }
    for (const language of ivr.languages) {
      if (!ivr.greeting[language]) ctx.addIssue({ code: 'custom', path: ['greeting', language], message: 'required' });
      if (!ivr.voicemailPrompt[language])
        ctx.addIssue({ code: 'custom', path: ['voicemailPrompt', language], message: 'required' });
    }
  });

export type IvrSettings = z.infer<typeof ivrSettingsSchema>;
export type MenuOption = IvrSettings['options'][number];

export type MenuChoice =
  | { readonly kind: 'option'; readonly option: MenuOption; readonly via: 'dtmf' | 'speech' }
  | { readonly kind: 'status' }
  | { readonly kind: 'none' }
  | { readonly kind: 'unknown'; readonly input: string };

/** Digits as callers say them, so "one" or "一" works as well as pressing 1. */
const SPOKEN_DIGITS: Readonly<Record<string, string>> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  零: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

const normalizeSpeech = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\s]+/gu, ' ')
    .trim();

function digitSpoken(speech: string): string | undefined {
  const words = speech.split(' ');
  if (words.length === 1 && DIGIT.test(words[0] ?? '')) return words[0];
  for (const word of words) if (SPOKEN_DIGITS[word]) return SPOKEN_DIGITS[word];
  return [...speech.replace(/\s/g, '')].length === 1 ? SPOKEN_DIGITS[speech] : undefined;
}

function byDigit(ivr: IvrSettings, digit: string, via: 'dtmf' | 'speech'): MenuChoice | undefined {
  if (ivr.statusKey === digit) return { kind: 'status' };
  const option = ivr.options.find((o) => o.digit === digit);
  return option ? { kind: 'option', option, via } : undefined;
}

/** What a `<Gather>` result chose: `Digits` first, else `SpeechResult` by keyword, then a spoken digit. */
export function resolveMenuChoice(
  ivr: IvrSettings,
  input: { digits?: string | undefined; speech?: string | undefined },
): MenuChoice {
  const digits = input.digits?.trim();
  if (digits) return byDigit(ivr, digits.slice(0, 1), 'dtmf') ?? { kind: 'unknown', input: digits };
  const speech = normalizeSpeech(input.speech ?? '');
  if (!speech) return { kind: 'none' };
  const matched = ivr.options.find((o) => o.keywords.some((k) => speech.includes(normalizeSpeech(k))));
  if (matched) return { kind: 'option', option: matched, via: 'speech' };
  const spoken = digitSpoken(speech);
  return (spoken ? byDigit(ivr, spoken, 'speech') : undefined) ?? { kind: 'unknown', input: speech.slice(0, 100) };
}

/** Twilio's recognizer names Mandarin `cmn-Hans-CN` in `<Gather>`, while `<Say>` takes `zh-CN`. */
export const gatherLanguageOf = (language: IvrLanguage): 'en-US' | 'cmn-Hans-CN' =>
  language === 'zh-CN' ? 'cmn-Hans-CN' : 'en-US';

/** `<Record transcribe>` transcribes English only; Chinese voicemails are kept as audio. */
export const canTranscribe = (language: IvrLanguage): boolean => language === 'en-US';

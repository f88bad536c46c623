import type { CallStateStore } from './call-state.store';
import type { CallParties, GatherResult } from './call-webhooks';
import { resolveMenuChoice, type IvrSettings } from './ivr-menu';
import { incomingCallTwiml, repeatMenuTwiml, ticketStatusTwiml, voicemailTwiml, type CallLinks } from './voice-twiml';

/** Self-service's answer for a caller: the status of their open ticket, worded to be spoken. */
export interface TicketStatusLookup {
  spokenStatus(tenant: string, phone: string, language: string): Promise<string>;
  /**
   * The ticket a text quotes ("status SB-000123"), only when it is this phone's customer's (anything
   * else is undefined: nothing leaks whether the number exists). Absent: status texts go to the ticket.
   */
  ticketOf?(
    tenant: string,
    phone: string,
    ticketNumber: string,
  ): Promise<{ number: string; status: string } | undefined>;
}

export const TICKET_STATUS_LOOKUP = Symbol('TICKET_STATUS_LOOKUP');

export interface CallDeps {
  readonly calls: CallStateStore;
  readonly statuses: TicketStatusLookup;
}

/** The incoming-call webhook: remember the call, answer the greeting and menu. */
export async function answerIncomingCall(
  ivr: IvrSettings,
  links: CallLinks,
  call: CallParties,
  deps: CallDeps,
): Promise<string> {
  await deps.calls.save({
    callSid: call.callSid,
    tenant: links.tenant,
    caller: call.caller,
    called: call.called,
    voicemailOffered: false,
  });
  return incomingCallTwiml(ivr, links);
}

/**
 * The menu webhook: a known option (digit or speech) goes to voicemail with its category; the status
 * key reads the open ticket's status and repeats the menu; anything else repeats the menu until the
 * attempts run out, then voicemail without a category. The call is marked as offered the voicemail
 * before the TwiML is returned, so the call's `completed` can never overtake it.
 */
export async function answerMenuChoice(
  ivr: IvrSettings,
  links: CallLinks,
  gather: GatherResult,
  attempt: number,
  deps: CallDeps,
): Promise<string> {
  const choice = resolveMenuChoice(ivr, gather);
  if (choice.kind === 'status') {
    const text = await deps.statuses.spokenStatus(links.tenant, gather.caller, ivr.languages[0] ?? 'en-US');
    return ticketStatusTwiml(ivr, links, text, attempt + 1);
  }
  if (choice.kind !== 'option' && attempt < ivr.maxMenuAttempts) return repeatMenuTwiml(ivr, links, attempt + 1);
  const option = choice.kind === 'option' ? choice.option : undefined;
  await deps.calls.save({
    callSid: gather.callSid,
    tenant: links.tenant,
    caller: gather.caller,
    called: gather.called,
    category: option?.category,
    voicemailOffered: true,
  });
  return voicemailTwiml(ivr, links, gather, option);
}

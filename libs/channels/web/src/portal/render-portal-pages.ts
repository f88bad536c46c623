import { markup, renderPage, type SafeHtml } from '../form/html.util';
import type { PortalTicket, PortalTicketSummaries } from './portal-api.client';
import type { PortalLanguage, PortalText } from './portal-wording';

export interface PageContext {
  readonly tenant: string;
  readonly lang: PortalLanguage;
  readonly t: PortalText;
}

const base = (c: PageContext): string => `/t/${encodeURIComponent(c.tenant)}/portal`;
const page = (c: PageContext, title: string, body: SafeHtml): string => renderPage(title, body, c.lang);
const problem = (message: string | undefined): SafeHtml =>
  message ? markup`<p class="summary" role="alert">${message}</p>` : markup``;

export function renderLookupPage(c: PageContext, error?: string, number = ''): string {
  return page(
    c,
    c.t.lookupTitle,
    markup`<h1>${c.t.lookupTitle}</h1><p class="lead">${c.t.lookupLead}</p>${problem(error)}
<form method="post" action="${base(c)}/code">
<div class="field"><label for="number">${c.t.number}</label>
<input id="number" name="number" required autocomplete="off" placeholder="SB-000123" value="${number}"></div>
<button type="submit">${c.t.sendCode}</button></form>`,
  );
}

export function renderCodePage(c: PageContext, number: string, error?: string): string {
  return page(
    c,
    c.t.codeTitle,
    markup`<h1>${c.t.codeTitle}</h1><p class="lead">${c.t.codeLead}</p>${problem(error)}
<form method="post" action="${base(c)}/session">
<input type="hidden" name="number" value="${number}">
<div class="field"><label for="code">${c.t.code}</label>
<input id="code" name="code" required inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code"></div>
<button type="submit">${c.t.open}</button></form>
<p><a href="${base(c)}">${c.t.sendCode}</a></p>`,
  );
}

function ratingForm(c: PageContext, action: string, hidden: SafeHtml): SafeHtml {
  const scores = [1, 2, 3, 4, 5].map(
    (s) => markup`<label><input type="radio" name="score" value="${s}" required> ${s}</label>`,
  );
  return markup`<section aria-labelledby="rate"><h2 id="rate">${c.t.rateTitle}</h2><p class="hint">${c.t.rateLead}</p>
<form method="post" action="${action}">${hidden}
<fieldset class="score"><legend>${c.t.rateTitle}</legend>${scores}</fieldset>
<div class="field"><label for="comment">${c.t.comment}</label><textarea id="comment" name="comment" maxlength="2000"></textarea></div>
<button type="submit">${c.t.rate}</button></form></section>`;
}

function visitBlock(c: PageContext, visit: PortalTicket['visit']): SafeHtml {
  if (!visit) return markup``;
  return markup`<section class="visit" aria-labelledby="visit"><h2 id="visit">${c.t.visit}</h2>
<p class="window">${visit.windowText}</p><p>${c.t.technician}: ${visit.technicianName} (${visit.technicianPhone})</p>
<p>${c.t.address}: ${visit.address}</p>${visit.note ? markup`<p>${visit.note}</p>` : ''}</section>`;
}

/** Each file as a download link through this channel (the session cookie proves whose it is). */
function attachmentLinks(c: PageContext, ticket: PortalTicket, m: PortalTicket['messages'][number]): SafeHtml {
  if (m.attachments.length === 0) return markup``;
  const href = (i: number): string =>
    `${base(c)}/tickets/${encodeURIComponent(ticket.number)}/messages/${encodeURIComponent(m.id)}/attachments/${i}`;
  const links = m.attachments.map(
    (a, i) =>
      markup`<li><a class="attachment" href="${href(i)}" download>${a.name}</a> (${Math.ceil(a.sizeBytes / 1024)} KB)</li>`,
  );
  return markup`<p class="meta">${c.t.attachments}:</p><ul class="attachments">${links}</ul>`;
}

function conversation(c: PageContext, ticket: PortalTicket): SafeHtml {
  const items = ticket.messages.map(
    (m) =>
      markup`<article class="msg ${m.from}"><p class="meta">${m.from === 'agent' ? c.t.us : c.t.you} · <time datetime="${m.at}">${m.at.slice(0, 16).replace('T', ' ')} UTC</time></p>${m.bodyText}${attachmentLinks(c, ticket, m)}</article>`,
  );
  return markup`<section aria-labelledby="conv"><h2 id="conv">${c.t.conversation}</h2>${items}</section>`;
}

function otherTickets(c: PageContext, current: string, tickets: PortalTicketSummaries): SafeHtml {
  const others = tickets.filter((t) => t.number !== current);
  if (others.length === 0) return markup``;
  const items = others.map(
    (t) =>
      markup`<li><a href="${base(c)}/tickets/${encodeURIComponent(t.number)}">${t.number}</a>: ${t.subject} · ${c.lang === 'zh-CN' ? t.statusText.zh : t.statusText.en}</li>`,
  );
  return markup`<section aria-labelledby="mine"><h2 id="mine">${c.t.yourTickets}</h2><ul>${items}</ul></section>`;
}

export function renderTicketPage(
  c: PageContext,
  ticket: PortalTicket,
  notice?: string,
  tickets: PortalTicketSummaries = [],
  error?: string,
): string {
  const status = c.lang === 'zh-CN' ? ticket.statusText.zh : ticket.statusText.en;
  const next = c.lang === 'zh-CN' ? ticket.nextStep.zh : ticket.nextStep.en;
  const action = `${base(c)}/tickets/${encodeURIComponent(ticket.number)}`;
  const replyBox = ticket.canReply
    ? markup`<section aria-labelledby="reply"><h2 id="reply">${c.t.reply}</h2>${problem(error)}<form method="post" action="${action}/messages" enctype="multipart/form-data">
<input type="hidden" name="clientMessageId" value="${`portal-${ticket.number}-${ticket.messages.length}-${Date.now()}`}">
<div class="field"><label for="bodyText">${c.t.reply}</label><textarea id="bodyText" name="bodyText" maxlength="20000"></textarea></div>
<div class="field"><label for="files">${c.t.attach}</label><input id="files" name="files" type="file" multiple></div>
<button type="submit">${c.t.send}</button></form></section>`
    : markup`<p class="hint">${c.t.readOnly}</p>`;
  const csat = ticket.csat.open
    ? ratingForm(c, `${action}/rating`, markup``)
    : ticket.csat.score !== null
      ? markup`<p class="notice">${c.t.rated}: ${ticket.csat.score}/5</p>`
      : markup``;
  return page(
    c,
    `${ticket.number} · ${c.t.lookupTitle}`,
    markup`<h1>${ticket.number}: ${ticket.subject}</h1>${notice ? markup`<p class="notice" role="status">${notice}</p>` : ''}
<p>${c.t.status}: <span class="status">${status}</span></p><p>${c.t.next}: ${next}</p>
${visitBlock(c, ticket.visit)}${csat}${conversation(c, ticket)}${replyBox}${otherTickets(c, ticket.number, tickets)}`,
  );
}

export function renderRateLinkPage(c: PageContext, token: string, error?: string): string {
  const hidden = markup`<input type="hidden" name="token" value="${token}">`;
  return page(
    c,
    c.t.rateTitle,
    markup`<h1>${c.t.rateTitle}</h1>${problem(error)}${ratingForm(c, `${base(c)}/rate`, hidden)}`,
  );
}

export function renderMessagePage(c: PageContext, title: string, message: string): string {
  return page(c, title, markup`<h1>${title}</h1><p>${message}</p><p><a href="${base(c)}">${c.t.lookupTitle}</a></p>`);
}

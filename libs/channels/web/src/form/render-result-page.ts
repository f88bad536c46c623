import type { SubmissionResult } from '../submit-web-form/submission-result';
import { markup, renderPage, type SafeHtml } from './html.util';

const backLink = (tenant: string): SafeHtml =>
  markup`<p><a href="/t/${encodeURIComponent(tenant)}">Send another message · 提交新的问题</a></p>`;

function ticketedBody(result: Extract<SubmissionResult, { kind: 'ticketed' }>): SafeHtml {
  const number = markup`<p class="ticket">${result.ticketNumber}</p>`;
  switch (result.status) {
    case 'created':
      return markup`<h1>Thank you — your ticket number is ${result.ticketNumber}</h1>${number}
<p>Please quote it if you contact us again. <span lang="zh-CN">谢谢！您的工单号是 ${result.ticketNumber}，再次联系我们时请提供此工单号。</span></p>`;
    case 'appended':
      return markup`<h1>Thank you — we added your message to ticket ${result.ticketNumber}</h1>${number}
<p lang="zh-CN">谢谢！您的留言已添加到工单 ${result.ticketNumber}。</p>`;
    case 'duplicate':
      return markup`<h1>We already have this message — your ticket number is ${result.ticketNumber}</h1>${number}
<p lang="zh-CN">我们已收到过这条留言，您的工单号是 ${result.ticketNumber}。</p>`;
  }
}

function errorBody(titleEn: string, titleZh: string, detail: string, tenant: string | undefined): SafeHtml {
  return markup`<h1>${titleEn} <span lang="zh-CN">${titleZh}</span></h1>
<p>${detail}</p>${tenant ? backLink(tenant) : ''}`;
}

/** The ticket type's field problems, listed under the rejection so the customer knows what to fix. */
function fieldList(result: Extract<SubmissionResult, { kind: 'rejected' }>): SafeHtml {
  if (result.fields.length === 0) return markup``;
  const items = result.fields.map(
    (p) => markup`<li><strong>${p.field.replace(/^fields\./, '')}</strong>: ${p.message}</li>`,
  );
  return markup`<ul class="problems">${items}</ul>`;
}

function resultBody(result: SubmissionResult, tenant: string): SafeHtml {
  switch (result.kind) {
    case 'ticketed':
      return ticketedBody(result);
    case 'accepted':
      return markup`<h1>Thank you — we received your message</h1>
<p>Your reference is <span class="ref">${result.messageId}</span>. Your ticket number will follow shortly.</p>
<p lang="zh-CN">谢谢！我们已收到您的留言，参考号为 <span class="ref">${result.messageId}</span>，工单号稍后发送给您。</p>`;
    case 'rejected':
      return result.reason === 'unknown_tenant'
        ? errorBody('Sorry', '抱歉', 'This support site does not exist. 此客服站点不存在。', undefined)
        : markup`${errorBody('We could not accept your message', '无法受理您的留言', result.detail || result.reason, tenant)}${fieldList(result)}`;
  }
}

/** The page a browser gets back after posting the form. */
export function renderResultPage(result: SubmissionResult, tenant: string, portalLink?: string): string {
  const title = result.kind === 'rejected' ? 'Message not accepted · 无法受理' : 'Thank you · 谢谢';
  const back = result.kind === 'rejected' ? '' : backLink(tenant);
  const follow = portalLink
    ? markup`<p><a class="portal-link" href="${portalLink}">Follow your ticket online · 在线查看工单进度</a></p>`
    : '';
  return renderPage(title, markup`${resultBody(result, tenant)}${follow}${back}`);
}

/** A plain error page for browsers (unknown tenant, unavailable bus). */
export function renderErrorPage(message: string, backToTenant?: string): string {
  return renderPage('Support · 客服', errorBody('Sorry', '抱歉', message, backToTenant));
}

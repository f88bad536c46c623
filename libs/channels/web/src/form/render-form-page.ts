import type { FieldProblem } from '@switchboard/http';
import { submissionsPath } from '../http/tenant-slug.util';
import { FIELD_LIMITS } from '../submit-web-form/submit-web-form.command';
import { markup, renderPage, type SafeHtml } from './html.util';

export interface FormPageModel {
  readonly tenant: string;
  /** Fresh at each render, so a double-click submits one id twice and yields one ticket. */
  readonly clientMessageId: string;
  /** The user's input, kept when the form comes back with errors. */
  readonly values?: Readonly<Record<string, string>>;
  readonly problems?: readonly FieldProblem[];
}

export const CATEGORIES = [
  { value: 'general', en: 'General question', zh: '一般咨询' },
  { value: 'billing', en: 'Billing', zh: '账单与付款' },
  { value: 'technical', en: 'Technical problem', zh: '技术问题' },
  { value: 'other', en: 'Other', zh: '其他' },
] as const;

interface FieldSpec {
  readonly name: 'name' | 'email' | 'phone' | 'ticketNumber' | 'subject' | 'message';
  readonly en: string;
  readonly zh: string;
  readonly type?: 'email' | 'tel';
  readonly autocomplete?: string;
  readonly maxlength?: number;
  readonly optional?: boolean;
  readonly hint?: string;
}

const FIELDS: Readonly<Record<FieldSpec['name'], FieldSpec>> = {
  name: { name: 'name', en: 'Your name', zh: '姓名', autocomplete: 'name', maxlength: FIELD_LIMITS.name },
  email: {
    name: 'email',
    en: 'Email',
    zh: '电子邮箱',
    type: 'email',
    autocomplete: 'email',
    maxlength: FIELD_LIMITS.email,
  },
  phone: {
    name: 'phone',
    en: 'Phone',
    zh: '电话',
    type: 'tel',
    autocomplete: 'tel',
    maxlength: 32,
    optional: true,
    hint: 'With country code, e.g. +86 138 0013 8000 · 请包含国家代码',
  },
  ticketNumber: {
    name: 'ticketNumber',
    en: 'Ticket number',
    zh: '工单号',
    maxlength: 24,
    optional: true,
    hint: 'If you are following up, e.g. SB-000123 · 如果是跟进已有工单，请填写工单号',
  },
  subject: { name: 'subject', en: 'Subject', zh: '主题', maxlength: FIELD_LIMITS.subject },
  message: { name: 'message', en: 'How can we help?', zh: '问题描述', maxlength: FIELD_LIMITS.message },
};

const problemOf = (model: FormPageModel, field: string): FieldProblem | undefined =>
  model.problems?.find((p) => p.field === field);

function labelOf(
  spec: { readonly en: string; readonly zh: string; readonly optional?: boolean },
  id: string,
): SafeHtml {
  const optional = spec.optional ? markup` <span class="optional">(optional · 选填)</span>` : '';
  return markup`<label for="${id}">${spec.en} <span lang="zh-CN">${spec.zh}</span>${optional}</label>`;
}

function errorLine(id: string, problem: FieldProblem | undefined): SafeHtml | string {
  return problem ? markup`<p class="error" id="${id}-error">${problem.message}</p>` : '';
}

/** aria-invalid and aria-describedby, so screen readers announce the hint and the error with the field. */
function ariaOf(id: string, problem: FieldProblem | undefined, hint: string | undefined): SafeHtml {
  const ids = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return markup`${problem ? markup` aria-invalid="true"` : ''}${ids ? markup` aria-describedby="${ids}"` : ''}`;
}

function inputField(model: FormPageModel, spec: FieldSpec): SafeHtml {
  const id = `f-${spec.name}`;
  const problem = problemOf(model, spec.name);
  const value = model.values?.[spec.name] ?? '';
  const limit = spec.maxlength ? markup` maxlength="${spec.maxlength}"` : '';
  const autocomplete = spec.autocomplete ? markup` autocomplete="${spec.autocomplete}"` : '';
  const attrs = markup`id="${id}" name="${spec.name}"${limit}${autocomplete}${spec.optional ? '' : markup` required`}${ariaOf(id, problem, spec.hint)}`;
  const control =
    spec.name === 'message'
      ? markup`<textarea ${attrs} rows="8">${value}</textarea>`
      : markup`<input type="${spec.type ?? 'text'}" ${attrs} value="${value}">`;
  const hint = spec.hint ? markup`<p class="hint" id="${id}-hint">${spec.hint}</p>` : '';
  return markup`<div class="field">${labelOf(spec, id)}${control}${hint}${errorLine(id, problem)}</div>`;
}

function categoryField(model: FormPageModel): SafeHtml {
  const problem = problemOf(model, 'category');
  const selected = model.values?.['category'] ?? 'general';
  const options = CATEGORIES.map(
    (c) =>
      markup`<option value="${c.value}"${c.value === selected ? markup` selected` : ''}>${c.en} · ${c.zh}</option>`,
  );
  const label = labelOf({ en: 'Category', zh: '类别' }, 'f-category');
  const select = markup`<select id="f-category" name="category"${ariaOf('f-category', problem, undefined)}>${options}</select>`;
  return markup`<div class="field">${label}${select}${errorLine('f-category', problem)}</div>`;
}

function errorSummary(problems: readonly FieldProblem[] | undefined): SafeHtml | string {
  if (!problems || problems.length === 0) return '';
  const items = problems.map((p) =>
    Object.hasOwn(FIELDS, p.field) || p.field === 'category'
      ? markup`<li><a href="#f-${p.field}">${p.message}</a></li>`
      : markup`<li>${p.message}</li>`,
  );
  return markup`<div class="summary" role="alert"><h2>Please check the form <span lang="zh-CN">请检查以下内容</span></h2><ul>${items}</ul></div>`;
}

/** The support form: self-contained (inline CSS, no script, no external assets), works without JS. */
export function renderFormPage(model: FormPageModel): string {
  const body = markup`<h1>Contact support <span lang="zh-CN">联系客服</span></h1>
<p class="lead">Tell us what happened and we will open a ticket for you. <span lang="zh-CN">请描述您遇到的问题，我们会为您创建工单。</span></p>
${errorSummary(model.problems)}
<form method="post" action="${submissionsPath(model.tenant)}" accept-charset="utf-8">
<input type="hidden" name="clientMessageId" value="${model.clientMessageId}">
${inputField(model, FIELDS.name)}${inputField(model, FIELDS.email)}${inputField(model, FIELDS.phone)}
${categoryField(model)}${inputField(model, FIELDS.ticketNumber)}${inputField(model, FIELDS.subject)}${inputField(model, FIELDS.message)}
<button type="submit">Send · 提交</button>
</form>`;
  return renderPage('Contact support · 联系客服', body);
}

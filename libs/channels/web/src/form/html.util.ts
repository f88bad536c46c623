import { createHash } from 'node:crypto';

/** Markup that is already safe to emit; anything else interpolated into `markup` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITIES[c] ?? c) : text;
}

export type Interpolation = SafeHtml | string | number | boolean | undefined | null | readonly Interpolation[];

function fragment(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'object' && value !== null) return value.map(fragment).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template: interpolations are escaped unless they are SafeHtml (or arrays of it). Not named
 * `html` on purpose: Prettier would reformat html`` templates, whitespace inside <style> included,
 * which would break the CSP hash of the inline stylesheet.
 */
export function markup(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += fragment(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

const CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#f6f8fa;--card:#fff;--line:#d1d9e0;--accent:#0b5cad;--err:#b3261e;--ok:#1a7f37}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#161b22;--line:#3d444d;--accent:#4493f8;--err:#ff7b72;--ok:#3fb950}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif}
main{max-width:40rem;margin:2rem auto;padding:2rem;background:var(--card);border:1px solid var(--line);border-radius:12px}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:0 0 .5rem}
.lead,.hint{color:var(--muted)}.hint{font-size:.875rem;margin:.25rem 0 0}
.field{margin:1.25rem 0}label{display:block;font-weight:600;margin-bottom:.25rem}
.optional{font-weight:400;color:var(--muted)}
input,select,textarea{width:100%;padding:.6rem .7rem;font:inherit;color:inherit;background:var(--card);border:1px solid var(--line);border-radius:8px}
textarea{min-height:10rem;resize:vertical}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid var(--accent);outline-offset:2px}
[aria-invalid=true]{border-color:var(--err);border-width:2px}
.error{color:var(--err);font-weight:600;margin:.25rem 0 0}
.summary{border:2px solid var(--err);border-radius:8px;padding:1rem;margin:1rem 0}
.summary a{color:var(--err)}
button{margin-top:.5rem;padding:.7rem 1.5rem;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:8px;cursor:pointer}
.ticket{font-size:1.75rem;font-weight:700;color:var(--ok);letter-spacing:.05em}
.ref{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
a{color:var(--accent)}
.msg{border:1px solid var(--line);border-radius:8px;padding:.75rem;margin:.75rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.msg.agent{border-left:4px solid var(--accent)}.meta{color:var(--muted);font-size:.8rem;white-space:normal}
.visit,.notice{border:2px solid var(--ok);border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.status{font-weight:700;color:var(--ok)}.score{display:flex;gap:.75rem;flex-wrap:wrap}.score label{font-weight:400}
.score input{width:auto}
@media (max-width:480px){main{margin:0;padding:1rem;border:0;border-radius:0}}`;

/** The inline style is allowed by its hash, so the CSP needs no 'unsafe-inline'. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function renderPage(title: string, body: SafeHtml, lang: 'en' | 'zh-CN' = 'en'): string {
  return markup`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(CSS)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.value;
}

import nodemailer, { type Transporter } from 'nodemailer';
import { newId } from '@switchboard/ids';
import type { Mailbox } from '../store/mailbox.repository';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly replyTo?: string;
  /** Extra headers, e.g. Auto-Submitted on acknowledgements. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly attachments?: readonly { filename: string; path: string; contentType: string }[];
}

/** Our Message-IDs carry the mailbox's domain, so replies and bounces name a host we recognise. */
export function newMessageId(mailboxAddress: string): string {
  return `<${newId()}@${mailboxAddress.split('@')[1] ?? 'switchboard.invalid'}>`;
}

/** `support@x` → `support+<token>@x`: replies to it thread by the token whatever the client does to headers. */
export function replyAddressOf(mailboxAddress: string, token: string): string {
  const [local, domain] = mailboxAddress.split('@');
  return `${local ?? ''}+${token}@${domain ?? ''}`;
}

/** Sends mail over each mailbox's SMTP server with nodemailer; one pooled transport per mailbox. */
export class SmtpSender {
  private readonly transports = new Map<string, Transporter>();

  private transportOf(mailbox: Mailbox): Transporter {
    let transport = this.transports.get(mailbox.id);
    if (!transport) {
      const { smtp, username } = mailbox.settings;
      transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: { user: username, pass: mailbox.password },
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        socketTimeout: 30_000,
      });
      this.transports.set(mailbox.id, transport);
    }
    return transport;
  }

  /** Sends with the given Message-ID (so a retry re-sends the same message) and resolves when the server took it. */
  async send(mailbox: Mailbox, messageId: string, mail: OutgoingMail): Promise<void> {
    const { address, displayName } = mailbox.settings;
    await this.transportOf(mailbox).sendMail({
      from: displayName ? { name: displayName, address } : address,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references && mail.references.length > 0 ? { references: [...mail.references] } : {}),
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      headers: { ...mail.headers },
      attachments: (mail.attachments ?? []).map((a) => ({ ...a })),
    });
  }

  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }
}

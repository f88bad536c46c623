/** The settings columns of an email_mailboxes row, shared by the channel's registry and the admin API. */
export interface MailboxColumns {
  readonly id: string;
  readonly address: string;
  readonly display_name: string;
  readonly imap_host: string;
  readonly imap_port: number;
  readonly imap_secure: boolean;
  readonly smtp_host: string;
  readonly smtp_port: number;
  readonly smtp_secure: boolean;
  readonly username: string;
  readonly secret_ref: string;
  readonly folder: string;
  readonly language: string;
}

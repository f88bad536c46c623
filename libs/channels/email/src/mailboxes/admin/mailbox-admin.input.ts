/**
 * A support mailbox as an admin sets it up (the agent API validates the HTTP body). Never a password:
 * only the name of the environment variable that holds it on the channel-email host.
 */
export interface MailboxAdminInput {
  readonly address: string;
  readonly displayName: string;
  readonly imap: MailboxEndpoint;
  readonly smtp: MailboxEndpoint;
  readonly username: string;
  readonly passwordEnv: string;
  readonly folder: string;
  readonly language: string;
}

export interface MailboxEndpoint {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
}

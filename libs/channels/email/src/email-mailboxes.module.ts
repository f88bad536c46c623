import { Module } from '@nestjs/common';
import type { DynamicModule, Provider } from '@nestjs/common';
import { EMAIL_SQL_CLIENT } from './email-channel.tokens';
import { MailboxAdminUseCase } from './mailboxes/admin/mailbox-admin.use-case';
import { RejectedMailAdminUseCase } from './rejected/rejected-mail-admin.use-case';
import { RejectedMailRepository } from './store/rejected-mail.repository';
import type { TransactionalSqlClient } from './store/tenant-scope';

export interface EmailMailboxesModuleOptions {
  /** Binds EMAIL_SQL_CLIENT (a SqlClient; the mailbox admin needs one that runs transactions). */
  readonly sqlClient: Provider;
}

/**
 * The owner of email_mailboxes for other modules (the agent API's admin endpoints): the mailbox admin
 * use-cases and the rejected-mail list. Global, so that AgentApiModule and ChannelEmailModule reach the one EMAIL_SQL_CLIENT.
 */
@Module({})
export class EmailMailboxesModule {
  static forRoot(options: EmailMailboxesModuleOptions): DynamicModule {
    return {
      module: EmailMailboxesModule,
      global: true,
      providers: [
        options.sqlClient,
        {
          provide: MailboxAdminUseCase,
          inject: [EMAIL_SQL_CLIENT],
          useFactory: (sql: TransactionalSqlClient) => new MailboxAdminUseCase(sql),
        },
        {
          provide: RejectedMailAdminUseCase,
          inject: [EMAIL_SQL_CLIENT],
          useFactory: (sql: TransactionalSqlClient) =>
            new RejectedMailAdminUseCase(sql, new RejectedMailRepository(sql)),
        },
      ],
      exports: [EMAIL_SQL_CLIENT, MailboxAdminUseCase, RejectedMailAdminUseCase],
    };
  }
}

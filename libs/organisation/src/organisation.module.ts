import { Module, type Provider } from '@nestjs/common';
import { CONFIG, type Config } from '@switchboard/config';
import { DATABASE, type Database } from '@switchboard/persistence';
import { AgentDirectoryWriter } from '@switchboard/routing';
import { AccountSessionUseCase } from './accounts/account-session.use-case';
import { OidcSignInUseCase } from './accounts/oidc-sign-in.use-case';
import { PasswordSignInUseCase } from './accounts/password-sign-in.use-case';
import { RefreshSessionUseCase } from './accounts/refresh-session.use-case';
import { ApiKeysUseCase } from './admin/api-keys.use-case';
import { DepartmentsAdminUseCase } from './admin/departments-admin.use-case';
import { UsersAdminUseCase } from './admin/users-admin.use-case';

type WithDirectory = new (db: Database, directory: AgentDirectoryWriter) => object;

const withDirectory = (UseCase: WithDirectory): Provider => ({
  provide: UseCase,
  inject: [DATABASE, AgentDirectoryWriter],
  useFactory: (db: Database, directory: AgentDirectoryWriter) => new UseCase(db, directory),
});

const useCases = [DepartmentsAdminUseCase, UsersAdminUseCase, PasswordSignInUseCase, AccountSessionUseCase];

/**
 * Departments, team memberships, users' accounts and sessions, and the admin audit log (issue #19).
 * Needs DATABASE and CONFIG (global; jwtSecret signs the single sign-on state). Writes to teams and agents go through routing's AgentDirectoryWriter.
 */
@Module({
  providers: [
    { provide: AgentDirectoryWriter, useFactory: () => new AgentDirectoryWriter() },
    ...useCases.map(withDirectory),
    ...[RefreshSessionUseCase, ApiKeysUseCase].map((UseCase) => ({
      provide: UseCase,
      inject: [DATABASE],
      useFactory: (db: Database) => new UseCase(db),
    })),
    {
      provide: OidcSignInUseCase,
      inject: [DATABASE, CONFIG],
      useFactory: (db: Database, config: Config) => {
        if (!config.jwtSecret) throw new Error('JWT_SECRET is required: single sign-on signs its state with it');
        return new OidcSignInUseCase(db, config.jwtSecret);
      },
    },
  ],
  exports: [...useCases, RefreshSessionUseCase, ApiKeysUseCase, OidcSignInUseCase],
})
export class OrganisationModule {}

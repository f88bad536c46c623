import type { Provider } from '@nestjs/common';
import { BlobReader, blobDirOf } from '@switchboard/blobs';
import { OidcSignInUseCase, PasswordSignInUseCase, RefreshSessionUseCase } from '@switchboard/organisation';
import { DATABASE, type Database } from '@switchboard/persistence';
import { DryRunRoutingUseCase } from '@switchboard/routing';
import {
  LinkTicketsUseCase,
  MergeTicketsUseCase,
  SplitTicketUseCase,
  TicketWatchersUseCase,
} from '@switchboard/tickets';
import { AgentRepository } from './agents/agent.repository';
import { jwtSecretProvider, JWT_SECRET } from './auth/jwt-secret';
import { LoginUseCase } from './auth/login/login.use-case';
import { DryRunAsCallerUseCase } from './routing/dry-run-as-caller.use-case';
import { GetTicketRoutingUseCase } from './routing/get-ticket-routing/get-ticket-routing.use-case';
import { GetTicketFieldsUseCase } from './ticket-types/get-ticket-fields.use-case';
import { ReadTicketTypesUseCase } from './ticket-types/read-ticket-types.use-case';
import { SaveTicketTypeUseCase } from './ticket-types/save-ticket-type.use-case';
import { DownloadAttachmentUseCase } from './tickets/attachments/download-attachment.use-case';
import { GetTicketUseCase } from './tickets/get-ticket/get-ticket.use-case';
import { TicketHistoryQuery } from './tickets/lifecycle/ticket-history.query';
import { ListTicketsUseCase } from './tickets/list-tickets/list-tickets.use-case';
import { TicketRelationsService } from './tickets/merge/ticket-relations.service';
import { TicketReadRepository } from './tickets/ticket-read.repository';

type Constructor<Args extends unknown[], T> = new (...args: Args) => T;

/** A use-case built from the database alone. */
const onDatabase = <T>(UseCase: Constructor<[Database], T>): Provider => ({
  provide: UseCase,
  inject: [DATABASE],
  useFactory: (db: Database) => new UseCase(db),
});

/** The agent API's own read side, login and the use-cases its controllers call. */
export const agentApiProviders: Provider[] = [
  jwtSecretProvider,
  onDatabase(AgentRepository),
  onDatabase(TicketReadRepository),
  onDatabase(TicketHistoryQuery),
  onDatabase(GetTicketFieldsUseCase),
  onDatabase(ReadTicketTypesUseCase),
  onDatabase(SaveTicketTypeUseCase),
  {
    provide: LoginUseCase,
    inject: [AgentRepository, PasswordSignInUseCase, RefreshSessionUseCase, OidcSignInUseCase, JWT_SECRET],
    useFactory: (
      agents: AgentRepository,
      signIn: PasswordSignInUseCase,
      refresh: RefreshSessionUseCase,
      singleSignOn: OidcSignInUseCase,
      secret: string,
    ) => new LoginUseCase(agents, signIn, refresh, singleSignOn, secret),
  },
  ...[ListTicketsUseCase, GetTicketUseCase].map((UseCase) => ({
    provide: UseCase,
    inject: [TicketReadRepository],
    useFactory: (tickets: TicketReadRepository) => new UseCase(tickets),
  })),
  // Read per process start: tests point EMAIL_BLOB_DIR at a directory of their own before booting.
  { provide: BlobReader, useFactory: () => new BlobReader(blobDirOf(process.env)) },
  {
    provide: DownloadAttachmentUseCase,
    inject: [TicketReadRepository, BlobReader],
    useFactory: (tickets: TicketReadRepository, blobs: BlobReader) => new DownloadAttachmentUseCase(tickets, blobs),
  },
  {
    provide: GetTicketRoutingUseCase,
    inject: [DATABASE, TicketReadRepository],
    useFactory: (db: Database, tickets: TicketReadRepository) => new GetTicketRoutingUseCase(db, tickets),
  },
  {
    provide: DryRunAsCallerUseCase,
    inject: [DryRunRoutingUseCase],
    useFactory: (dryRun: DryRunRoutingUseCase) => new DryRunAsCallerUseCase(dryRun),
  },
  {
    provide: TicketRelationsService,
    inject: [
      TicketReadRepository,
      GetTicketUseCase,
      MergeTicketsUseCase,
      SplitTicketUseCase,
      LinkTicketsUseCase,
      TicketWatchersUseCase,
    ],
    useFactory: (...deps: ConstructorParameters<typeof TicketRelationsService>) => new TicketRelationsService(...deps),
  },
];

import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { blobDirOf, LocalBlobStore } from '@switchboard/blobs';
import { CONFIG, type Config } from '@switchboard/config';
import { PORTAL_UPLOAD_LIMITS } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import { DATABASE, OutboxService, type Database } from '@switchboard/persistence';
import { CloseResolvedTicketsUseCase, TenantDirectory, TicketsModule } from '@switchboard/tickets';
import { AppointmentsUseCase } from './appointments/appointments.use-case';
import { ChannelSelfServiceUseCase } from './channel/channel-self-service.use-case';
import { RateTicketUseCase } from './csat/rate-ticket.use-case';
import { SelfServiceSweep } from './jobs/self-service-sweep';
import { LookupUseCase } from './lookup/lookup.use-case';
import { PhoneStatusQuery } from './phone/phone-status.query';
import { PortalQuery } from './portal/portal.query';
import { PublicPortalQuery } from './public/public-portal.query';
import { PostFollowUpUseCase } from './portal/post-follow-up.use-case';
import { PortalLinks } from './shared/portal-links';
import { SelfServiceSettingsUseCase } from './settings/self-service-settings.use-case';

/** The signing secret: PORTAL_SECRET, else JWT_SECRET (the embedded app fills that in itself). */
function portalLinksOf(config: Config): PortalLinks {
  const secret = config.portal.secret ?? config.jwtSecret;
  if (!secret)
    throw new Error('PORTAL_SECRET or JWT_SECRET is required: customer links and sessions are signed with it');
  return new PortalLinks(secret, config.portal.publicUrl);
}

const useCases = [
  LookupUseCase,
  PortalQuery,
  PublicPortalQuery,
  PostFollowUpUseCase,
  RateTicketUseCase,
  AppointmentsUseCase,
  PortalLinks,
  SelfServiceSettingsUseCase,
  ChannelSelfServiceUseCase,
  PhoneStatusQuery,
];

/**
 * Customer self-service use-cases the agent API's customer and appointment endpoints call. Needs
 * CONFIG, DATABASE and OutboxService (global) and TicketsModule's TenantDirectory.
 */
@Module({
  imports: [TicketsModule],
  providers: [
    { provide: PortalLinks, inject: [CONFIG], useFactory: portalLinksOf },
    {
      provide: LookupUseCase,
      inject: [DATABASE, TenantDirectory, PortalLinks, OutboxService],
      useFactory: (db: Database, t: TenantDirectory, l: PortalLinks, o: OutboxService) =>
        new LookupUseCase(db, t, l, o.onCommitted),
    },
    { provide: PortalQuery, inject: [DATABASE], useFactory: (db: Database) => new PortalQuery(db) },
    { provide: PhoneStatusQuery, inject: [DATABASE], useFactory: (db: Database) => new PhoneStatusQuery(db) },
    { provide: PublicPortalQuery, inject: [DATABASE], useFactory: (db: Database) => new PublicPortalQuery(db) },
    {
      provide: SelfServiceSettingsUseCase,
      inject: [DATABASE],
      useFactory: (db: Database) => new SelfServiceSettingsUseCase(db),
    },
    {
      provide: PostFollowUpUseCase,
      inject: [DATABASE, OutboxService],
      useFactory: (db: Database, o: OutboxService) =>
        new PostFollowUpUseCase(
          db,
          new LocalBlobStore(blobDirOf(process.env), PORTAL_UPLOAD_LIMITS.totalBytes),
          o.onCommitted,
        ),
    },
    {
      provide: RateTicketUseCase,
      inject: [DATABASE, TenantDirectory, PortalLinks, OutboxService],
      useFactory: (db: Database, t: TenantDirectory, l: PortalLinks, o: OutboxService) =>
        new RateTicketUseCase(db, t, l, o.onCommitted),
    },
    {
      provide: ChannelSelfServiceUseCase,
      inject: [DATABASE, TenantDirectory, RateTicketUseCase],
      useFactory: (db: Database, t: TenantDirectory, r: RateTicketUseCase) =>
        new ChannelSelfServiceUseCase(db, t, r, 'wechat'),
    },
    {
      provide: AppointmentsUseCase,
      inject: [DATABASE, PortalLinks, OutboxService],
      useFactory: (db: Database, l: PortalLinks, o: OutboxService) => new AppointmentsUseCase(db, l, o.onCommitted),
    },
  ],
  exports: useCases,
})
export class SelfServiceModule {}

/** Runs the sweep every config.portal.pollMs; stopped before the outbox and the database shut down. */
@Injectable()
class SelfServiceSweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = createLogger('SelfServiceSweep');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly sweep: SelfServiceSweep,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() =>
        this.sweep.execute().then(
          (sent) => void (sent > 0 && this.log.info({ sent }, 'self-service reminders and rating requests written')),
          (error: unknown) => this.log.error({ err: error }, 'self-service sweep failed; the next run tries again'),
        ),
      );
    }, this.config.portal.pollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/** The ticket service's part: the sweep of visit reminders, CSAT questions and auto-closing. */
@Module({
  imports: [SelfServiceModule, TicketsModule],
  providers: [
    {
      provide: SelfServiceSweep,
      inject: [DATABASE, PortalLinks, AppointmentsUseCase, CloseResolvedTicketsUseCase, OutboxService],
      useFactory: (
        db: Database,
        l: PortalLinks,
        a: AppointmentsUseCase,
        c: CloseResolvedTicketsUseCase,
        o: OutboxService,
      ) => new SelfServiceSweep(db, l, a, c, o.onCommitted),
    },
    SelfServiceSweepService,
  ],
  exports: [SelfServiceSweep],
})
export class SelfServiceJobsModule {}

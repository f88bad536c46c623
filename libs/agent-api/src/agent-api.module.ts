import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { IntegrationsModule } from '@switchboard/integrations';
import { OrganisationModule } from '@switchboard/organisation';
import { RoutingModule } from '@switchboard/routing';
import { SelfServiceModule } from '@switchboard/self-service';
import { SlaModule } from '@switchboard/sla';
import { TicketsModule } from '@switchboard/tickets';
import { ApiKeysController } from './admin/api-keys.controller';
import { OrganisationController, UsersController } from './admin/organisation.controller';
import { agentApiProviders } from './agent-api.providers';
import { ApiChannelsController } from './api-channels/api-channels.controller';
import { AuthController, LogoutController, MeController } from './auth/auth.controller';
import { OidcController, OidcSettingsController } from './auth/oidc.controller';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { LoginRateLimitGuard } from './auth/login-rate-limit.guard';
import { RolesGuard } from './auth/roles.guard';
import { TicketAccessGuard } from './auth/ticket-access.guard';
import { CustomersController } from './customers/customers.controller';
import { CrmController } from './integrations/crm.controller';
import { PersonalDataController } from './integrations/personal-data.controller';
import { WebhooksController } from './integrations/webhooks.controller';
import { RejectedMailsController } from './mailboxes/rejected-mails.controller';
import { ChannelSelfServiceController } from './channel-self-service/channel-self-service.controller';
import { ChannelServiceSignatureGuard } from './channel-self-service/channel-service-signature.guard';
import { AttachmentsController } from './tickets/attachments/attachments.controller';
import { MailboxesController } from './mailboxes/mailboxes.controller';
import { NoStoreMiddleware } from './no-store.middleware';
import { AppointmentsController } from './appointments/appointments.controller';
import { PortalSessionGuard } from './portal/portal-auth';
import { PortalPublicController } from './portal/portal-public.controller';
import { PortalLookupRateGuard } from './portal/portal-rate.guard';
import { SelfServiceSettingsController } from './portal/self-service-settings.controller';
import {
  PortalLookupController,
  PortalRatingLinkController,
  PortalTicketsController,
} from './portal/portal.controller';
import { RoutingRulesController } from './routing/routing-rules.controller';
import { RoutingSettingsController } from './routing/routing-settings.controller';
import { SlaCalendarsController } from './sla/sla-calendars.controller';
import { SlaPoliciesController } from './sla/sla-policies.controller';
import { TicketSlaController } from './sla/ticket-sla.controller';
import { SmsSegmentsController } from './sms/sms-segments.controller';
import { TicketTypesController } from './ticket-types/ticket-types.controller';
import { LifecycleController } from './tickets/lifecycle/lifecycle.controller';
import { MergeController } from './tickets/merge/merge.controller';
import { ReplyController } from './tickets/reply/reply.controller';
import { TicketsController } from './tickets/tickets.controller';

const controllers = [
  AuthController,
  LogoutController,
  MeController,
  TicketsController,
  LifecycleController,
  MergeController,
  ReplyController,
  SmsSegmentsController,
  TicketTypesController,
  CustomersController,
  RoutingRulesController,
  RoutingSettingsController,
  MailboxesController,
  ApiChannelsController,
  RejectedMailsController,
  AttachmentsController,
  AppointmentsController,
  PortalLookupController,
  PortalRatingLinkController,
  PortalTicketsController,
  PortalPublicController,
  ChannelSelfServiceController,
  SelfServiceSettingsController,
  SlaPoliciesController,
  SlaCalendarsController,
  TicketSlaController,
  WebhooksController,
  CrmController,
  PersonalDataController,
  OrganisationController,
  UsersController,
  ApiKeysController,
  OidcController,
  OidcSettingsController,
];

/**
 * The agents' HTTP API under /api/v1: POST /auth/token is open (rate-limited per address and email),
 * every other route needs a bearer token (BearerAuthGuard) and, where declared, a role (@Roles).
 * Needs from the app: ConfigModule (CONFIG with jwtSecret and http.rateLimits), PersistenceModule
 * (DATABASE, OutboxService), CoordinationModule (CAPACITY_STORE); an app made by createHttpApp.
 */
@Module({
  imports: [TicketsModule, RoutingModule, SelfServiceModule, SlaModule, IntegrationsModule, OrganisationModule],
  controllers,
  providers: [
    ...agentApiProviders,
    BearerAuthGuard,
    RolesGuard,
    TicketAccessGuard,
    LoginRateLimitGuard,
    NoStoreMiddleware,
    PortalSessionGuard,
    ChannelServiceSignatureGuard,
    PortalLookupRateGuard,
  ],
})
export class AgentApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(NoStoreMiddleware).forRoutes(...controllers);
  }
}

import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { TicketListIndexes1764000000001 } from './1764000000001-ticket-list-indexes';
import { TicketNumberSequences1764000000002 } from './1764000000002-ticket-number-sequences';
import { RoutingRuleVersions1764000000003 } from './1764000000003-routing-rule-versions';
import { AgentPresenceAndQueues1764000000004 } from './1764000000004-agent-presence-and-queues';
import { AgentSkills1764000000005 } from './1764000000005-agent-skills';
import { TicketDomain1764000000006 } from './1764000000006-ticket-domain';
import { TicketLifecycle1764000000007 } from './1764000000007-ticket-lifecycle';
import { CustomerIdentity1764000000008 } from './1764000000008-customer-identity';
import { TicketMergeSplit1764000000009 } from './1764000000009-ticket-merge-split';
import { TicketTypes1764000000010 } from './1764000000010-ticket-types';
import { EmailChannel1764000000011 } from './1764000000011-email-channel';
import { RowLevelSecurity1764000000012 } from './1764000000012-row-level-security';
import { RoutingActionsAndOverflow1764000000013 } from './1764000000013-routing-actions-and-overflow';
import { DropOpenConversationIndex1764000000014 } from './1764000000014-drop-open-conversation-index';
import { SelfService1764000000300 } from './1764000000300-self-service';
import { SlaEngine1764000001000 } from './1764000001000-sla-engine';
import { EmailRejectedMails1764000002000 } from './1764000002000-email-rejected-mails';
import { ApiChannel1764000003000 } from './1764000003000-api-channel';
import { OrganisationAndAccounts1764000004000 } from './1764000004000-organisation-and-accounts';
import { ApiKeys1764000004001 } from './1764000004001-api-keys';
import { TenantOidc1764000004002 } from './1764000004002-tenant-oidc';
import { Integrations1764000005000 } from './1764000005000-integrations';
import { InboundReceipts1764000008000 } from './1764000008000-inbound-receipts';
import { VoiceChannel1764000011000 } from './1764000011000-voice-channel';

/** Every migration, oldest first. Add new ones at the end. */
export const migrations = [
  InitialSchema1764000000000,
  TicketListIndexes1764000000001,
  TicketNumberSequences1764000000002,
  RoutingRuleVersions1764000000003,
  AgentPresenceAndQueues1764000000004,
  AgentSkills1764000000005,
  TicketDomain1764000000006,
  TicketLifecycle1764000000007,
  CustomerIdentity1764000000008,
  TicketMergeSplit1764000000009,
  TicketTypes1764000000010,
  EmailChannel1764000000011,
  RowLevelSecurity1764000000012,
  RoutingActionsAndOverflow1764000000013,
  DropOpenConversationIndex1764000000014,
  SelfService1764000000300,
  SlaEngine1764000001000,
  EmailRejectedMails1764000002000,
  ApiChannel1764000003000,
  OrganisationAndAccounts1764000004000,
  ApiKeys1764000004001,
  TenantOidc1764000004002,
  Integrations1764000005000,
  InboundReceipts1764000008000,
  VoiceChannel1764000011000,
];

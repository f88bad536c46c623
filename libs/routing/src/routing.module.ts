import { Module } from '@nestjs/common';
import { CAPACITY_STORE, type CapacityStore } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import { DATABASE, type Database } from '@switchboard/persistence';
import { DryRunRoutingUseCase } from './admin/dry-run-routing.use-case';
import { ReadRoutingRulesUseCase } from './admin/read-routing-rules.use-case';
import { RoutingRuleAdminRepository } from './admin/routing-rule-admin.repository';
import { RoutingSettingsUseCase } from './admin/routing-settings.use-case';
import { SaveRoutingRuleUseCase } from './admin/save-routing-rule.use-case';
import { RoutingDirectory } from './directory/routing-directory';
import { AgentPresenceUseCase } from './presence/agent-presence.use-case';

/**
 * Routing's directory (the process's one cache of rules, teams and agents), the rules admin, the
 * routing settings, the dry run and agents' presence, for the agent API and the routing service. A change made through
 * the admin use-cases drops the shared directory at once, so a dry run or the next routing decision in
 * this process sees it; other processes see it within the directory's TTL. Needs DATABASE and
 * CAPACITY_STORE (global infrastructure modules).
 */
@Module({
  providers: [
    { provide: RoutingDirectory, useFactory: () => new RoutingDirectory(createLogger(RoutingDirectory.name)) },
    { provide: RoutingRuleAdminRepository, useFactory: () => new RoutingRuleAdminRepository() },
    {
      provide: SaveRoutingRuleUseCase,
      inject: [DATABASE, RoutingRuleAdminRepository, RoutingDirectory],
      useFactory: (db: Database, rules: RoutingRuleAdminRepository, directory: RoutingDirectory) =>
        new SaveRoutingRuleUseCase(db, rules, () => directory.invalidate()),
    },
    {
      provide: ReadRoutingRulesUseCase,
      inject: [DATABASE, RoutingRuleAdminRepository],
      useFactory: (db: Database, rules: RoutingRuleAdminRepository) => new ReadRoutingRulesUseCase(db, rules),
    },
    {
      provide: DryRunRoutingUseCase,
      inject: [DATABASE, RoutingDirectory],
      useFactory: (db: Database, directory: RoutingDirectory) => new DryRunRoutingUseCase(db, directory),
    },
    {
      provide: RoutingSettingsUseCase,
      inject: [DATABASE, CAPACITY_STORE, RoutingDirectory],
      useFactory: (db: Database, capacity: CapacityStore, directory: RoutingDirectory) =>
        new RoutingSettingsUseCase(db, capacity, () => directory.invalidate()),
    },
    { provide: AgentPresenceUseCase, inject: [DATABASE], useFactory: (db: Database) => new AgentPresenceUseCase(db) },
  ],
  exports: [
    RoutingDirectory,
    AgentPresenceUseCase,
    SaveRoutingRuleUseCase,
    ReadRoutingRulesUseCase,
    DryRunRoutingUseCase,
    RoutingSettingsUseCase,
  ],
})
export class RoutingModule {}

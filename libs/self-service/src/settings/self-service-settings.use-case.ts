import { inTenant, type Database } from '@switchboard/persistence';
import { readSettings, saveSettings, type SelfServiceSettings } from './self-service-settings.repository';

/** A tenant's self-service settings, read and replaced by its admins. */
export class SelfServiceSettingsUseCase {
  constructor(private readonly db: Database) {}

  read(tenantId: string): Promise<SelfServiceSettings> {
    return inTenant(this.db, tenantId, (tx) => readSettings(tx, tenantId));
  }

  async save(tenantId: string, settings: SelfServiceSettings): Promise<SelfServiceSettings> {
    await inTenant(this.db, tenantId, (tx) => saveSettings(tx, tenantId, settings));
    return settings;
  }
}

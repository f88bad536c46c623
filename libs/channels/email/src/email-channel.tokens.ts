/**
 * The email channel's SqlClient (an interface): its email_* tables. The app binds it: to persistence's
 * DATABASE in the standalone and agent-api apps, to a small pool of its own (createPgSqlClient) in
 * apps/channel-email. The channel lib never imports persistence.
 */
export const EMAIL_SQL_CLIENT = Symbol('EMAIL_SQL_CLIENT');

/** The tenants' slug ↔ id mapping (EmailTenantDirectory), bound by the app to the tenants' owner. */
export const EMAIL_TENANT_DIRECTORY = Symbol('EMAIL_TENANT_DIRECTORY');

/** EmailChannelOptions: the channel's configuration and where passwords given as `passwordEnv` are read. */
export const EMAIL_CHANNEL_OPTIONS = Symbol('EMAIL_CHANNEL_OPTIONS');

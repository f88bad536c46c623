/**
 * The API channel's ChannelSqlClient (an interface): its api_* tables. The app binds it: to persistence's
 * DATABASE in the standalone and agent-api apps, to createChannelSqlPool(url) in apps/channel-api.
 */
export const API_CHANNEL_SQL_CLIENT = Symbol('API_CHANNEL_SQL_CLIENT');
export const API_CHANNEL_CONFIG = Symbol('API_CHANNEL_CONFIG');

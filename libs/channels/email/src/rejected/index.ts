export * from './rejected-mail.exception';
export * from './rejected-mail-admin.use-case';

export * from './mailbox-admin.input';
export * from './mailbox-admin.exception';
export * from './mailbox.view';
export * from './mailbox-admin.use-case';

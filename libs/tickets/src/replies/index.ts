export * from './post-reply.command';
export * from './reply.exception';
export * from './post-reply.use-case';

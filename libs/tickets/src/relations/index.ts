export * from './ticket-relation.exception';

export * from './auth.exception';
export * from './access-token';
export * from './password-hash.util';
export * from './signed-token';
export * from './lookup-link';
export * from './policy/access-policy';
export * from './policy/ticket-scope.sql';

export * from './field-problem';
export * from './domain-exception';

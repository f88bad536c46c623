export * from './linear-regex';

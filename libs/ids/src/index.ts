export { newId } from './new-id.util';
export { stableIdOf } from './stable-id.util';

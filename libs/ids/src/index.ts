export { newId } from './new-id.util';

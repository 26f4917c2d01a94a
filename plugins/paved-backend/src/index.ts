export { pavedPlugin as default } from './plugin';

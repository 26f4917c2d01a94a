/***/
/**
 * The score-processor module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleScore as default } from './module';

/**
 * `@adminduk/domain/villages`: desa and kelurahan codes and names (83k), a separate entry point so that
 * the main one (and NIK validation) never loads them.
 */
export { findVillage, listVillages, findVillagesByName, type Village } from './villages/villages.js';

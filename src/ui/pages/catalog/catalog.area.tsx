import { defineArea } from '../../areas/area';
import { CatalogPage } from './CatalogPage';

export const catalogArea = defineArea({
  name: 'catalog',
  routes: [{ path: '/catalog', permission: 'services.manageCatalog', element: <CatalogPage /> }],
  nav: [{ path: '/catalog', labelKey: 'catalog:nav', permission: 'services.manageCatalog' }],
});

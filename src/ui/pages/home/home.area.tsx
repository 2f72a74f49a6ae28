import { defineArea } from '../../areas/area';

/** The home page's route is the shell's own ('/', per role); the area only adds its entry. */
export const homeArea = defineArea({ name: 'home', routes: [], nav: [{ path: '/', labelKey: 'common:nav.home' }] });

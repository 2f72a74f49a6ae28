import { defineModule } from '../api/module';
import { AUTH_ERRORS } from './auth.errors';
import { changePasswordMethod, lock, me, recover, signInMethod, signOutMethod, unlock } from './auth.api';

export const authModule = defineModule({
  name: 'auth',
  methods: [me, signInMethod, signOutMethod, lock, unlock, changePasswordMethod, recover],
  errors: AUTH_ERRORS,
});

import { definePublic } from '../api/method';
import { createCenterInputSchema } from '../center/center.schema';
import { refuseBreachedPassword } from '../staff/breached-passwords';
import { createCenter } from './setup.service';

/** First start only: creates the center, its administrator and its keys; returns the recovery code once. */
export const createCenterMethod = definePublic({
  name: 'setup.createCenter',
  input: createCenterInputSchema,
  handler: (ctx, input) => {
    refuseBreachedPassword(input.admin.password, ['admin', 'password']);
    return createCenter(ctx.core, input);
  },
});

import { z } from 'zod';

/** A calendar date as typed on a paper form, `YYYY-MM-DD`; the core also refuses future dates where they make no sense. */
export const calendarDateSchema = z.iso.date();

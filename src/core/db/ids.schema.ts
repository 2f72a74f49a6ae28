import { z } from 'zod';

/** Ids are UUIDs minted by the core; the UI only passes them back. */
export const entityIdSchema = z.string().trim().min(1).max(64);

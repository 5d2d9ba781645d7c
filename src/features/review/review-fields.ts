/**
 * The review's own piece of its forms: a theme of the return (or the return as a whole). Texts and
 * dates come from src/web/form-fields.ts, as every form's do. Each form keeps its own one schema.
 */
import { z } from 'zod';

/** '' is the return as a whole (null); otherwise one of the return's themes. */
export const themeChoice = (themeIds: readonly string[]) =>
  z
    .string()
    .refine((v) => v === '' || themeIds.includes(v), 'Select a theme, or the return as a whole')
    .transform((v) => (v === '' ? null : v));

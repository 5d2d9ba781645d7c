/** Red, Amber and Green: an agency's rating of a theme, and the grade a theme's answers give. */
import type { Rag } from '../db/schema.ts';

export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

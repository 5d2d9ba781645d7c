import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import type { DisplaySettings } from '../../lib/display-settings.ts';

/**
 * Keeps a person's display settings on their own row. Users belong to no one partnership (a person
 * may work with several), so the row is found by the signed-in person's id alone.
 */
export async function saveDisplaySettings(
  db: DbOrTx,
  userId: string,
  settings: DisplaySettings,
): Promise<void> {
  await db
    .update(users)
    .set({ displaySettings: { contrast: settings.contrast, textSize: settings.textSize } })
    .where(eq(users.id, userId));
}

/**
 * Display settings (issue 14, item 6): high contrast colours and larger text, each chosen on the
 * display settings page. The GOV.UK look is the default: a setting that is missing or unknown is the
 * standard one. Kept on the person's row when they are signed in, and in a cookie for visitors.
 */

export const CONTRASTS = ['standard', 'high'] as const;
export const TEXT_SIZES = ['standard', 'large'] as const;
export type Contrast = (typeof CONTRASTS)[number];
export type TextSize = (typeof TEXT_SIZES)[number];

export interface DisplaySettings {
  contrast: Contrast;
  textSize: TextSize;
}

export const STANDARD_DISPLAY: DisplaySettings = { contrast: 'standard', textSize: 'standard' };

/** The visitor's cookie (set only when they save their settings: see the privacy notice). */
export const DISPLAY_COOKIE = 's11_display';
/** How long a visitor's cookie keeps their settings. */
export const DISPLAY_COOKIE_DAYS = 365;

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | null =>
  typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : null;

/** Settings from what was stored (a row's JSON), or null when nothing usable was stored. */
export function displaySettingsFrom(stored: unknown): DisplaySettings | null {
  if (!stored || typeof stored !== 'object') return null;
  const { contrast, textSize } = stored as Record<string, unknown>;
  const c = oneOf(CONTRASTS, contrast);
  const t = oneOf(TEXT_SIZES, textSize);
  if (!c && !t) return null;
  return { contrast: c ?? 'standard', textSize: t ?? 'standard' };
}

/** The cookie's value: `contrast.textSize`, for example `high.standard`. */
export function displayCookieValue(settings: DisplaySettings): string {
  return `${settings.contrast}.${settings.textSize}`;
}

/** Settings from the cookie's value, or null when there is none or it is not one of ours. */
export function displaySettingsFromCookie(value: string | undefined): DisplaySettings | null {
  if (!value) return null;
  const [contrast, textSize, ...rest] = value.split('.');
  if (rest.length > 0) return null;
  return displaySettingsFrom({ contrast, textSize });
}

/** The classes on `<html>` that switch the styles on (none for the GOV.UK look). */
export function displayClasses(settings: DisplaySettings | undefined): string[] {
  if (!settings) return [];
  return [
    ...(settings.contrast === 'high' ? ['app-high-contrast'] : []),
    ...(settings.textSize === 'large' ? ['app-large-text'] : []),
  ];
}

/** The cookie's name: with the `__Host-` prefix when it is Secure (production), as the others. */
export function displayCookieName(secure: boolean): string {
  return secure ? `__Host-${DISPLAY_COOKIE}` : DISPLAY_COOKIE;
}

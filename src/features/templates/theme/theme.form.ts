/**
 * The theme form: title, key, description, guidance, where it applies (localities, sectors) and
 * its own grade descriptors, if any. It keeps what was typed as text; one zod schema gives the
 * values as stored.
 */
import { z } from 'zod';
import type { GradeDescriptorsJson } from '../../../db/schema.ts';
import { type FormBody, listField, textField } from '../../../web/form-route.ts';
import {
  descriptor,
  keyField,
  keyOrMade,
  limitedText,
  RAGS,
  requiredLine,
} from '../authoring/form-fields.ts';
import type { ThemeValues } from '../draft-editing.repository.ts';
import { LIMITS } from '../draft-rules.ts';

export interface DescriptorsState {
  red: string;
  amber: string;
  green: string;
}

export interface ThemeState {
  title: string;
  key: string;
  description: string;
  guidance: string;
  /** 'yes': the theme has descriptors of its own. */
  ownDescriptors: string;
  descriptors: DescriptorsState;
  localityIds: string[];
  sectors: string[];
}

export const themeState = (body: FormBody): ThemeState => ({
  title: textField(body, 'title'),
  key: textField(body, 'key'),
  description: textField(body, 'description'),
  guidance: textField(body, 'guidance'),
  ownDescriptors: textField(body, 'ownDescriptors'),
  descriptors: {
    red: textField(body, 'theme-red'),
    amber: textField(body, 'theme-amber'),
    green: textField(body, 'theme-green'),
  },
  localityIds: listField(body, 'localities'),
  sectors: listField(body, 'sectors'),
});

export const stateFromTheme = (
  theme: Omit<ThemeValues, 'gradeDescriptors'> & { gradeDescriptors: GradeDescriptorsJson | null },
): ThemeState => ({
  title: theme.title,
  key: theme.key,
  description: theme.description,
  guidance: theme.guidance,
  ownDescriptors: theme.gradeDescriptors ? 'yes' : 'no',
  descriptors: theme.gradeDescriptors ?? { red: '', amber: '', green: '' },
  localityIds: theme.localityIds,
  sectors: theme.sectors,
});

export const emptyThemeState = (): ThemeState => ({
  title: '',
  key: '',
  description: '',
  guidance: '',
  ownDescriptors: 'no',
  descriptors: { red: '', amber: '', green: '' },
  localityIds: [],
  sectors: [],
});

/** The element an error links to: the first checkbox of a list is named after the list. */
export const themeFieldId = (path: string) => ({ localityIds: 'localities' })[path] ?? path;

/**
 * `takenKeys`: the keys of the draft's other themes (a blank key is made from the title);
 * `localityIds`, `sectors`: what may be chosen.
 */
export const themeSchema = (context: {
  takenKeys: ReadonlySet<string>;
  localityIds: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
}) =>
  z
    .object({
      title: requiredLine(LIMITS.themeTitle, 'Enter the theme’s title', 'The title'),
      key: keyField(context.takenKeys, 'theme'),
      description: limitedText(LIMITS.themeDescription, 'The description'),
      guidance: limitedText(LIMITS.guidance, 'The guidance'),
      localityIds: z
        .array(z.string())
        .refine((ids) => ids.every((id) => context.localityIds.has(id)), 'Select localities from the list')
        .transform((ids) => [...new Set(ids)]),
      sectors: z
        .array(z.string())
        .refine((s) => s.every((x) => context.sectors.has(x)), 'Select sectors from the list')
        .transform((s) => [...new Set(s)]),
      ownDescriptors: z.enum(['yes', 'no'], {
        error: 'Select whether the theme has its own grade descriptors',
      }),
      descriptors: z.object({ red: z.string(), amber: z.string(), green: z.string() }),
    })
    .superRefine((v, ctx) => {
      if (v.ownDescriptors !== 'yes') return;
      for (const rag of RAGS) {
        const checked = descriptor(rag).safeParse(v.descriptors[rag]);
        if (!checked.success)
          ctx.addIssue({ code: 'custom', message: checked.error.issues[0]!.message, path: [`theme-${rag}`] });
      }
    })
    .transform(
      (v): ThemeValues => ({
        key: keyOrMade(v.key, v.title, 'theme', context.takenKeys),
        title: v.title,
        description: v.description,
        guidance: v.guidance,
        gradeDescriptors:
          v.ownDescriptors === 'yes'
            ? {
                red: descriptor('red').parse(v.descriptors.red),
                amber: descriptor('amber').parse(v.descriptors.amber),
                green: descriptor('green').parse(v.descriptors.green),
              }
            : null,
        localityIds: v.localityIds,
        sectors: v.sectors,
      }),
    );

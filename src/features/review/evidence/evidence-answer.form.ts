/**
 * The agency's answer to an evidence request: where the evidence is kept, a file, or both. The file
 * is checked here too (its kind by its content, its size), so every problem shows at once.
 */
import { z } from 'zod';
import { isUpload, type UploadedFile } from '../../../lib/file-uploads.ts';
import { optionalText } from '../../../web/form-fields.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';
import { checkEvidenceFile } from '../evidence-file.ts';

export const REFERENCE_MAX = 1000;

export interface EvidenceAnswerState {
  /** The file chosen, if any (not shown again: a browser never refills a file input). */
  file: UploadedFile | null;
  reference: string;
}

export const evidenceAnswerState = (body: FormBody): EvidenceAnswerState => ({
  file: isUpload(body.file) && body.file.fileName !== '' ? body.file : null,
  reference: textField(body, 'reference'),
});

export type CheckedFile = { fileName: string; contentType: string; data: Buffer };

export const evidenceAnswerSchema = z
  .object({
    file: z
      .custom<UploadedFile | null>((v) => v === null || isUpload(v))
      // null when none was chosen; undefined when the one chosen is refused.
      .transform((file, ctx): CheckedFile | null | undefined => {
        if (!file) return null;
        const check = checkEvidenceFile(file.fileName, file.data, file.truncated);
        if (check.ok) return { fileName: check.fileName, contentType: check.contentType, data: file.data };
        ctx.addIssue({ code: 'custom', message: check.error });
        return undefined;
      }),
    reference: optionalText(REFERENCE_MAX, 'Where the evidence is kept'),
  })
  .superRefine((v, ctx) => {
    // Neither a file nor a reference (a file refused has its own error).
    if (v.file === null && v.reference === '')
      ctx.addIssue({
        code: 'custom',
        path: ['reference'],
        message: 'Enter where the evidence is kept, or choose a file to upload',
      });
  });

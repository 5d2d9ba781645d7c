/**
 * The agency import's upload form: one file, chosen and under the size limit. Its content (kind,
 * columns, rows) is read when it is saved (`readImportFile`), which may refuse it too.
 */
import { z } from 'zod';
import { isUpload, type UploadedFile } from '../../lib/file-uploads.ts';
import type { FormBody } from '../../web/form-route.ts';

export interface ImportUploadState {
  /** The file chosen, if any (a browser never refills a file input). */
  file: UploadedFile | null;
}

/** The file posted; none unless the form was sent as a multipart upload. */
export const importUploadState =
  (multipart: boolean) =>
  (body: FormBody): ImportUploadState => ({
    file: multipart && isUpload(body.file) && body.file.fileName !== '' ? body.file : null,
  });

export const importUploadSchema = z.object({
  file: z
    .custom<UploadedFile | null>((v) => v === null || isUpload(v))
    .refine((file) => file !== null, 'Select a CSV or XLSX file')
    .refine((file) => !file?.truncated, 'The selected file must be smaller than 1 MB')
    .transform((file) => file!),
});

/**
 * One file in a form (multipart), for the plugin that registers it and its routes only. Every part
 * is read before the CSRF check (a preHandler), so the token travels in the form like any other
 * field; the file lands in `request.body` as an `UploadedFile`, cut off (`truncated`) past the limit.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

export interface UploadedFile {
  fileName: string;
  data: Buffer;
  truncated: boolean;
}

export const isUpload = (v: unknown): v is UploadedFile =>
  typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).data);

/**
 * `maxFieldBytes`: the longest text field the parser keeps, in bytes; it cuts longer values off, so
 * set it above what the form's own validation allows, which then refuses them.
 */
export async function acceptFileUploads(
  app: FastifyInstance,
  maxBytes: number,
  maxFieldBytes = 1000,
): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6, fieldSize: maxFieldBytes },
    async onFile(part: MultipartFile) {
      const data = await part.toBuffer();
      const upload: UploadedFile = { fileName: part.filename, data, truncated: part.file.truncated };
      (part as unknown as { value: UploadedFile }).value = upload;
    },
  });
}

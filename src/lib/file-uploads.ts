/**
 * One file in a form (multipart), for the plugin that registers it and its routes only. Every part
 * is read before the CSRF check (a preHandler), so the token travels in the form like any other
 * field; the file lands in `request.body` as an `UploadedFile`, cut off (`truncated`) past the limit.
 * A form that cannot be read (no boundary, a wrong one, a body cut short) is the sender's problem:
 * a 400 page, not a server error. Its text fields together are held to a total (`totalFieldBytes`):
 * past it, reading stops at once (the rest of the body is never read, the connection is closed) and a
 * 413 page says what happened; nothing has been saved by then.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './http-errors.ts';

export interface UploadedFile {
  fileName: string;
  data: Buffer;
  truncated: boolean;
  /** Chosen, but not read: more files were chosen than the form reads at once. */
  skipped?: boolean;
}

export const isUpload = (v: unknown): v is UploadedFile =>
  typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).data);

/** The page for a form that arrived broken. */
export const unreadableForm = () =>
  new HttpError(
    400,
    'There is a problem with what was sent',
    'The form did not arrive whole, so nothing was saved. Go back and send it again.',
    [{ text: 'Go to your home page', href: '/' }],
  );

/** A link back to the page a form came from. */
export type BackLink = { text: string; href: string };

/** The page for a form whose text fields together were larger than the form can hold. */
export const formTooLarge = (totalFieldBytes: number, back?: BackLink) =>
  new HttpError(
    413,
    'What you sent is too large',
    `The form held more than ${megabytes(totalFieldBytes)} of text, more than this page can take, so it was not read and nothing was saved: what was saved before is unchanged. Go back (your browser’s back button keeps what you typed), shorten the longest answers and send it again.`,
    [back ?? { text: 'Go to your home page', href: '/' }],
  );

const megabytes = (bytes: number) => `${Math.max(1, Math.round(bytes / (1024 * 1024)))} MB`;

/** How much of a multipart form is read; the defaults suit a form of one file and a few fields. */
export interface UploadLimits {
  /** The longest text field kept, in bytes; set it above what the form's validation allows. */
  fieldBytes?: number;
  /** How many text fields, and file inputs (chosen or not), a form may have. */
  fields?: number;
  files?: number;
  /**
   * How many chosen files are read into memory; any chosen after them are not read, and arrive
   * `skipped` (a form with a file input per question sends one file at a time).
   */
  filledFiles?: number;
  /**
   * The most bytes of every text field together (names and values): the most its largest form can
   * hold. Fields × `fieldBytes` unless given.
   */
  totalFieldBytes?: number;
  /** The link on the page refusing a form too large: back to the page the form is on. */
  backTo?: (request: FastifyRequest) => BackLink;
}

/**
 * Stops reading a request's body: no more of it is parsed, and the connection closes after the
 * answer, so whatever the sender still has is never read.
 */
function stopReading(request: FastifyRequest, reply: FastifyReply): void {
  request.raw.unpipe();
  request.raw.pause();
  reply.header('connection', 'close');
}

/**
 * `limits.fieldBytes` (or `maxFieldBytes`): the longest text field the parser keeps, in bytes; it
 * cuts longer values off, so set it above what the form's own validation allows, which then refuses
 * them.
 */
export async function acceptFileUploads(
  app: FastifyInstance,
  maxBytes: number,
  maxFieldBytes: number | UploadLimits = 1000,
): Promise<void> {
  const limits: UploadLimits =
    typeof maxFieldBytes === 'number' ? { fieldBytes: maxFieldBytes } : maxFieldBytes;
  const files = limits.files ?? 1;
  const fields = limits.fields ?? 5;
  const filledFiles = limits.filledFiles ?? files;
  const fieldBytes = limits.fieldBytes ?? 1000;
  const totalFieldBytes = limits.totalFieldBytes ?? fields * fieldBytes;
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: maxBytes + 1,
      files,
      fields,
      parts: files + fields,
      fieldSize: fieldBytes,
    },
  });
  app.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart()) return;
    const body: Record<string, unknown> = {};
    const keep = (name: string, value: unknown) => {
      const had = body[name];
      body[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
    };
    let filled = 0;
    // The parser hands each field over as it reads it (fields give it no reason to wait), so the
    // count keeps up with what has arrived, and the body stops being read once it passes the cap.
    let textBytes = 0;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          // A file input left empty arrives with no name: nothing to read.
          const read = part.filename !== '' && filled < filledFiles;
          if (part.filename !== '') filled += 1;
          if (!read) {
            part.file.resume();
            await new Promise((done) => part.file.once('end', done));
            keep(part.fieldname, {
              fileName: part.filename,
              data: Buffer.alloc(0),
              truncated: false,
              ...(part.filename !== '' ? { skipped: true } : {}),
            });
            continue;
          }
          const data = await part.toBuffer();
          keep(part.fieldname, { fileName: part.filename, data, truncated: part.file.truncated });
        } else {
          textBytes += Buffer.byteLength(part.fieldname) + Buffer.byteLength(String(part.value ?? ''));
          if (textBytes > totalFieldBytes) {
            stopReading(request, reply);
            throw formTooLarge(totalFieldBytes, limits.backTo?.(request));
          }
          keep(part.fieldname, part.value);
        }
      }
    } catch (error) {
      if (error instanceof HttpError) throw error;
      // The parser's own limits (413) and refusals (400) keep their status; anything else it
      // throws is a body it could not understand.
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status >= 400 && status < 500) throw error;
      throw unreadableForm();
    }
    request.body = body;
  });
}

/**
 * The downloadable copy of a return as a PDF (rule 6): details, sign-off, score summary, every
 * answer and rating, and the action plan. A tagged PDF (see `lib/pdf.ts`): the title, a level 2
 * heading per section and theme, a level 3 heading per question and action, the score summary as a
 * table, in the embedded Noto Sans.
 */
import { RAG_LABELS } from '../../domain/rag.ts';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { PDF_GREY, PDF_RED, pdfWriter } from '../../lib/pdf.ts';
import { answerText, hasAnswer, notAnsweredText, shownQuestions } from './answer-scales.ts';
import { completedBy, RETURN_STATUS_TAGS, signedOffBy } from './return-presenters.ts';
import { ACTION_STATUS_LABELS, percentText, type ReturnRecord } from './return-records.ts';

export interface PdfOptions {
  /** Leave content streams uncompressed (tests read the text). */
  compress?: boolean;
  generatedAt: Date;
}

export function returnCopyPdf(record: ReturnRecord, options: PdfOptions): Promise<Buffer> {
  const { ctx } = record;
  const { doc, heading, para, field, table, titleBlock, finish } = pdfWriter({
    title: `Section 11 return – ${ctx.agencyName} – ${ctx.cycleName}${ctx.reference ? ` (${ctx.reference})` : ''}`,
    author: ctx.agencyName,
    subject: `Section 11 self-assessment for ${ctx.partnershipName}`,
    generatedAt: options.generatedAt,
    compress: options.compress,
  });
  // Title block
  titleBlock(ctx.partnershipName, `Section 11 return: ${ctx.agencyName}`);
  field('Audit', ctx.cycleName);
  field('Produced', formatDateTime(options.generatedAt));
  field('Status', RETURN_STATUS_TAGS[ctx.status].text);
  if (ctx.submittedAt)
    field(
      'Submitted',
      `${formatDateTime(ctx.submittedAt)}${ctx.submittedByName ? ` by ${ctx.submittedByName}` : ''}`,
    );
  if (ctx.reference) field('Reference', ctx.reference);
  field('Deadline', formatDateTime(ctx.closesAt));
  field('Completed by', completedBy(ctx) || 'Not given');
  field('Signed off by', signedOffBy(ctx) ?? 'Not signed off');
  if (!record.submitted)
    para('This is a draft: the return has not been submitted.', { bold: true, colour: PDF_RED });

  // Score summary
  heading('Score summary', 2);
  const t = record.scores.total;
  const c = record.scores.ratingCounts;
  table(
    {
      headers: ['Theme', 'Rating', 'Met', 'Partly met', 'Not met', 'N/A', 'Unanswered', 'Per cent met'],
      rows: [
        ...record.scores.rows.map((row) => [
          `${row.theme.number}. ${row.theme.title}`,
          `${row.rating ? RAG_LABELS[row.rating] : 'No rating'}${row.defaulted ? ' (defaulted at submission)' : ''}`,
          row.score.met,
          row.score.partlyMet,
          row.score.notMet,
          row.score.na,
          row.score.unanswered,
          percentText(row.score),
        ]),
        ['All themes', '', t.met, t.partlyMet, t.notMet, t.na, t.unanswered, percentText(t)],
      ],
    },
    [6, 2, 1, 1, 1, 1, 1, 1],
  );
  para(`Ratings: ${c.green} Green, ${c.amber} Amber, ${c.red} Red.`, { bold: true });

  // Answers
  for (const rt of record.themes) {
    doc.addPage();
    heading(`${rt.theme.number}. ${rt.theme.title}`, 2);
    for (const q of shownQuestions(rt.theme.questions, rt.answers)) {
      const a = rt.answers.get(q.id);
      heading(`${q.number}. ${q.text}`, 3, { size: 10 });
      field(
        'Answer',
        hasAnswer(q, a)
          ? `${answerText(q, a)}${a!.awaitingConfirmation ? ' (from last audit, not confirmed: counts as unanswered)' : ''}`
          : notAnsweredText(q),
        12,
      );
      if (a?.naReason) field('Why it does not apply', a.naReason, 12);
      if (a?.evidenceDocument || a?.evidenceLocation)
        field(
          'Evidence',
          `${a.evidenceDocument || 'not named'}${a.evidenceLocation ? ` (kept: ${a.evidenceLocation})` : ''}`,
          12,
        );
      const documents = rt.documents.get(q.id);
      if (documents?.length) field('Documents', documents.map((d) => d.fileName).join(', '), 12);
      if (a?.comment) field('Comments', a.comment, 12);
      if (a?.impact) field('Impact', a.impact, 12);
      if (a?.actionDescription)
        field(
          'Area for development',
          `${a.actionDescription}${a.actionTargetDate ? ` (by ${formatDate(a.actionTargetDate)})` : ''}`,
          12,
        );
    }
    const r = rt.rating;
    heading('Rating for this theme', 3, { size: 10 });
    field('Rating', r?.rating ? RAG_LABELS[r.rating] : 'No rating');
    if (r?.justification) field('Why', r.justification);
    if (r?.actionDescription)
      field(
        'Area for development',
        `${r.actionDescription}${r.actionTargetDate ? ` (by ${formatDate(r.actionTargetDate)})` : ''}`,
      );
  }

  // Action plan
  doc.addPage();
  heading('Action plan', 2);
  if (record.actions.length === 0) para('There are no actions.');
  for (const a of record.actions) {
    heading(a.description, 3, { size: 10 });
    para(`${a.themeNumber}. ${a.themeTitle} – ${a.source}`, { size: 9, colour: PDF_GREY, indent: 12 });
    field('Lead', a.leadPerson || 'Not given', 12);
    field(
      'Target date',
      `${a.targetDate ? formatDate(a.targetDate) : 'Not set'}${a.overdue ? ' (overdue)' : ''}`,
      12,
    );
    field('Status', ACTION_STATUS_LABELS[a.status], 12);
    if (a.successCriteria) field('Success criteria', a.successCriteria, 12);
    if (a.updates[0])
      field('Latest update', `${a.updates[0].note} (${formatDateTime(a.updates[0].createdAt)})`, 12);
  }

  return finish((page, pages) => `Page ${page} of ${pages} – ${ctx.agencyName} – ${ctx.cycleName}`);
}

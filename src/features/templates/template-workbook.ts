/**
 * Templates as XLSX workbooks, in the layout partnership staff already use: a first "Template"
 * sheet (key, name, description, grade descriptors), then one sheet per theme with its title, key,
 * description and guidance in the first rows and a table of its questions, and an "Instructions"
 * sheet. Reading builds the same plain object as a YAML or JSON file and checks it with the same
 * schema (template-file.ts), naming the sheet, cell and field of every problem. Cells are read as
 * values only, in a worker thread within limits of size, cells and time (lib/xlsx-reader.ts): a
 * workbook holding formulas or macros is refused, and so is one that unpacks too large.
 */
import { AGENCY_SECTORS } from '../../db/schema.ts';
import { closestWord } from '../../lib/did-you-mean.ts';
import { loadExcelJS } from '../../lib/exceljs.ts';
import {
  cellAddress,
  readXlsx,
  SheetCells,
  type XlsxProblem,
  type XlsxReadOptions,
} from '../../lib/xlsx-reader.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import { RESPONSE_SCALES, type TemplateDefinition } from './template-definition.ts';
import {
  fieldPath,
  fileIssues,
  localityIssues,
  type TemplateFileProblem,
  templateFileSchema,
} from './template-file.ts';

export const WORKBOOK_MAX_BYTES = 1024 * 1024;
export const TEMPLATE_SHEET = 'Template';
export const INSTRUCTIONS_SHEET = 'Instructions';
export const WORKBOOK_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows of the Template sheet: label in column A, value in column B. */
const TEMPLATE_ROWS = [
  { label: 'Key', field: 'key' },
  { label: 'Name', field: 'name' },
  { label: 'Description', field: 'description' },
  { label: 'Red descriptor', field: 'red' },
  { label: 'Amber descriptor', field: 'amber' },
  { label: 'Green descriptor', field: 'green' },
] as const;

/**
 * The first rows of a theme sheet, then the questions table. An `optional` row may be missing
 * (workbooks made before it was added).
 */
const THEME_ROWS: ReadonlyArray<{ label: string; field: ThemeRowField; optional?: boolean }> = [
  { label: 'Title', field: 'title' },
  { label: 'Key', field: 'key' },
  { label: 'Description', field: 'description' },
  { label: 'Guidance', field: 'guidance' },
  { label: 'Sectors', field: 'sectors' },
  { label: 'Red descriptor', field: 'red' },
  { label: 'Amber descriptor', field: 'amber' },
  { label: 'Green descriptor', field: 'green' },
  // Row 9, blank in workbooks made before it was added: the questions table stays on row 10.
  { label: 'Localities', field: 'localities', optional: true },
];
type ThemeRowField =
  | 'title'
  | 'key'
  | 'description'
  | 'guidance'
  | 'sectors'
  | 'localities'
  | 'red'
  | 'amber'
  | 'green';
/** Locality names are separated by semicolons or lines (a name may hold a comma: "Bristol, City of"). */
const LOCALITY_SEPARATOR = '; ';
export const QUESTIONS_HEADER_ROW = 10;

/** The questions table's columns, in order. */
export const QUESTION_COLUMNS = [
  { header: 'Key', field: 'key', width: 24 },
  { header: 'Text', field: 'text', width: 60 },
  { header: 'Guidance', field: 'guidance', width: 60 },
  { header: 'Scale', field: 'scale', width: 14 },
  { header: 'Evidence prompt', field: 'evidencePrompt', width: 40 },
  { header: 'Required', field: 'required', width: 11 },
  { header: 'Weight', field: 'weight', width: 9 },
  { header: 'Options', field: 'options', width: 40 },
  { header: 'Condition', field: 'showWhen', width: 30 },
] as const;
type QuestionField = (typeof QUESTION_COLUMNS)[number]['field'];
/** Columns every questions table must have; the others may be left out. */
const REQUIRED_COLUMNS: ReadonlySet<QuestionField> = new Set([
  'key',
  'text',
  'guidance',
  'scale',
  'evidencePrompt',
]);
/** Room for questions with the scale and required lists, in the blank and exported workbooks. */
const VALIDATED_ROWS = 40;

export const INSTRUCTIONS = [
  'How to fill in this workbook',
  '',
  'The Template sheet holds the template: its key, name, description and what Red, Amber and Green mean. Put each value in column B.',
  'Each further sheet is one theme, in the order the themes are asked. Copy a theme sheet to add a theme; the sheet’s name does not matter. Hidden sheets and this one are not read.',
  'On a theme sheet, rows 1 to 9 hold its title, key, description, guidance, sectors (optional: sector codes, listed below, separated by commas; empty means every sector), optional Red, Amber and Green descriptors for this theme only, and localities (optional: names of your partnership’s localities, separated by semicolons; empty means every locality).',
  `From row ${QUESTIONS_HEADER_ROW}, the questions table: one question on each row, under the headings ${QUESTION_COLUMNS.map((c) => c.header).join(', ')}.`,
  'Keys use only lowercase letters, numbers and single hyphens, like safer-recruitment. Keys must be unique among the themes, and among the questions of a theme. Keys match questions between versions, so keep them when you change the wording.',
  `Sectors, by their codes: ${AGENCY_SECTORS.map((code) => `${code} (${SECTOR_LABELS[code]})`).join('; ')}.`,
  `Scale: ${RESPONSE_SCALES.map((s) => `${s.value} (${s.label})`).join('; ')}.`,
  'Required: Yes or No (empty means Yes). An optional question may be left unanswered.',
  'Weight: a whole number for the question’s weight in scores (empty means 1; 0 leaves it out of scores).',
  'Options, for scales with named levels: one on each line of the cell, as key | label | met or not met | action or no action.',
  'Condition: show the question only when an earlier question of the theme has one of some answers, as question-key: answer, answer.',
  'Type values, not formulas: a workbook with formulas or macros is refused. At most 30 themes of 40 questions, and 1 MB.',
  'Importing the workbook makes a new draft version. Nothing is saved unless the whole workbook is correct.',
];

/** A valid, unique worksheet name for the theme at `index`. */
function themeSheetName(index: number, title: string, used: Set<string>): string {
  const full = `${index + 1} ${title.replace(/[[\]:*?/\\]/g, ' ')}`.replace(/\s+/g, ' ').trim();
  // At most 31 characters, cut at a word where it can be.
  const cut = full.length <= 31 ? full : full.slice(0, 32).replace(/\s+\S*$/, '') || full.slice(0, 31);
  const base = cut
    .slice(0, 31)
    .replace(/^'+|'+$/g, '')
    .trim();
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++)
    name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

const optionLine = (o: { key: string; label: string; met: boolean; action: boolean }) =>
  `${o.key} | ${o.label} | ${o.met ? 'met' : 'not met'} | ${o.action ? 'action' : 'no action'}`;

/** The workbook of a definition; with null, the blank workbook to start from (one empty theme). */
export async function writeTemplateWorkbook(
  definition: TemplateDefinition | null,
  now: Date,
): Promise<Buffer> {
  const book = new (await loadExcelJS()).Workbook();
  book.creator = 'Section 11 Audit';
  book.created = now;
  const bold = { bold: true };
  const wrap = { wrapText: true, vertical: 'top' } as const;

  const main = book.addWorksheet(TEMPLATE_SHEET);
  const g = definition?.gradeDescriptors;
  const mainValues: Record<(typeof TEMPLATE_ROWS)[number]['field'], string> = {
    key: definition?.key ?? '',
    name: definition?.name ?? '',
    description: definition?.description ?? '',
    red: g?.red ?? '',
    amber: g?.amber ?? '',
    green: g?.green ?? '',
  };
  for (const row of TEMPLATE_ROWS) {
    const r = main.addRow([row.label, mainValues[row.field]]);
    r.getCell(1).font = bold;
    r.getCell(2).alignment = wrap;
  }
  main.getColumn(1).width = 20;
  main.getColumn(2).width = 90;

  const used = new Set([TEMPLATE_SHEET.toLowerCase(), INSTRUCTIONS_SHEET.toLowerCase()]);
  const themes = definition?.themes ?? [{ key: '', title: '', description: '', guidance: '', questions: [] }];
  for (const [i, theme] of themes.entries()) {
    const sheet = book.addWorksheet(themeSheetName(i, theme.title || 'Theme', used));
    const values: Record<ThemeRowField, string> = {
      title: theme.title,
      key: theme.key,
      description: theme.description,
      guidance: theme.guidance,
      sectors: (theme.sectors ?? []).join(', '),
      localities: (theme.localities ?? []).join(LOCALITY_SEPARATOR),
      red: theme.gradeDescriptors?.red ?? '',
      amber: theme.gradeDescriptors?.amber ?? '',
      green: theme.gradeDescriptors?.green ?? '',
    };
    for (const row of THEME_ROWS) {
      const r = sheet.addRow([row.label, values[row.field]]);
      r.getCell(1).font = bold;
      r.getCell(2).alignment = wrap;
    }
    while (sheet.rowCount < QUESTIONS_HEADER_ROW - 1) sheet.addRow([]);
    sheet.addRow(QUESTION_COLUMNS.map((c) => c.header)).font = bold;
    for (const q of theme.questions) {
      const r = sheet.addRow([
        q.key,
        q.text,
        q.guidance,
        q.scale,
        q.evidencePrompt,
        q.required === undefined ? '' : q.required ? 'Yes' : 'No',
        q.weight ?? '',
        (q.options ?? []).map(optionLine).join('\n'),
        q.showWhen ? `${q.showWhen.questionKey}: ${q.showWhen.answers.join(', ')}` : '',
      ]);
      r.alignment = wrap;
    }
    QUESTION_COLUMNS.forEach((c, n) => {
      sheet.getColumn(n + 1).width = c.width;
    });
    const last = QUESTIONS_HEADER_ROW + Math.max(VALIDATED_ROWS, theme.questions.length);
    const scaleColumn = QUESTION_COLUMNS.findIndex((c) => c.field === 'scale') + 1;
    const requiredColumn = QUESTION_COLUMNS.findIndex((c) => c.field === 'required') + 1;
    for (let row = QUESTIONS_HEADER_ROW + 1; row <= last; row++) {
      sheet.getCell(row, scaleColumn).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${RESPONSE_SCALES.map((s) => s.value).join(',')}"`],
        showErrorMessage: true,
        errorTitle: 'Scale',
        error: `Choose one of: ${RESPONSE_SCALES.map((s) => s.value).join(', ')}`,
      };
      sheet.getCell(row, requiredColumn).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: ['"Yes,No"'],
      };
    }
  }

  const help = book.addWorksheet(INSTRUCTIONS_SHEET);
  for (const [i, line] of INSTRUCTIONS.entries()) {
    const r = help.addRow([line]);
    if (i === 0) r.font = { bold: true, size: 14 };
    r.alignment = { wrapText: true };
  }
  help.getColumn(1).width = 120;
  return Buffer.from(await book.xlsx.writeBuffer());
}

export type WorkbookResult =
  | { definition: TemplateDefinition; problems?: undefined; status?: undefined }
  /** `status`: 503 when the service was too busy to open it, not a problem with the file. */
  | { definition?: undefined; problems: TemplateFileProblem[]; status?: number };

interface Place {
  sheet: string;
  cell: string;
  /** The row label or column heading people see. */
  label: string;
}

const normal = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const whole = (message: string): WorkbookResult => ({ problems: [{ field: '', message }] });

/** A problem as shown: the sheet, cell and field, then the message. */
const at = (place: Place, message: string): TemplateFileProblem => ({
  field: `Sheet “${place.sheet}”, cell ${place.cell} (${place.label})`,
  message,
});

const MESSAGES = {
  notXlsx: 'The selected file could not be opened as an XLSX workbook. Save it as an Excel workbook (.xlsx)',
  macros: 'The selected workbook contains macros. Save it as an Excel workbook (.xlsx) without macros',
  tooLarge: 'The selected workbook must be smaller than 1 MB',
};

const XLSX_PROBLEMS: Record<XlsxProblem, string> = {
  'not-xlsx': MESSAGES.notXlsx,
  'too-large': 'The selected workbook unpacks to more than a template can hold',
  'too-many-cells': 'The selected workbook has more filled cells than a template can hold',
  macros: MESSAGES.macros,
  'too-slow':
    'The selected workbook took too long to open. Start from the blank workbook and upload it again',
  busy: 'The service is busy opening other spreadsheets. Try again in a minute',
};

/** Reads a template workbook. Never throws: a definition, or every problem found. */
export async function readTemplateWorkbook(
  fileName: string,
  data: Buffer,
  xlsxOptions?: Partial<XlsxReadOptions>,
  /** The importing partnership's locality names: a theme naming another is a problem. */
  localities?: ReadonlyArray<string>,
): Promise<WorkbookResult> {
  try {
    return await readUnsafe(fileName, data, xlsxOptions, localities);
  } catch {
    return whole(MESSAGES.notXlsx);
  }
}

async function readUnsafe(
  fileName: string,
  data: Buffer,
  xlsxOptions: Partial<XlsxReadOptions> | undefined,
  localities: ReadonlyArray<string> | undefined,
): Promise<WorkbookResult> {
  const ext = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsm' || ext === 'xltm' || ext === 'xlsb') return whole(MESSAGES.macros);
  if (ext !== 'xlsx') return whole('The selected file must be an Excel workbook (.xlsx)');
  if (data.length === 0) return whole('The selected file is empty');
  if (data.length > WORKBOOK_MAX_BYTES) return whole(MESSAGES.tooLarge);
  const read = await readXlsx(data, xlsxOptions);
  if (read.problem === 'busy') return { problems: [{ field: '', message: XLSX_PROBLEMS.busy }], status: 503 };
  if (read.problem) return whole(XLSX_PROBLEMS[read.problem]);
  const sheets = read.sheets.map((s) => new SheetCells(s));

  const formulas: TemplateFileProblem[] = [];
  for (const sheet of sheets) {
    const cells = sheet.formulas;
    if (cells.length > 0)
      formulas.push({
        field: `Sheet “${sheet.name}”, cell${cells.length === 1 ? '' : 's'} ${cells.slice(0, 5).join(', ')}${cells.length > 5 ? ' and others' : ''}`,
        message: `${cells.length === 1 ? 'holds a formula' : 'hold formulas'}. Formulas cannot be imported: type the values they show instead`,
      });
  }
  if (formulas.length > 0) return { problems: formulas };

  const main = sheets.find((s) => normal(s.name) === normal(TEMPLATE_SHEET));
  if (!main)
    return whole(`The workbook must have a sheet called “${TEMPLATE_SHEET}”. Start from the blank workbook`);
  const themeSheets = sheets.filter(
    (s) => s !== main && normal(s.name) !== normal(INSTRUCTIONS_SHEET) && s.state === 'visible',
  );

  const places = new Map<string, Place>();
  const problems: TemplateFileProblem[] = [];

  /**
   * Values of labelled rows (column A) from column B, remembering where each is. A label that is
   * none of `rows` is named, with the row it most likely stands for.
   */
  const labelled = <F extends string>(
    sheet: SheetCells,
    rows: ReadonlyArray<{ label: string; field: F; optional?: boolean }>,
    prefix: string,
    lastRow: number,
    what: string,
  ): Record<F, string> => {
    const out = {} as Record<F, string>;
    const labels = new Set(rows.map((row) => normal(row.label)));
    const present = new Set<string>();
    for (let r = 1; r <= lastRow; r++) present.add(normal(sheet.text(r, 1)));
    for (let r = 1; r <= lastRow; r++) {
      const label = sheet.text(r, 1);
      if (normal(label) === '' || labels.has(normal(label))) continue;
      const guess = closestWord(
        label,
        rows.filter((row) => !present.has(normal(row.label))).map((row) => row.label),
      );
      problems.push(
        at(
          { sheet: sheet.name, cell: `A${r}`, label: 'Row label' },
          `“${label.trim()}” is not a row of ${what}${guess ? ` – did you mean “${guess}”?` : ''}`,
        ),
      );
    }
    for (const row of rows) {
      let found = 0;
      for (let r = 1; r <= lastRow; r++)
        if (normal(sheet.text(r, 1)) === normal(row.label)) {
          found = r;
          break;
        }
      const place = { sheet: sheet.name, cell: `B${found || rows.indexOf(row) + 1}`, label: row.label };
      places.set(`${prefix}${row.field}`, place);
      if (!found) {
        if (!row.optional)
          problems.push(
            at({ ...place, cell: `A${rows.indexOf(row) + 1}` }, `The row “${row.label}” is missing`),
          );
        out[row.field] = '';
      } else out[row.field] = sheet.text(found, 2);
    }
    return out;
  };

  const t = labelled(main, TEMPLATE_ROWS, '', 20, 'the Template sheet');
  for (const f of ['red', 'amber', 'green'] as const) places.set(`gradeDescriptors.${f}`, places.get(f)!);
  places.set('', { sheet: main.name, cell: 'A1', label: 'Template' });
  places.set('gradeDescriptors', places.get('red')!);
  if (themeSheets.length === 0)
    problems.push(
      at({ sheet: main.name, cell: 'A1', label: 'Themes' }, 'Add a sheet for each theme after this one'),
    );
  places.set('themes', { sheet: main.name, cell: 'A1', label: 'Themes' });

  const themes = themeSheets.map((sheet, i) => readTheme(sheet, `themes[${i}]`));

  function readTheme(sheet: SheetCells, prefix: string) {
    places.set(prefix, { sheet: sheet.name, cell: 'A1', label: 'Theme' });
    let header = 0;
    for (let r = 1; r <= 60; r++) {
      if (normal(sheet.text(r, 1)) === 'key' && normal(sheet.text(r, 2)) === 'text') {
        header = r;
        break;
      }
    }
    const v = labelled(
      sheet,
      THEME_ROWS,
      `${prefix}.`,
      header ? header - 1 : QUESTIONS_HEADER_ROW - 1,
      'a theme sheet',
    );
    for (const f of ['red', 'amber', 'green'] as const)
      places.set(`${prefix}.gradeDescriptors.${f}`, places.get(`${prefix}.${f}`)!);
    places.set(`${prefix}.gradeDescriptors`, places.get(`${prefix}.red`)!);
    const theme: Record<string, unknown> = {
      key: v.key,
      title: v.title,
      description: v.description,
      guidance: v.guidance,
    };
    if (v.red !== '' || v.amber !== '' || v.green !== '')
      theme.gradeDescriptors = { red: v.red, amber: v.amber, green: v.green };
    const sectors = v.sectors
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (sectors.length > 0) theme.sectors = sectors;
    const localities = v.localities
      .split(/[;\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (localities.length > 0) theme.localities = localities;
    places.set(`${prefix}.questions`, {
      sheet: sheet.name,
      cell: `A${header || QUESTIONS_HEADER_ROW}`,
      label: 'Questions',
    });
    if (!header) {
      problems.push(
        at(
          { sheet: sheet.name, cell: `A${QUESTIONS_HEADER_ROW}`, label: 'Questions' },
          'The questions table is missing: a row with the headings Key, Text, Guidance, Scale and Evidence prompt',
        ),
      );
      theme.questions = [];
      return theme;
    }
    // Columns by heading, in any order.
    const columns = new Map<QuestionField, number>();
    const unknownHeadings: number[] = [];
    for (let c = 1; c <= Math.max(sheet.lastColumn(header), QUESTION_COLUMNS.length); c++) {
      const heading = normal(sheet.text(header, c));
      if (heading === '') continue;
      const column = QUESTION_COLUMNS.find((q) => normal(q.header) === heading);
      if (column && !columns.has(column.field)) columns.set(column.field, c);
      else if (column)
        problems.push(
          at(
            { sheet: sheet.name, cell: cellAddress(header, c), label: 'Heading' },
            `The heading “${column.header}” is used twice`,
          ),
        );
      else unknownHeadings.push(c);
    }
    // Named once every heading is known, so the guess is a column the table does not have yet.
    for (const c of unknownHeadings) {
      const typed = sheet.text(header, c).trim();
      const guess = closestWord(
        typed,
        QUESTION_COLUMNS.filter((q) => !columns.has(q.field)).map((q) => q.header),
      );
      problems.push(
        at(
          { sheet: sheet.name, cell: cellAddress(header, c), label: 'Heading' },
          `“${typed}” is not a column of the questions table${guess ? ` – did you mean “${guess}”?` : ` (the columns are ${QUESTION_COLUMNS.map((q) => q.header).join(', ')})`}`,
        ),
      );
    }
    for (const column of QUESTION_COLUMNS)
      if (REQUIRED_COLUMNS.has(column.field) && !columns.has(column.field))
        problems.push(
          at(
            { sheet: sheet.name, cell: `A${header}`, label: 'Headings' },
            `The questions table has no “${column.header}” column`,
          ),
        );

    const questions: Array<Record<string, unknown>> = [];
    for (const r of sheet.rowNumbers) {
      if (r <= header) continue;
      const text = (f: QuestionField) => {
        const c = columns.get(f);
        return c === undefined ? '' : sheet.text(r, c);
      };
      if (QUESTION_COLUMNS.every((c) => text(c.field).trim() === '')) continue;
      const qPrefix = `${prefix}.questions[${questions.length}]`;
      const placeOf = (f: QuestionField) => {
        const c = columns.get(f);
        const heading = QUESTION_COLUMNS.find((x) => x.field === f)!.header;
        return { sheet: sheet.name, cell: c ? cellAddress(r, c) : `A${r}`, label: heading };
      };
      places.set(qPrefix, { sheet: sheet.name, cell: `A${r}`, label: 'Question' });
      for (const c of QUESTION_COLUMNS) places.set(`${qPrefix}.${c.field}`, placeOf(c.field));
      const q: Record<string, unknown> = {
        key: text('key'),
        text: text('text'),
        scale: text('scale').trim(),
        guidance: text('guidance'),
        evidencePrompt: text('evidencePrompt'),
      };
      const required = normal(text('required'));
      if (required === 'yes' || required === 'true') q.required = true;
      else if (required === 'no' || required === 'false') q.required = false;
      else if (required !== '') problems.push(at(placeOf('required'), 'Required must be Yes or No'));
      const weightColumn = columns.get('weight');
      const weight = weightColumn === undefined ? null : sheet.number(r, weightColumn);
      if (weight !== null) q.weight = weight;
      else if (text('weight').trim() !== '') {
        const n = Number(text('weight').trim());
        if (Number.isInteger(n)) q.weight = n;
        else problems.push(at(placeOf('weight'), 'Weight must be a whole number, like 1 or 2'));
      }
      const options = text('options').trim();
      if (options !== '') {
        const parsed = options.split(/\r?\n/).map(parseOption);
        const bad = parsed.indexOf(null);
        if (bad >= 0)
          problems.push(
            at(
              placeOf('options'),
              `Line ${bad + 1} of the options must be key | label | met or not met | action or no action`,
            ),
          );
        else q.options = parsed;
      }
      const condition = text('showWhen').trim();
      if (condition !== '') {
        const m = /^([^:]+):(.*)$/s.exec(condition);
        const answers = (m?.[2] ?? '')
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean);
        if (!m || answers.length === 0)
          problems.push(at(placeOf('showWhen'), 'The condition must be question-key: answer, answer'));
        else q.showWhen = { questionKey: m[1]!.trim(), answers };
      }
      questions.push(q);
    }
    theme.questions = questions;
    return theme;
  }

  const value = {
    key: t.key,
    name: t.name,
    description: t.description,
    gradeDescriptors: { red: t.red, amber: t.amber, green: t.green },
    themes,
  };
  const parsed = templateFileSchema.safeParse(value);
  const issues = parsed.success
    ? localities
      ? localityIssues(parsed.data, localities)
      : []
    : fileIssues(value, parsed.error.issues);
  if (problems.length === 0 && issues.length === 0 && parsed.success)
    return { definition: parsed.data as TemplateDefinition };
  for (const { path, message } of issues) {
    let place: Place | undefined;
    for (let n = path.length; n >= 0 && !place; n--) place = places.get(fieldPath(path.slice(0, n)));
    problems.push(at(place ?? { sheet: main.name, cell: 'A1', label: 'Template' }, message));
  }
  return { problems };
}

const MET = new Map([
  ['met', true],
  ['not met', false],
]);
const ACTION = new Map([
  ['action', true],
  ['no action', false],
]);

function parseOption(line: string): { key: string; label: string; met: boolean; action: boolean } | null {
  const parts = line.split('|').map((p) => p.trim());
  if (parts.length !== 4) return null;
  const [key, label, met, action] = parts as [string, string, string, string];
  const metValue = MET.get(met.toLowerCase());
  const actionValue = ACTION.get(action.toLowerCase());
  if (metValue === undefined || actionValue === undefined) return null;
  return { key, label, met: metValue, action: actionValue };
}

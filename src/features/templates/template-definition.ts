/**
 * A template as plain data: what the built-in library ships, and what a partnership's template
 * version is created from. Keys are stable identifiers (kebab-case) used to match questions between
 * versions.
 */

import type { ResponseScale } from '../../db/schema.ts';

export interface ResponseScaleInfo {
  value: ResponseScale;
  label: string;
  /** The author names the levels or choices (each with whether it counts as met and generates an action). */
  hasOptions: boolean;
  /** How many options it needs: exactly (`four_level`) or at least. */
  options?: { exactly?: number; atLeast?: number };
  /** Answers fixed by the scale (graded, yes_no), with those counting as met and generating an action. */
  fixed?: ReadonlyArray<{ key: string; label: string; met: boolean; action: boolean }>;
  /** Offers N/A (which needs a reason). */
  hasNa: boolean;
  /** How it is answered: one choice, several, or a free value. */
  input: 'one' | 'many' | 'text' | 'number' | 'date';
}

/** The scales a question may use, as offered to template authors. */
export const RESPONSE_SCALES: ReadonlyArray<ResponseScaleInfo> = [
  {
    value: 'graded',
    label: 'Not met / Partly met / Fully met / N/A',
    hasOptions: false,
    hasNa: true,
    input: 'one',
    fixed: [
      { key: 'not_met', label: 'Not met', met: false, action: true },
      { key: 'partly_met', label: 'Partly met', met: false, action: true },
      { key: 'fully_met', label: 'Fully met', met: true, action: false },
      { key: 'na', label: 'N/A', met: false, action: false },
    ],
  },
  {
    value: 'yes_no',
    label: 'Yes / No / N/A',
    hasOptions: false,
    hasNa: true,
    input: 'one',
    fixed: [
      { key: 'yes', label: 'Yes', met: true, action: false },
      { key: 'no', label: 'No', met: false, action: true },
      { key: 'na', label: 'N/A', met: false, action: false },
    ],
  },
  {
    value: 'four_level',
    label: 'Four named levels',
    hasOptions: true,
    options: { exactly: 4 },
    hasNa: false,
    input: 'one',
  },
  {
    value: 'choose_one',
    label: 'Choose one from a list',
    hasOptions: true,
    options: { atLeast: 2 },
    hasNa: false,
    input: 'one',
  },
  {
    value: 'choose_many',
    label: 'Choose any from a list',
    hasOptions: true,
    options: { atLeast: 2 },
    hasNa: false,
    input: 'many',
  },
  { value: 'text', label: 'Free text', hasOptions: false, hasNa: false, input: 'text' },
  { value: 'number', label: 'A number', hasOptions: false, hasNa: false, input: 'number' },
  { value: 'date', label: 'A date', hasOptions: false, hasNa: false, input: 'date' },
];

export const RESPONSE_SCALE_VALUES = RESPONSE_SCALES.map((s) => s.value) as [
  ResponseScale,
  ...ResponseScale[],
];

export function responseScale(scale: ResponseScale): ResponseScaleInfo {
  return RESPONSE_SCALES.find((s) => s.value === scale)!;
}

/** What is wrong with the number of named options a scale has been given ("exactly 4"), if anything. */
export function optionCountProblem(scale: ResponseScaleInfo, count: number): string | null {
  const { exactly, atLeast } = scale.options ?? {};
  if (exactly !== undefined && count !== exactly) return `exactly ${exactly} options`;
  if (atLeast !== undefined && count < atLeast) return `at least ${atLeast} options`;
  return null;
}

/** A named level or choice of a scale that has them. */
export interface ScaleOption {
  key: string;
  label: string;
  /** Counts as met in scores. */
  met: boolean;
  /** Choosing it asks for an area for development, which becomes an action. */
  action: boolean;
}

export interface GradeDescriptors {
  red: string;
  amber: string;
  green: string;
}

export interface QuestionDefinition {
  key: string;
  /** The statement or question, in the agency's voice where it is a statement. */
  text: string;
  /** What a good answer looks like and what evidence would show it. */
  guidance: string;
  scale: ResponseScale;
  /** Examples of evidence the agency might reference. */
  evidencePrompt: string;
  /** Default true. An optional question may be left unanswered. */
  required?: boolean;
  /** Default 1. Weight in scores; 0 leaves the question out of them. */
  weight?: number;
  /** The levels or choices, for scales with `hasOptions`. */
  options?: ScaleOption[];
  /** Show only when the earlier question of the same theme with this key has one of these answers. */
  showWhen?: { questionKey: string; answers: string[] };
}

export interface ThemeDefinition {
  key: string;
  title: string;
  /** One or two sentences: what this theme is about. */
  description: string;
  /** Guidance shown at the top of the theme page. */
  guidance: string;
  /** Optional theme-specific descriptors; the template's apply otherwise. */
  gradeDescriptors?: GradeDescriptors;
  /** Sector codes (src/features/agencies/sectors.ts); absent or empty: every sector. */
  sectors?: string[];
  /**
   * The partnership's localities the theme is limited to, by name (localities belong to one
   * partnership: a file names them, and importing matches them to the importer's); absent or
   * empty: every locality.
   */
  localities?: string[];
  questions: QuestionDefinition[];
}

export interface TemplateDefinition {
  key: string;
  name: string;
  description: string;
  gradeDescriptors: GradeDescriptors;
  themes: ThemeDefinition[];
}

/**
 * A template as plain data: what the built-in library ships, and what a partnership's template
 * version is created from. Keys are stable identifiers (kebab-case) used to match questions between
 * versions.
 */

/** `graded`: Not met / Partly met / Fully met / N/A. `yes_no`: Yes / No / N/A. */
export type ResponseScale = 'graded' | 'yes_no';

/** The scales a question may use, as offered to template authors. `hasOptions`: the author names
 * the levels or choices (each with whether it counts as met and whether it generates an action). */
export const RESPONSE_SCALES: ReadonlyArray<{ value: ResponseScale; label: string; hasOptions: boolean }> = [
  { value: 'graded', label: 'Not met / Partly met / Fully met / N/A', hasOptions: false },
  { value: 'yes_no', label: 'Yes / No / N/A', hasOptions: false },
];

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
  questions: QuestionDefinition[];
}

export interface TemplateDefinition {
  key: string;
  name: string;
  description: string;
  gradeDescriptors: GradeDescriptors;
  themes: ThemeDefinition[];
}

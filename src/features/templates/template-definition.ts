/**
 * A template as plain data: what the built-in library ships, and what a partnership's template
 * version is created from. Keys are stable identifiers (kebab-case) used to match questions between
 * versions.
 */

/** `graded`: Not met / Partly met / Fully met / N/A. `yes_no`: Yes / No / N/A. */
export type ResponseScale = 'graded' | 'yes_no';

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
  questions: QuestionDefinition[];
}

export interface TemplateDefinition {
  key: string;
  name: string;
  description: string;
  gradeDescriptors: GradeDescriptors;
  themes: ThemeDefinition[];
}

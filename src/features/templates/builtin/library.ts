/**
 * The library of built-in templates a partnership can adopt as its own: each written for this
 * project, in our own words. A partnership copies one into its templates; the definition here never
 * changes under a copy.
 */
import type { TemplateDefinition } from '../template-definition.ts';
import { adultSafeguardingTemplate } from './adult-safeguarding.ts';
import { schoolsCollegesTemplate } from './schools-colleges.ts';
import { section11Template } from './section-11.ts';

export interface BuiltinTemplate {
  definition: TemplateDefinition;
  /** Who it is for, in one sentence. */
  audience: string;
}

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  {
    definition: section11Template,
    audience:
      'For the partner agencies of a local safeguarding children partnership: councils, health, police, probation, youth justice and others bound by Section 11 of the Children Act 2004.',
  },
  {
    definition: schoolsCollegesTemplate,
    audience:
      'For schools, academies, independent schools and colleges, under sections 175 and 157 of the Education Act 2002.',
  },
  {
    definition: adultSafeguardingTemplate,
    audience:
      'For the member organisations of a safeguarding adults board, under the Care Act 2014 and Making Safeguarding Personal.',
  },
];

export const findBuiltin = (key: string): BuiltinTemplate | undefined =>
  BUILTIN_TEMPLATES.find((t) => t.definition.key === key);

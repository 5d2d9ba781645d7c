/** The addresses of a draft's pages. */
import { versionBase } from '../templates.view.tsx';

export const editBase = (partnershipId: string, versionId: string) =>
  `${versionBase(partnershipId, versionId)}/edit`;
export const themeBase = (partnershipId: string, versionId: string, themeId: string) =>
  `${versionBase(partnershipId, versionId)}/themes/${themeId}`;
export const questionBase = (partnershipId: string, versionId: string, themeId: string, questionId: string) =>
  `${themeBase(partnershipId, versionId, themeId)}/questions/${questionId}`;

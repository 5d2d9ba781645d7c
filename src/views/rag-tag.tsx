/** A Red, Amber or Green rating as a tag in its colour (grey "No rating" when there is none). */
import type { Rag } from '../db/schema.ts';
import { RAG_LABELS } from '../domain/rag.ts';
import { Tag } from './govuk/tag.tsx';

export function RagTag(props: { rating: Rag | null }): JSX.Element {
  if (!props.rating) return <Tag text="No rating" classes="govuk-tag--grey" />;
  return <Tag text={RAG_LABELS[props.rating]} classes={`app-rag app-rag--${props.rating}`} />;
}

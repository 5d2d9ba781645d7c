/** GOV.UK pagination for a long list: previous, next and the pages around the current one. */
import { pageNumbers } from '../lib/paging.ts';
import { Pagination } from './govuk/pagination.tsx';

export function PageLinks(props: {
  page: number;
  pageCount: number;
  /** The address of page `n`, keeping the list's filters and sort. */
  href: (n: number) => string;
  /** Names the list for screen readers when a page has more than one ("Agencies pages"). */
  landmarkLabel?: string;
}): JSX.Element {
  const { page, pageCount, href } = props;
  if (pageCount <= 1) return '';
  return (
    <Pagination
      previous={page > 1 ? { href: href(page - 1) } : undefined}
      next={page < pageCount ? { href: href(page + 1) } : undefined}
      items={pageNumbers(page, pageCount).map((n) =>
        n === null ? { ellipsis: true } : { number: n, href: href(n), current: n === page },
      )}
      {...(props.landmarkLabel ? { landmarkLabel: props.landmarkLabel } : {})}
    />
  );
}

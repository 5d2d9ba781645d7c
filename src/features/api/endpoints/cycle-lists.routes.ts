/** A cycle's lists, a page at a time: its returns, answers, theme ratings and actions. */
import type { DbOrTx } from '../../../db/client.ts';
import { API_BASE, type ApiRoutes, type CycleRequest, type CycleRoute } from '../api-context.ts';
import { actionJson, answerJson, returnsJson, themeGradeJson } from '../api-json.ts';
import { encodeCursor, parseCursor, parsePaging } from '../api-paging.ts';
import {
  countListRows,
  type ListKind,
  type ListRow,
  loadListStructure,
  positionOfOffset,
  readListPage,
} from '../cycle-pages.repository.ts';

export function apiCycleListRoutes({ app, clock, authenticated, forPartnership, cycleFor }: ApiRoutes): void {
  /**
   * A page of one of the cycle's lists, read in the database: from `cursor` (as `links.next` gives
   * it, a keyset position: the cost of a page does not grow with the audit) or from `page` (kept for
   * clients that count pages; it finds its position through the order of every return, so it costs a
   * little more on a large audit). `links.next` always carries a cursor.
   */
  async function listPage<K extends ListKind>(
    db: DbOrTx,
    request: CycleRequest,
    kind: K,
    toJson: (row: ListRow<K>) => unknown,
  ) {
    const query = request.query ?? {};
    const { page, pageSize } = parsePaging(query);
    const cursor = parseCursor(query);
    const cycle = await cycleFor(db, request);
    const path = `${API_BASE}/cycles/${cycle.id}/${kind}`;
    const pageNumber = cursor ? cursor.page : page;
    // Counted for the first page, then carried by the cursor (a page's cost must not grow with the audit).
    const structure = await loadListStructure(db, cycle, kind);
    const totalItems = cursor?.totalItems ?? (await countListRows(db, cycle, kind, structure));
    const totalPages = Math.max(1, Math.ceil(totalItems / pageSize));
    const from =
      cursor ??
      (page === 1 ? null : await positionOfOffset(db, cycle, kind, structure, (page - 1) * pageSize));
    const result =
      !cursor && page > 1 && !from
        ? { rows: [], next: null }
        : await readListPage(db, cycle, kind, structure, from, pageSize, clock.now());
    const pageLink = (n: number) => `${path}?page=${n}&pageSize=${pageSize}`;
    return {
      data: result.rows.map(toJson),
      meta: { page: pageNumber, pageSize, totalItems, totalPages },
      links: {
        self: cursor ? `${path}?pageSize=${pageSize}&cursor=${encodeCursor(cursor)}` : pageLink(page),
        next: result.next
          ? `${path}?pageSize=${pageSize}&cursor=${encodeCursor({ ...result.next, page: pageNumber + 1, totalItems })}`
          : null,
        prev: pageNumber > 1 ? pageLink(Math.min(pageNumber - 1, totalPages)) : null,
      },
    };
  }

  app.get<CycleRoute>('/cycles/:cycleId/returns', authenticated, (request) =>
    forPartnership(request, (db) => listPage(db, request, 'returns', returnsJson)),
  );

  app.get<CycleRoute>('/cycles/:cycleId/answers', authenticated, (request) =>
    forPartnership(request, (db) => listPage(db, request, 'answers', answerJson)),
  );

  app.get<CycleRoute>('/cycles/:cycleId/theme-ratings', authenticated, (request) =>
    forPartnership(request, (db) => listPage(db, request, 'theme-ratings', themeGradeJson)),
  );

  app.get<CycleRoute>('/cycles/:cycleId/actions', authenticated, (request) =>
    forPartnership(request, (db) => listPage(db, request, 'actions', actionJson)),
  );
}

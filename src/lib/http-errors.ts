/** Work going on in the background that a page waits for: how far it has got, and where to ask again. */
export interface PageProgress {
  /** Said on the page, and kept up to date by its script from `url`. */
  text: string;
  /** JSON `{ ready, progress }`: the page reloads itself once `ready`, else shows `progress`. */
  url: string;
}

/** An error that becomes a GOV.UK-style error page with its status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly title: string,
    message: string,
    readonly links: Array<{ text: string; href: string }> = [],
    readonly progress?: PageProgress,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Page') =>
  new HttpError(
    404,
    `${what} not found`,
    'If you typed the web address, check it is correct. If you followed a link, it may be out of date.',
    [{ text: 'Go to your home page', href: '/' }],
  );

export const forbidden = (message = 'You do not have permission to do that.') =>
  new HttpError(403, 'You cannot do that', message, [{ text: 'Go to your home page', href: '/' }]);

/** Where one page sits in a list cut into pages. */
export type PageRange = {
  /** 1-based, from 1 to `pages`. */
  page: number;
  /** At least 1: an empty list is one empty page. */
  pages: number;
  /** 1-based and inclusive; both 0 for an empty list. */
  firstRow: number;
  lastRow: number;
};

/**
 * The range of page `page` of `total` rows, `pageSize` a page. A page past
 * the last is the last page, and one before the first is the first, so the
 * range never names rows the list does not have.
 */
export function getPageRange(
  page: number,
  pageSize: number,
  total: number,
): PageRange {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const clamped = Math.min(Math.max(1, Math.trunc(page)), pages);

  return {
    page: clamped,
    pages,
    firstRow: total === 0 ? 0 : (clamped - 1) * pageSize + 1,
    lastRow: Math.min(total, clamped * pageSize),
  };
}

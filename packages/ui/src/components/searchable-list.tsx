import { Badge, Pagination, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { NameSearchInput } from './name-search-input';
import { PageHeader } from './page-header';

/** How many rows a page of a searchable list shows. */
export const LIST_PAGE_SIZE = 50;

/** Which rows page `page` (from 1) asks the server for. */
export function pageWindow(page: number): { limit: number; offset: number } {
  return { limit: LIST_PAGE_SIZE, offset: (page - 1) * LIST_PAGE_SIZE };
}

/**
 * A list page with a name search and pages, both in the URL (`?q=etl&page=2`): the title with the
 * count, the search box, the list (`children`) and the pager when there is more than one page.
 * @example <SearchableList title="Flows" total={count.data} search={q} page={page} …>{table}</SearchableList>
 */
export function SearchableList({
  title,
  total,
  search,
  placeholder,
  onSearch,
  page,
  onPage,
  children,
}: {
  title: string;
  /** How many match the search; unknown while it loads. */
  total: number | undefined;
  search: string | undefined;
  placeholder: string;
  onSearch: (text: string | undefined) => void;
  page: number;
  onPage: (page: number) => void;
  children: ReactNode;
}) {
  const pages = Math.max(1, Math.ceil((total ?? 0) / LIST_PAGE_SIZE));
  return (
    <Stack gap="md">
      <PageHeader title={title} badge={total !== undefined && <Badge variant="light">{total}</Badge>} />
      <NameSearchInput value={search} placeholder={placeholder} onSearch={onSearch} />
      {children}
      {pages > 1 && <Pagination value={page} total={pages} onChange={onPage} />}
    </Stack>
  );
}

import { Button, type ComboboxData, Group, MultiSelect, Select, TagsInput, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { FLOW_RUN_SORTS, type FlowRunSort, type StateType } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../../app/trpc';
import { STATE_TYPE_ORDER } from '../../../lib/states';
import { hasFilters, type RunsSearch } from './runs-search';
import { TimeRangeFilter } from './time-range-filter';

const SORT_LABELS: Record<FlowRunSort, string> = {
  EXPECTED_START_TIME_DESC: 'Newest first',
  EXPECTED_START_TIME_ASC: 'Oldest first',
  START_TIME_DESC: 'Started, newest first',
  START_TIME_ASC: 'Started, oldest first',
  END_TIME_DESC: 'Ended, newest first',
  NAME_ASC: 'Name, A to Z',
  NAME_DESC: 'Name, Z to A',
  NEXT_SCHEDULED_START_TIME_ASC: 'Next scheduled first',
  ID_DESC: 'Created, newest first',
};

function titleCase(type: string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

/** A change of some filters; `undefined` clears one. */
export type RunsSearchPatch = Partial<RunsSearch>;

/** One multi-value filter of the runs list: empty means any. */
function FilterSelect({
  label,
  any,
  data,
  values,
  onChange,
  w = 200,
  searchable = true,
}: {
  label: string;
  any: string;
  data: ComboboxData;
  values: string[];
  onChange: (values: string[]) => void;
  w?: number;
  searchable?: boolean;
}) {
  return (
    <MultiSelect
      size="xs"
      w={w}
      label={label}
      placeholder={values.length ? undefined : any}
      data={data}
      value={values}
      onChange={onChange}
      searchable={searchable}
      clearable
    />
  );
}

/** The runs list's filters: each change goes to the URL. */
export function RunsFilters({
  search,
  onChange,
  onClear,
}: {
  search: RunsSearch;
  onChange: (patch: RunsSearchPatch) => void;
  onClear: () => void;
}) {
  const trpc = useTRPC();
  const options = { staleTime: 30_000 };
  const flows = useQuery({ ...trpc.flows.list.queryOptions({ limit: 200 }), ...options });
  const deployments = useQuery({ ...trpc.deployments.list.queryOptions({ limit: 200 }), ...options });
  const pools = useQuery({ ...trpc.workPools.list.queryOptions({ limit: 200 }), ...options });
  const [q, setQ] = useState(search.q ?? '');
  const commitQ = useDebouncedCallback((value: string) => onChange({ q: value.trim() || undefined }), 300);
  const list = <T,>(values: T[]) => (values.length > 0 ? values : undefined);

  return (
    <Group gap="xs" align="flex-end" mb="md" data-testid="runs-filters">
      <TextInput
        size="xs"
        w={180}
        label="Name"
        placeholder="Run name contains…"
        leftSection={<IconSearch size={14} />}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          commitQ(e.currentTarget.value);
        }}
      />
      <FilterSelect
        label="State"
        any="Any state"
        data={STATE_TYPE_ORDER.map((type) => ({ value: type, label: titleCase(type) }))}
        values={search.state ?? []}
        onChange={(values) => onChange({ state: list(values as StateType[]) })}
        searchable={false}
      />
      <FilterSelect
        label="Flow"
        any="Any flow"
        data={(flows.data ?? []).map((flow) => ({ value: flow.id, label: flow.name }))}
        values={search.flow ?? []}
        onChange={(values) => onChange({ flow: list(values) })}
      />
      <FilterSelect
        label="Deployment"
        any="Any deployment"
        data={(deployments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        values={search.deployment ?? []}
        onChange={(values) => onChange({ deployment: list(values) })}
      />
      <FilterSelect
        label="Work pool"
        any="Any pool"
        w={170}
        data={(pools.data ?? []).map((pool) => pool.name)}
        values={search.pool ?? []}
        onChange={(values) => onChange({ pool: list(values) })}
      />
      <TagsInput
        size="xs"
        w={170}
        label="Tags (all of)"
        placeholder={search.tags?.length ? undefined : 'Any tags'}
        value={search.tags ?? []}
        onChange={(values) => onChange({ tags: list(values) })}
        clearable
      />
      {search.stateName && (
        <TagsInput
          size="xs"
          w={200}
          label="State name"
          value={search.stateName}
          onChange={(values) => onChange({ stateName: list(values) })}
          clearable
        />
      )}
      <TimeRangeFilter
        from={search.from}
        to={search.to}
        onChange={(range) => onChange({ from: range.from, to: range.to })}
      />
      <Select
        size="xs"
        w={180}
        label="Sort"
        data={FLOW_RUN_SORTS.map((sort) => ({ value: sort, label: SORT_LABELS[sort] }))}
        value={search.sort ?? 'EXPECTED_START_TIME_DESC'}
        onChange={(value) => onChange({ sort: (value as FlowRunSort | null) ?? undefined })}
        allowDeselect={false}
      />
      {hasFilters(search) && (
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconX size={14} />}
          onClick={() => {
            setQ('');
            onClear();
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}

import {
  Alert,
  Button,
  Checkbox,
  Group,
  JsonInput,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schedule } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { notifyDone } from '../../components/notify';
import { errorMessage } from '../../components/query-state';
import { parseJsonObject } from './json-object-input';
import { describeCron, describeRRule, describeSchedule } from './schedule-text';
import { LOCAL_TIME_ZONE, TIME_ZONES } from './time-zones';

type Kind = 'cron' | 'interval' | 'rrule';
const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 } as const;
type Unit = keyof typeof UNIT_SECONDS;

function toSchedule(
  kind: Kind,
  text: string,
  every: { amount: number; unit: Unit },
  timezone: string,
): Schedule {
  if (kind === 'interval') return { interval: every.amount * UNIT_SECONDS[every.unit], timezone };
  if (kind === 'cron') return { cron: text.trim(), timezone, dayOr: true };
  return { rrule: text.trim(), timezone };
}

/** Add a schedule to a deployment: cron, interval or RFC 5545 rule, in a time zone. */
export function ScheduleForm({ deploymentId, onDone }: { deploymentId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('cron');
  const [text, setText] = useState('');
  const [every, setEvery] = useState<{ amount: number; unit: Unit }>({ amount: 1, unit: 'hours' });
  const [timezone, setTimezone] = useState(TIME_ZONES.includes(LOCAL_TIME_ZONE) ? LOCAL_TIME_ZONE : 'UTC');
  const [slug, setSlug] = useState('');
  const [active, setActive] = useState(true);
  const [parametersText, setParametersText] = useState('');
  const parameters = parseJsonObject(parametersText);
  const create = useMutation(
    trpc.deployments.createSchedule.mutationOptions({
      onSuccess: async (created) => {
        notifyDone(`Added the schedule “${describeSchedule(created.schedule)}”`);
        await queryClient.invalidateQueries({ queryKey: trpc.deployments.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.flowRuns.pathKey() });
        onDone();
      },
    }),
  );
  const serverError = create.error ? errorMessage(create.error) : undefined;
  // The server names the field: `schedule.cron: …` belongs under the value, the rest above the buttons.
  const valueError = serverError?.startsWith('schedule') ? serverError : undefined;
  const preview = kind === 'cron' ? describeCron(text) : kind === 'rrule' ? describeRRule(text) : undefined;
  const canSubmit = (kind === 'interval' ? every.amount > 0 : text.trim() !== '') && parameters.ok;
  return (
    <form
      data-testid="schedule-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!canSubmit || !parameters.ok) return;
        create.mutate({
          deploymentId,
          schedule: toSchedule(kind, text, every, timezone),
          active,
          parameters: parameters.value,
          slug: slug.trim() || undefined,
        });
      }}
    >
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as Kind)}
          data={[
            { value: 'cron', label: 'Cron' },
            { value: 'interval', label: 'Interval' },
            { value: 'rrule', label: 'RRule' },
          ]}
          w="fit-content"
        />
        {kind === 'interval' ? (
          <Group gap="xs" align="flex-end">
            <NumberInput
              label="Every"
              min={1}
              value={every.amount}
              onChange={(value) => setEvery((prev) => ({ ...prev, amount: Number(value) || 0 }))}
              error={valueError}
              w={140}
            />
            <Select
              aria-label="Unit"
              data={Object.keys(UNIT_SECONDS)}
              value={every.unit}
              onChange={(value) => value && setEvery((prev) => ({ ...prev, unit: value as Unit }))}
              allowDeselect={false}
              w={140}
            />
          </Group>
        ) : (
          <TextInput
            label={kind === 'cron' ? 'Cron expression' : 'Recurrence rule'}
            placeholder={kind === 'cron' ? '0 9 * * 1-5' : 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0'}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              if (create.isError) create.reset();
            }}
            description={
              preview ?? (kind === 'cron' ? 'minute hour day-of-month month day-of-week' : 'RFC 5545')
            }
            error={valueError}
            data-testid="schedule-value"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        )}
        <Select
          label="Time zone"
          data={TIME_ZONES}
          value={timezone}
          onChange={(value) => value && setTimezone(value)}
          searchable
          allowDeselect={false}
          maw={320}
          data-testid="schedule-timezone"
        />
        <TextInput
          label="Slug"
          description="Optional: keeps this schedule (and its settings) across redeploys"
          placeholder="nightly"
          value={slug}
          onChange={(event) => setSlug(event.currentTarget.value)}
          maw={320}
        />
        <JsonInput
          label="Parameters"
          description="Optional: overrides of the deployment's parameters for this schedule's runs"
          placeholder='{"limit": 10}'
          value={parametersText}
          onChange={setParametersText}
          error={parameters.ok ? undefined : parameters.error}
          autosize
          minRows={2}
        />
        <Checkbox
          label="Active"
          checked={active}
          onChange={(event) => setActive(event.currentTarget.checked)}
        />
        {serverError && !valueError && (
          <Alert color="red" title="The schedule was not added">
            {serverError}
          </Alert>
        )}
        <Group gap="xs">
          <Button
            type="submit"
            size="xs"
            loading={create.isPending}
            disabled={!canSubmit}
            data-testid="schedule-submit"
          >
            Add schedule
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

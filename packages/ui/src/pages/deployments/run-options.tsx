import { Group, JsonInput, SegmentedControl, Stack, TagsInput, Text } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { formatRelative } from '../../lib/format';
import { parseJsonObject } from './json-object-input';

/** What a run gets besides its parameters. */
export interface RunOptions {
  tags: string[];
  /** `null`: start now. A `YYYY-MM-DD HH:mm:ss` local time otherwise. */
  startAt: string | null;
  later: boolean;
  jobVariablesText: string;
}

export const DEFAULT_RUN_OPTIONS: RunOptions = {
  tags: [],
  startAt: null,
  later: false,
  jobVariablesText: '',
};

/** The problems that keep the options from being sent, by field. */
export function runOptionsErrors(options: RunOptions): { startAt?: string; jobVariables?: string } {
  const jobVariables = parseJsonObject(options.jobVariablesText);
  return {
    startAt: options.later && !options.startAt ? 'Pick when the run should start' : undefined,
    jobVariables: jobVariables.ok ? undefined : jobVariables.error,
  };
}

/** Tags, when to start, and job variables of a new run. */
export function RunOptionsFields({
  value,
  onChange,
  showErrors,
}: {
  value: RunOptions;
  onChange: (value: RunOptions) => void;
  showErrors: boolean;
}) {
  const errors = runOptionsErrors(value);
  const set = (patch: Partial<RunOptions>) => onChange({ ...value, ...patch });
  return (
    <Stack gap="sm">
      <TagsInput
        label="Tags"
        description="Added to the deployment's tags; press Enter after each"
        value={value.tags}
        onChange={(tags) => set({ tags })}
        clearable
        data-testid="run-tags"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Start
        </Text>
        <Group gap="sm" align="flex-start">
          <SegmentedControl
            value={value.later ? 'later' : 'now'}
            onChange={(next) => set({ later: next === 'later' })}
            data={[
              { value: 'now', label: 'Now' },
              { value: 'later', label: 'Later' },
            ]}
            data-testid="run-start-mode"
          />
          {value.later && (
            <DateTimePicker
              aria-label="Start at"
              placeholder="Pick a date and time"
              value={value.startAt}
              onChange={(startAt) => set({ startAt })}
              minDate={dayjs().format('YYYY-MM-DD')}
              withSeconds={false}
              valueFormat="YYYY-MM-DD HH:mm"
              clearable
              error={showErrors || value.startAt ? errors.startAt : undefined}
              description={value.startAt ? formatRelative(dayjs(value.startAt).toDate()) : undefined}
              miw={220}
              data-testid="run-start-at"
            />
          )}
        </Group>
      </Stack>
      <JsonInput
        label="Job variables"
        description={
          'Optional: a JSON object over the deployment\'s and the work pool\'s, e.g. {"env": {"DEBUG": "1"}}'
        }
        placeholder="{}"
        value={value.jobVariablesText}
        onChange={(jobVariablesText) => set({ jobVariablesText })}
        error={errors.jobVariables}
        autosize
        minRows={2}
        data-testid="run-job-variables"
      />
    </Stack>
  );
}

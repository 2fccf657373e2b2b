import { Alert, Button, Card, Code, Grid, JsonInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Deployment } from '@weft/schemas';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { notifyDone } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { errorMessage, QueryState } from '../../components/query-state';
import { type FormValue, SchemaForm } from '../../components/schema-form';
import { parseJsonObject, toJsonObject } from './json-object-input';
import { parameterUiSchema, toFormSchema } from './parameter-form-schema';
import { DEFAULT_RUN_OPTIONS, type RunOptions, RunOptionsFields, runOptionsErrors } from './run-options';

const route = getRouteApi('/deployments/$id/run');

function RunForm({ deployment }: { deployment: Deployment }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const schema = useMemo(() => toFormSchema(deployment.parameterSchema), [deployment.parameterSchema]);
  const uiSchema = useMemo(() => parameterUiSchema(schema), [schema]);
  const [parameters, setParameters] = useState<FormValue>(deployment.parameters);
  // Without a schema there is no form to generate: the parameters are edited as JSON.
  const [parametersText, setParametersText] = useState(JSON.stringify(deployment.parameters, null, 2));
  const [options, setOptions] = useState<RunOptions>(DEFAULT_RUN_OPTIONS);
  const [tried, setTried] = useState(false);
  const create = useMutation(
    trpc.deployments.createFlowRun.mutationOptions({
      onSuccess: async (run) => {
        notifyDone(`Created ${run.name}, a run of ${deployment.flowName}/${deployment.name}`);
        await queryClient.invalidateQueries({ queryKey: trpc.flowRuns.pathKey() });
        await navigate({ to: '/runs/flow-run/$id', params: { id: run.id } });
      },
    }),
  );
  const submit = (value: FormValue) => {
    setTried(true);
    const errors = runOptionsErrors(options);
    const jobVariables = parseJsonObject(options.jobVariablesText);
    if (errors.startAt || !jobVariables.ok) return;
    create.mutate({
      deployment: { id: deployment.id },
      parameters: toJsonObject(value),
      tags: options.tags,
      jobVariables: jobVariables.value ?? {},
      state:
        options.later && options.startAt
          ? { type: 'SCHEDULED', stateDetails: { scheduledTime: dayjs(options.startAt).toDate() } }
          : undefined,
    });
  };
  const freeParameters = parseJsonObject(parametersText);
  const failure = create.error && (
    <Alert color="red" title="The run was not created" data-testid="run-error">
      {errorMessage(create.error)}
    </Alert>
  );
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">
            Parameters
          </Title>
          {deployment.parameterSchema ? (
            <Stack gap="sm" data-testid="run-parameters-form">
              <SchemaForm
                schema={schema}
                uiSchema={uiSchema}
                value={parameters}
                onChange={setParameters}
                onSubmit={submit}
                submitLabel="Run"
                submitting={create.isPending}
              />
              {failure}
            </Stack>
          ) : (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                The deployment has no parameter schema: give the parameters as JSON.
              </Text>
              <JsonInput
                aria-label="Parameters"
                value={parametersText}
                onChange={setParametersText}
                error={freeParameters.ok ? undefined : freeParameters.error}
                autosize
                minRows={4}
              />
              {failure}
              <Button
                w="fit-content"
                loading={create.isPending}
                disabled={!freeParameters.ok}
                onClick={() => freeParameters.ok && submit(freeParameters.value ?? {})}
                data-testid="schema-form-submit"
              >
                Run
              </Button>
            </Stack>
          )}
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">
            Options
          </Title>
          <RunOptionsFields value={options} onChange={setOptions} showErrors={tried} />
        </Card>
      </Grid.Col>
    </Grid>
  );
}

/** `/deployments/$id/run`: start a run of a deployment with parameters from a generated form. */
export function RunPage() {
  const trpc = useTRPC();
  const { id } = route.useParams();
  const deployment = useQuery({ ...trpc.deployments.read.queryOptions({ id }), staleTime: Infinity });
  return (
    <QueryState query={deployment}>
      {(data) => (
        <Stack gap="xs">
          <PageHeader
            title={
              <>
                Run <Code fz="inherit">{`${data.flowName}/${data.name}`}</Code>
              </>
            }
            crumbs={[
              { label: 'Deployments', to: '/deployments' },
              { label: `${data.flowName}/${data.name}`, to: `/deployments/${data.id}` },
              { label: 'Run' },
            ]}
          />
          {data.paused && (
            <Alert color="orange" mb="sm">
              The deployment is paused: it makes no scheduled runs, but a run started here still runs.
            </Alert>
          )}
          <RunForm deployment={data} />
        </Stack>
      )}
    </QueryState>
  );
}

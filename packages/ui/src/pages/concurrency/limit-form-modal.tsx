import { Modal, NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConcurrencyLimit } from '@weft/schemas';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc';
import { ModalFormFooter } from '../../components/modal-form-footer';
import { limitNameProblem, limitNumberProblem, MAX_LIMIT } from './limit-checks';

/** Create a limit (no `limit`) or change one: name, slots, slot decay, active. */
export function LimitFormModal({ limit, onClose }: { limit?: ConcurrencyLimit; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(limit?.name ?? '');
  const [slots, setSlots] = useState<number | string>(limit?.limit ?? 1);
  const [decay, setDecay] = useState<number | string>(limit?.slotDecayPerSecond ?? 0);
  const [active, setActive] = useState(limit?.active ?? true);
  const [touched, setTouched] = useState(false);

  const onSuccess = async (saved: ConcurrencyLimit) => {
    notifications.show({ color: 'green', message: `Limit ${saved.name} ${limit ? 'saved' : 'created'}` });
    await queryClient.invalidateQueries({ queryKey: trpc.concurrencyLimits.pathKey() });
    onClose();
  };
  const create = useMutation(trpc.concurrencyLimits.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.concurrencyLimits.update.mutationOptions({ onSuccess }));
  const mutation = limit ? update : create;

  const errors = {
    name: limitNameProblem(name),
    slots: limitNumberProblem(slots, 'limit', true),
    decay: limitNumberProblem(decay, 'slot decay', false),
  };

  const submit = () => {
    setTouched(true);
    if (errors.name || errors.slots || errors.decay) return;
    const values = { limit: Number(slots), slotDecayPerSecond: Number(decay), active };
    if (limit)
      update.mutate({ name: limit.name, newName: name === limit.name ? undefined : name, ...values });
    else create.mutate({ name, ...values });
  };

  return (
    <Modal opened onClose={onClose} title={limit ? `Edit ${limit.name}` : 'New concurrency limit'}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label="Name"
            description="Code takes slots by this name; tag:<tag> limits task runs with that tag"
            placeholder="database or tag:gpu"
            required
            data-autofocus
            value={name}
            error={touched || name ? errors.name : undefined}
            onChange={(event) => setName(event.currentTarget.value)}
            data-testid="limit-name"
          />
          <NumberInput
            label="Limit"
            description="Slots that can be held at once"
            required
            min={0}
            max={MAX_LIMIT}
            allowDecimal={false}
            value={slots}
            error={touched ? errors.slots : undefined}
            onChange={setSlots}
            data-testid="limit-slots"
          />
          <NumberInput
            label="Slot decay per second"
            description="0 for a concurrency limit; more makes it a rate limit (slots free themselves at this rate)"
            min={0}
            max={MAX_LIMIT}
            decimalScale={3}
            value={decay}
            error={touched ? errors.decay : undefined}
            onChange={setDecay}
            data-testid="limit-decay"
          />
          <Switch
            label="Active (an inactive limit is not enforced)"
            checked={active}
            onChange={(event) => setActive(event.currentTarget.checked)}
          />
          <ModalFormFooter
            error={mutation.error}
            onCancel={onClose}
            submitting={mutation.isPending}
            submitLabel={limit ? 'Save' : 'Create'}
            testId="limit"
          />
        </Stack>
      </form>
    </Modal>
  );
}

const ADJECTIVES = [
  'amber',
  'bold',
  'brave',
  'bright',
  'calm',
  'clever',
  'crimson',
  'daring',
  'eager',
  'fancy',
  'gentle',
  'golden',
  'happy',
  'hidden',
  'jolly',
  'keen',
  'lively',
  'lucky',
  'mellow',
  'nimble',
  'proud',
  'quiet',
  'rapid',
  'silver',
  'smart',
  'steady',
  'swift',
  'tidy',
  'vivid',
  'witty',
] as const;
const ANIMALS = [
  'badger',
  'bear',
  'beaver',
  'bison',
  'crane',
  'dolphin',
  'eagle',
  'falcon',
  'ferret',
  'fox',
  'gecko',
  'heron',
  'ibis',
  'jaguar',
  'koala',
  'lemur',
  'lynx',
  'marten',
  'newt',
  'otter',
  'owl',
  'panda',
  'puffin',
  'quail',
  'raven',
  'salmon',
  'seal',
  'tiger',
  'walrus',
  'wombat',
] as const;

function pick<T>(list: readonly T[]): T {
  const r = new Uint32Array(1);
  globalThis.crypto.getRandomValues(r);
  return list[r[0]! % list.length]!;
}

/**
 * A human-friendly run name, `adjective-animal`, as Prefect generates (e.g. `crimson-fox`).
 */
export function generateRunName(): string {
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}`;
}

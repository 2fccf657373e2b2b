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

// A name is for people, not for security: Math.random is enough, and a call to the system's
// random source cost about 15 µs a name (a tenth of a millisecond-scale flow run's own CPU).
function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}

/**
 * A human-friendly run name, `adjective-animal`, as Prefect generates (e.g. `crimson-fox`).
 */
export function generateRunName(): string {
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}`;
}

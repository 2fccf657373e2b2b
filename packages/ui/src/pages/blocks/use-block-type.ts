import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc';

/** A block type by slug, and its newest schema (the one new documents use). */
export function useBlockType(slug: string) {
  const trpc = useTRPC();
  const type = useQuery(trpc.blockTypes.readBySlug.queryOptions({ slug }));
  const schemas = useQuery(trpc.blockSchemas.list.queryOptions({ blockTypeSlug: slug, limit: 1 }));
  return { type, schemas, schema: schemas.data?.[0] };
}

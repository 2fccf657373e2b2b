import type { JsonObject } from '@weft/schemas';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasJsonSchemaPath, toBlockJsonSchema } from '../block-json-schema';
import { toBlockTypeSpec } from '../block-type-spec';
import { isKebabCase } from '../naming';
import type { AnyPlugin } from '../plugin';
import { createRegistry } from '../registry';

/** Options of {@link describePluginConformance}. */
export interface PluginConformanceOptions {
  /**
   * A valid config per block-type slug. Each must parse with the block's zod schema and with the
   * schema rebuilt from its JSON Schema, which proves the JSON Schema the server validates with
   * accepts what the plugin accepts. @default {}
   */
  examples?: Record<string, unknown>;
}

/**
 * A vitest suite every plugin runs in its own tests: id and slug format, schemas that round-trip
 * through JSON Schema, secret fields that exist, named tasks, and a registry built without conflicts.
 * @example
 * describePluginConformance(greetings(), { examples: { greeting: { token: 't' } } });
 */
export function describePluginConformance(plugin: AnyPlugin, options: PluginConformanceOptions = {}): void {
  describe(`plugin "${plugin.id}" conformance`, () => {
    it('has a kebab-case id and a version', () => {
      expect(isKebabCase(plugin.id), `id ${JSON.stringify(plugin.id)}`).toBe(true);
      expect(typeof plugin.version === 'string' && plugin.version.length > 0, 'version').toBe(true);
    });

    it('registers without conflicts', () => {
      const registry = createRegistry({ plugins: [plugin] });
      expect(registry.blockTypes()).toHaveLength(plugin.blocks.length);
      expect(registry.tasks()).toHaveLength(plugin.tasks.length);
    });

    it('names every task in kebab-case and gives it a function', () => {
      for (const task of plugin.tasks) {
        expect(isKebabCase(task.name), `task name ${JSON.stringify(task.name)}`).toBe(true);
        expect(typeof task.fn, `task "${task.name}" fn`).toBe('function');
      }
    });

    for (const block of plugin.blocks) {
      describe(`block type "${block.slug}"`, () => {
        it('has a kebab-case slug, a name and kebab-case capabilities', () => {
          expect(isKebabCase(block.slug), `slug ${JSON.stringify(block.slug)}`).toBe(true);
          expect(block.name.trim(), 'name').not.toBe('');
          for (const capability of block.capabilities) expect(isKebabCase(capability), capability).toBe(true);
        });

        it('round-trips its schema through JSON Schema', () => {
          const jsonSchema = toBlockJsonSchema(block.schema);
          expect(JSON.parse(JSON.stringify(jsonSchema)), 'JSON Schema survives JSON text').toEqual(
            jsonSchema,
          );
          expect(jsonSchema.type).toBe('object');
          const rebuilt = z.toJSONSchema(z.fromJSONSchema(jsonSchema), { io: 'input' }) as JsonObject;
          expect(Object.keys(objectAt(rebuilt, 'properties')).sort()).toEqual(
            Object.keys(objectAt(jsonSchema, 'properties')).sort(),
          );
          expect(rebuilt.required ?? []).toEqual(jsonSchema.required ?? []);
        });

        it.runIf(block.slug in (options.examples ?? {}))('accepts its example under both schemas', () => {
          const example = options.examples?.[block.slug];
          expect(block.schema.safeParse(example).error, 'zod schema').toBeUndefined();
          const fromJson = z.fromJSONSchema(toBlockJsonSchema(block.schema));
          expect(fromJson.safeParse(example).error, 'schema rebuilt from JSON Schema').toBeUndefined();
        });

        it('declares secrets that are fields of the schema', () => {
          const jsonSchema = toBlockJsonSchema(block.schema);
          for (const path of block.secrets) expect(hasJsonSchemaPath(jsonSchema, path), path).toBe(true);
        });

        it('describes itself to the server with a stable sha256 checksum', async () => {
          const [first, second] = await Promise.all([toBlockTypeSpec(block), toBlockTypeSpec(block)]);
          expect(first.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
          expect(second.checksum).toBe(first.checksum);
          expect(first.secretFields).toEqual([...block.secrets]);
        });
      });
    }
  });
}

function objectAt(node: JsonObject, key: string): JsonObject {
  const value = node[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

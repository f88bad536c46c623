import { z } from 'zod';
import type { SchemaObject } from '@nestjs/swagger';

/**
 * The OpenAPI schema of a zod schema: zod 4's own JSON Schema output of what the schema accepts
 * (io: 'input'), so the document describes exactly what validation lets through.
 */
export function openApiSchemaOf(schema: z.ZodType): SchemaObject {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
  const { $schema: _ignored, ...rest } = json;
  return rest as SchemaObject;
}

/** The properties of an object schema, one OpenAPI parameter each (query strings, path parameters). */
export function parametersOf(
  schema: z.ZodType,
): { name: string; required: boolean; schema: SchemaObject; description?: string }[] {
  const json = openApiSchemaOf(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    required: required.has(name),
    schema: property as SchemaObject,
  }));
}

import { Body, Param, Query } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { openApiSchemaOf, parametersOf } from '../openapi/zod-json-schema';
import type { ProblemWording } from './zod-problems';
import { ZodValidationPipe } from './zod-validation.pipe';

type MethodDecorator = (target: object, key: string | symbol, descriptor: PropertyDescriptor) => void;

/** Applies method-level OpenAPI decorators from a parameter decorator, so one schema does both jobs. */
function onMethod(target: object, key: string | symbol | undefined, decorators: readonly MethodDecorator[]): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) return;
  for (const decorate of decorators) decorate(target, key, descriptor);
}

/** The request body, validated by the schema and documented in OpenAPI by the same schema. */
export function ZodBody(schema: z.ZodType, wording?: ProblemWording): ParameterDecorator {
  return (target, key, index) => {
    onMethod(target, key, [ApiBody({ schema: openApiSchemaOf(schema) })]);
    Body(new ZodValidationPipe(schema, wording))(target, key, index);
  };
}

/** The query string, validated and documented (one OpenAPI parameter per property). */
export function ZodQuery(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    onMethod(
      target,
      key,
      parametersOf(schema).map((p) => ApiQuery(p)),
    );
    Query(new ZodValidationPipe(schema))(target, key, index);
  };
}

/** The path parameters, validated and documented. */
export function ZodParams(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    onMethod(
      target,
      key,
      parametersOf(schema).map((p) => ApiParam({ ...p, required: true })),
    );
    Param(new ZodValidationPipe(schema))(target, key, index);
  };
}

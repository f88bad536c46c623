import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';

const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'machine-readable, snake_case' },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'reason', 'message'],
            properties: { field: { type: 'string' }, reason: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'validation_failed (with fields) or malformed_body',
  401: 'unauthorized, invalid_token, token_expired or invalid_credentials',
  403: 'forbidden',
  404: 'not found',
  409: 'conflict with the current state',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'refused by a domain rule',
  429: 'rate_limited (see Retry-After)',
  503: 'a dependency is unavailable: retry later',
};

/** Documents the error answers a route can give, all in the one error shape. */
export function ApiErrorResponses(...statuses: readonly number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'error', schema: ERROR_SCHEMA }),
    ),
  );
}

import { HttpStatus, RequestMethod, type INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { ApiResponse, DECORATORS } from '@nestjs/swagger';

type Handler = (...args: unknown[]) => unknown;

const isSuccess = (status: string): boolean => /^2\d\d$/.test(status);

/** The status Nest answers a handler with when it returns normally: @HttpCode, else 201 for POST, 200. */
function successStatusOf(handler: Handler): number {
  const code: unknown = Reflect.getMetadata(HTTP_CODE_METADATA, handler);
  if (typeof code === 'number') return code;
  return Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
}

function handlersOf(prototype: object): { key: string; handler: Handler; descriptor: PropertyDescriptor }[] {
  return Object.getOwnPropertyNames(prototype).flatMap((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
    const handler: unknown = descriptor?.value;
    if (!descriptor || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined)
      return [];
    return [{ key, handler: handler as Handler, descriptor }];
  });
}

/**
 * @nestjs/swagger leaves out a route's default success response once any response is declared (our
 * @ApiErrorResponses does so on most routes); this declares it again, with the status Nest answers.
 */
export function documentSuccessResponses(app: INestApplication): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype: unknown = wrapper.metatype?.prototype;
      if (typeof prototype !== 'object' || prototype === null) continue;
      for (const { key, handler, descriptor } of handlersOf(prototype)) {
        const declared = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<string, unknown>;
        if (Object.keys(declared).some(isSuccess)) continue;
        ApiResponse({ status: successStatusOf(handler), description: 'Success' })(prototype, key, descriptor);
      }
    }
  }
}

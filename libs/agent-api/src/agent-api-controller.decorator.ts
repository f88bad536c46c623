import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/** A controller of the agent API: routes under /api/v1, grouped under `tag` in the OpenAPI document. */
export const AgentApiController = (tag: string): ClassDecorator => applyDecorators(Controller('api/v1'), ApiTags(tag));

import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CONFIG, type Config } from '@switchboard/config';
import { newId } from '@switchboard/ids';
import { sendHtml } from '../http/html-reply';
import { isTenantSlug } from '../http/tenant-slug.util';
import { PortalApiClient } from '../portal/portal-api.client';
import { unknownTenant } from '../web-channel.exception';
import { KnownTenants } from './known-tenants';
import { renderFormPage } from './render-form-page';
import { renderErrorPage } from './render-result-page';

/** The support form pages: HTML for people, so they stay out of the OpenAPI document. */
@Controller()
export class WebFormController {
  private readonly tenants: KnownTenants;

  constructor(@Inject(CONFIG) private readonly config: Config) {
    this.tenants = new KnownTenants(new PortalApiClient(config.portal.apiUrl));
  }

  @Get()
  @ApiExcludeEndpoint()
  showDefaultForm(@Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.showForm(this.config.web.defaultTenant, reply);
  }

  /** 404 for a tenant that does not exist: the customer learns it before filling the form in. */
  @Get('t/:tenant')
  @ApiExcludeEndpoint()
  async showForm(@Param('tenant') tenant: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!isTenantSlug(tenant) || !(await this.tenants.exists(tenant)))
      return sendHtml(reply, 404, renderErrorPage(unknownTenant(tenant).message));
    // A fresh id per render: a double-click submits one id twice and yields one ticket.
    return sendHtml(reply, 200, renderFormPage({ tenant, clientMessageId: newId() }));
  }
}

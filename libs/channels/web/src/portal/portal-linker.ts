import { Inject, Injectable } from '@nestjs/common';
import { lookupLinkUrl } from '@switchboard/auth';
import { CONFIG, type Config } from '@switchboard/config';

/**
 * Signed lookup links to a ticket's portal page (thank-you page, answer notices). Both apps that run
 * the web channel have a secret (distributed: JWT_SECRET is required; embedded: made locally); a bare
 * test configuration has none, and then there is no link.
 */
@Injectable()
export class PortalLinker {
  private readonly secret: string | undefined;
  private readonly publicUrl: string;

  constructor(@Inject(CONFIG) config: Config) {
    this.secret = config.portal.secret ?? config.jwtSecret;
    this.publicUrl = config.portal.publicUrl;
  }

  linkFor(tenantSlug: string, number: string): string | undefined {
    return this.secret ? lookupLinkUrl(this.secret, this.publicUrl, { tenantSlug, number }) : undefined;
  }
}

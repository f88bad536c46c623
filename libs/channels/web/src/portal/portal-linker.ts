import { Inject, Injectable } from '@nestjs/common';
import { lookupLinkerFor, type LookupLinker } from '@switchboard/auth';
import { CONFIG, type Config } from '@switchboard/config';

/**
 * Signed lookup links to a ticket's portal page (thank-you page, answer notices). Both apps that run
 * the web channel have a secret (distributed: JWT_SECRET is required; embedded: made locally); a bare
 * test configuration has none, and then there is no link.
 */
@Injectable()
export class PortalLinker {
  readonly linkFor: LookupLinker;

  constructor(@Inject(CONFIG) config: Config) {
    this.linkFor = lookupLinkerFor(config.portal.secret ?? config.jwtSecret, config.portal.publicUrl);
  }
}

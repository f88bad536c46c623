import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum IntegrationsExceptionCode {
  WebhookNotFound = 'webhook_not_found',
  WebhookDeliveryNotFound = 'webhook_delivery_not_found',
  CustomerNotFound = 'customer_not_found',
  /** No ticket or customer carries that external id. */
  ExternalIdNotFound = 'external_id_not_found',
  /** Two items of one sync batch name the same external id. */
  DuplicateExternalId = 'duplicate_external_id',
  /** A synced company's name is another company's (names are unique per tenant). */
  CompanyNameTaken = 'company_name_taken',
  /** A webhook URL that is not absolute http(s), carries credentials, or names a non-public address. */
  WebhookUrlNotAllowed = 'webhook_url_not_allowed',
}

function kindOf(code: IntegrationsExceptionCode): ErrorKind {
  switch (code) {
    case IntegrationsExceptionCode.WebhookNotFound:
    case IntegrationsExceptionCode.WebhookDeliveryNotFound:
    case IntegrationsExceptionCode.CustomerNotFound:
    case IntegrationsExceptionCode.ExternalIdNotFound:
      return 'not_found';
    case IntegrationsExceptionCode.DuplicateExternalId:
    case IntegrationsExceptionCode.WebhookUrlNotAllowed:
      return 'invalid';
    case IntegrationsExceptionCode.CompanyNameTaken:
      return 'conflict';
    default:
      return assertUnreachable(code, 'integrations exception code');
  }
}

/** A refusal of the webhook, CRM or personal-data endpoints. */
export class IntegrationsException extends DomainException<IntegrationsExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}

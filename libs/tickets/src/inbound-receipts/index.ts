export { findReceipt, type StoredReceipt } from './inbound-receipts.repository';
export { RECEIPT_RETENTION_DAYS, ReceiptRetentionService } from './receipt-retention.service';

export { renderReceipt, type RenderOptions, type RenderedReceipt } from './render';
export { RECEIPT_KINDS, RECEIPT_LEVELS, receiptSchemas, type ReceiptData, type ReceiptInput, type ReceiptKind, type ReceiptLevel } from './kinds';
export { formatReceiptTime, type ReceiptLanguage } from './templates';
export { ReceiptDesk, type PrintRefusal, type ReceiptPrinterPort } from './desk';
export { RESULT_RECEIPTS, journeyReceipt, receiptKindFor, receiptReference, type JourneyReceipt, type PrintableReceipt, type ReceiptSetting } from './journeyReceipts';
export { serviceReceipt } from './serviceReceipts';

export { renderReceipt, type RenderOptions, type RenderedReceipt } from './render';
export { RECEIPT_KINDS, RECEIPT_LEVELS, receiptSchemas, type ReceiptData, type ReceiptInput, type ReceiptKind, type ReceiptLevel } from './kinds';
export { formatReceiptTime, type ReceiptLanguage } from './templates';

export { renderReceipt,   } from './render';
;
;
;
;
;

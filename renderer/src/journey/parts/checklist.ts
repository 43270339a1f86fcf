export interface ChecklistItem {
  key: string;
  text: string;
  /** `advice`: recommended, or checked by the portal only (shown, never ticked). */
  state: 'met' | 'unmet' | 'advice';
}

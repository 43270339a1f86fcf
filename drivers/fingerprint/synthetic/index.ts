/** Synthetic biometrics for the simulator and the reference central matcher. */
export { captureFinger } from '../../../common/fingerprint/capture';
export { encodeCharFile } from '../../../common/fingerprint/charFile';
export { matchCharFiles, MATCH_THRESHOLD } from '../../../common/fingerprint/match';

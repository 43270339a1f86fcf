/** Synthetic biometrics for the simulator and the reference central matcher. */
export { FINGER_NAMES, type FingerName, type Minutia, type MinutiaType, type VirtualFinger, referenceMinutiae, SENSOR_HEIGHT, SENSOR_WIDTH } from '../../../common/fingerprint/fingers';
export { type Capture, type CaptureNoise, captureFinger, DEFAULT_CAPTURE_NOISE } from '../../../common/fingerprint/capture';
export { CHAR_FILE_LENGTH, type CharFile, type CharFileError, decodeCharFile, encodeCharFile, MAX_MINUTIAE } from '../../../common/fingerprint/charFile';
export { type MatchResult, matchCharFiles, matchMinutiae, MATCH_THRESHOLD } from '../../../common/fingerprint/match';
export { blankPackedImage, renderPackedImage } from './image';

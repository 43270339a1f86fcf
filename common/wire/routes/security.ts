/** OpenAPI security requirements: the kiosk's client certificate, and with it a citizen's session token. */
export const KIOSK = [{ kioskCertificate: [] }];
export const CITIZEN = [{ kioskCertificate: [], citizenSession: [] }];

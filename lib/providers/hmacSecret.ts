/** Credential of providers that sign with a shared HMAC key (Mailgun webhook signing key, Customer.io signing key). */
export interface HmacSecretCredential {
	signingSecret: string;
}

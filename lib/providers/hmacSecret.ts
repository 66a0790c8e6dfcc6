/**
 * Credential of providers that sign with a shared HMAC key (Mailgun webhook signing key, Customer.io signing key).
 * Mailgun also reads an optional parent account key (MailgunCredential).
 */
export interface HmacSecretCredential {
	signingSecret: string;
}

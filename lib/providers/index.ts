export * from './types';
export * from './verifyWebhook';
export * from './replayCache';
export * from './filterEvents';
export * from './lowercaseContactIds';
export * from './flagScannerEvents';
export { headerValue } from './request';
export { quoteForLog, LOG_QUOTE_MAX } from './logText';
export { safeEqual, stableKey } from './signature';
export type { HmacSecretCredential } from './hmacSecret';
export type { SharedSecretCredential } from './sharedSecret';
export { verifySendGrid, parseSendGrid, type SendGridCredential } from './sendgrid';
export { verifyMailgun, type MailgunCredential } from './mailgun';
export { verifyPostmark, parsePostmark } from './postmark';
export {
	verifyMandrill,
	parseMandrillEvents,
	mandrillSignedString,
	type MandrillCredential,
} from './mandrill';
export {
	verifyAmazonSes,
	parseSesNotification,
	allowedTopics,
	type SnsCredential,
} from './amazonSes';
export {
	cachedCertificateFetcher,
	isSnsUrl,
	snsCertificateNames,
	snsStringToSign,
	type CertificateFetcher,
} from './snsSignature';
export { verifyBrevo, parseBrevo } from './brevo';
export { verifyCustomerIo, parseCustomerIo } from './customerIo';
export { verifyResend, parseResend } from './resend';
export { verifySparkPost, parseSparkPost } from './sparkpost';
export { verifyMailchimp, parseMailchimp } from './mailchimp';
export {
	verifyStandardWebhook,
	standardWebhooksSignature,
	standardWebhooksKey,
	type StandardWebhooksCredential,
} from './standardWebhooks';
export {
	checkCustomJsonMapping,
	parseCustomJson,
	parseTypeMap,
	verifyCustomJson,
	verifyStandardWebhooksJson,
	DEFAULT_CUSTOM_MAPPING,
	type CustomJsonMapping,
} from './customJson';
export { credentialProblem } from './credentialCheck';

'use strict';
/**
 * Credentials the example workflows refer to (by these fixed ids), imported with `n8n import:credentials`.
 * The secrets here are demo values for a loopback n8n, never real accounts: the HubSpot and Mailchimp ones are
 * placeholders that the disabled write-back nodes point at, to be replaced in the editor.
 */
const crypto = require('node:crypto');

/** The Standard Webhooks signing secret the demo and the e2e tests sign their batches with. */
const DEMO_WEBHOOK_SECRET = `whsec_${Buffer.from('engagement-scoring-demo-secret!!').toString('base64')}`;

const CREDENTIAL_IDS = {
	postgres: 'engPostgres00001',
	webhook: 'engWebhookSecret1',
	hubspot: 'engHubspotToken01',
	mailchimp: 'engMailchimpKey01',
	reportPassword: 'engReportPass001',
};

/** The password of the demo's protected report archive (printed by the demo so the archive can be opened). */
const DEMO_REPORT_PASSWORD = 'demo-report-password-2026';

function postgresCredential({
	host = '127.0.0.1',
	port = 5432,
	database = 'test',
	user = 'postgres',
	password = '',
} = {}) {
	return {
		id: CREDENTIAL_IDS.postgres,
		name: 'Engagement Postgres',
		type: 'postgres',
		data: {
			host,
			port,
			database,
			user,
			password,
			ssl: 'disable',
			allowUnauthorizedCerts: false,
			sshTunnel: false,
		},
	};
}

function demoCredentials({ postgres } = {}) {
	return [
		postgresCredential(postgres),
		{
			id: CREDENTIAL_IDS.webhook,
			name: 'Engagement Webhook Secret (demo)',
			type: 'engagementStandardWebhooksApi',
			data: { secret: DEMO_WEBHOOK_SECRET },
		},
		{
			id: CREDENTIAL_IDS.reportPassword,
			name: 'Engagement Report Password (demo)',
			type: 'engagementReportPasswordApi',
			data: { password: DEMO_REPORT_PASSWORD },
		},
		{
			id: CREDENTIAL_IDS.hubspot,
			name: 'HubSpot (placeholder: paste a private app token)',
			type: 'hubspotAppToken',
			data: { appToken: 'pat-placeholder' },
		},
		{
			id: CREDENTIAL_IDS.mailchimp,
			name: 'Mailchimp (placeholder: paste an API key)',
			type: 'mailchimpApi',
			data: { apiKey: 'placeholder-us1' },
		},
	];
}

/**
 * Signs a body the way Resend/Svix and every Standard Webhooks sender do:
 * `v1,` + base64 HMAC-SHA256 over `${id}.${timestamp}.${body}` with the base64-decoded secret after `whsec_`.
 */
function standardWebhooksHeaders(
	body,
	{ secret = DEMO_WEBHOOK_SECRET, id = `msg_${crypto.randomUUID()}`, timestamp } = {},
) {
	const seconds = String(timestamp ?? Math.floor(Date.now() / 1000));
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const signature = crypto
		.createHmac('sha256', key)
		.update(`${id}.${seconds}.${body}`)
		.digest('base64');
	return {
		'content-type': 'application/json',
		'webhook-id': id,
		'webhook-timestamp': seconds,
		'webhook-signature': `v1,${signature}`,
	};
}

module.exports = {
	CREDENTIAL_IDS,
	DEMO_REPORT_PASSWORD,
	DEMO_WEBHOOK_SECRET,
	demoCredentials,
	postgresCredential,
	standardWebhooksHeaders,
};

import { createPublicKey } from 'crypto';

import { allowedTopics } from './amazonSes';
import { standardWebhooksKey } from './standardWebhooks';
import type { CredentialScheme } from './verifyWebhook';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Checks that a webhook credential is usable before any request arrives (these credentials have no API to call):
 * returns a message naming the problem, or undefined when it looks right. Never echoes the secret.
 */
export function credentialProblem(
	scheme: CredentialScheme,
	data: Record<string, unknown>,
): string | undefined {
	switch (scheme) {
		case 'sendgrid': {
			const key = text(data.publicKey);
			if (key === '') return 'Verification Key is empty';
			try {
				const parsed = key.startsWith('-----BEGIN')
					? createPublicKey(key)
					: createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
				return parsed.asymmetricKeyType === 'ec'
					? undefined
					: 'Verification Key is not an EC (P-256) key';
			} catch {
				return 'Verification Key is not a base64 DER or PEM public key';
			}
		}
		case 'hmac':
			return text(data.signingSecret) === '' ? 'Signing Key is empty' : undefined;
		case 'mandrill':
			if (text(data.webhookSecret) === '') return 'Webhook Key is empty';
			if (text(data.webhookUrl) !== '' && !/^https?:\/\//.test(text(data.webhookUrl))) {
				return 'Registered Webhook URL must start with http:// or https://';
			}
			return undefined;
		case 'sns':
			return allowedTopics({ topicArns: text(data.topicArns) }).every(
				(arn) => arn === '*' || /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/.test(arn),
			) && text(data.topicArns) !== ''
				? undefined
				: 'Allowed Topic ARNs must be SNS topic ARNs (arn:aws:sns:region:account:name)';
		case 'standardWebhooks':
			return standardWebhooksKey(text(data.secret))
				? undefined
				: 'Signing Secret must be whsec_ followed by base64';
		case 'sharedSecret':
			if (data.authType === 'headerToken' || data.authType === 'queryToken')
				return text(data.token) === '' ? 'Token is empty' : undefined;
			return text(data.username) === '' || text(data.password) === ''
				? 'User and Password are both required'
				: undefined;
		default:
			return 'unknown credential scheme';
	}
}

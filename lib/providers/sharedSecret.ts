import { headerValue } from './request';
import { safeEqual } from './signature';
import { fail, type VerificationFailure, type WebhookRequest } from './types';

/**
 * For providers that sign nothing (Postmark, Brevo, SparkPost, Mailchimp audiences, custom sources) the request must
 * carry a shared secret: HTTP basic auth (Postmark and SparkPost `https://user:pass@host/...`, Brevo username/password
 * auth), a token header (Brevo bearer token, Postmark/SparkPost custom headers) or a token in the URL's query (for
 * senders that can set neither, such as Mailchimp's audience webhooks: `…/webhook?key=<token>`).
 */
export interface SharedSecretCredential {
	authType: 'basicAuth' | 'headerToken' | 'queryToken';
	username?: string;
	password?: string;
	/** Header carrying the token; default `Authorization`, where `Bearer <token>` is accepted too. */
	headerName?: string;
	/** Query parameter carrying the token; default `key`. */
	queryParameter?: string;
	token?: string;
}

/** The query parameter a `queryToken` credential reads when none is named. */
export const DEFAULT_QUERY_PARAMETER = 'key';

export function checkSharedSecret(
	request: WebhookRequest,
	credential: SharedSecretCredential | undefined,
): VerificationFailure | undefined {
	if (!credential) return fail('missing-credential', 'no credential configured');
	if (credential.authType === 'headerToken') return checkToken(request, credential);
	if (credential.authType === 'queryToken') return checkQueryToken(request, credential);
	return checkBasicAuth(request, credential);
}

function checkBasicAuth(
	request: WebhookRequest,
	{ username = '', password = '' }: SharedSecretCredential,
): VerificationFailure | undefined {
	if (username === '' && password === '')
		return fail('missing-credential', 'basic auth user is empty');
	const authorization = headerValue(request.headers, 'authorization');
	if (!authorization) return fail('missing-header', 'Authorization header is missing');
	const match = /^Basic\s+(\S+)$/i.exec(authorization);
	if (!match) return fail('unauthorized', 'Authorization header is not basic auth');
	const given = Buffer.from(match[1], 'base64');
	return safeEqual(Buffer.from(`${username}:${password}`, 'utf8'), given)
		? undefined
		: fail('unauthorized', 'basic auth user or password does not match');
}

function checkToken(
	request: WebhookRequest,
	{ headerName, token = '' }: SharedSecretCredential,
): VerificationFailure | undefined {
	if (token === '') return fail('missing-credential', 'token is empty');
	const name = headerName && headerName.trim() !== '' ? headerName.trim() : 'Authorization';
	const given = headerValue(request.headers, name);
	if (!given) return fail('missing-header', `${name} header is missing`);
	const bearer = /^Bearer\s+(.+)$/i.exec(given);
	const value = bearer ? bearer[1] : given;
	return safeEqual(token, value) ? undefined : fail('unauthorized', `${name} token does not match`);
}

function checkQueryToken(
	request: WebhookRequest,
	{ queryParameter, token = '' }: SharedSecretCredential,
): VerificationFailure | undefined {
	if (token === '') return fail('missing-credential', 'token is empty');
	const name =
		queryParameter && queryParameter.trim() !== ''
			? queryParameter.trim()
			: DEFAULT_QUERY_PARAMETER;
	const given = request.query?.[name];
	if (given === undefined || given === '')
		return fail('unauthorized', `query parameter ${name} is missing`);
	// A repeated parameter is refused rather than guessed at.
	if (typeof given !== 'string')
		return fail('unauthorized', `query parameter ${name} is not one value`);
	return safeEqual(token, given)
		? undefined
		: fail('unauthorized', `query parameter ${name} does not match`);
}

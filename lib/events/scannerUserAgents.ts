/**
 * User-agent fragments of link scanners and scripted clients: security gateways that fetch every link of an incoming
 * email before the recipient sees it, and HTTP libraries no person browses with. Matched case-insensitively as
 * substrings. Kept short on purpose: a fragment that also occurs in real browsers or mail apps would discard human
 * clicks. Pass your own list to `filterMachineEvents` to extend or replace it.
 */
export const DEFAULT_SCANNER_USER_AGENTS: readonly string[] = [
	'barracuda', // Barracuda Email Security (link protection)
	'mimecast', // Mimecast URL Protect
	'proofpoint', // Proofpoint URL Defense
	'trend micro', // Trend Micro email security
	'trendmicro',
	'forcepoint', // Forcepoint email security
	'zscaler', // Zscaler cloud proxy scans
	'fireeye', // FireEye / Trellix email security
	'ironport', // Cisco IronPort / Secure Email
	'safelinks', // Microsoft Defender for Office 365 Safe Links
	'headlesschrome', // scripted browsers used by sandboxes
	'phantomjs',
	'python-requests', // HTTP libraries
	'python-urllib',
	'go-http-client',
	'libwww-perl',
	'apache-httpclient',
	'curl/',
	'wget/',
];

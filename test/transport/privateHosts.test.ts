/** "Private Hosts Allowed": which hosts it lets through, and the entries it refuses before anything is sent. */
import { isAllowedHost, parsePrivateHosts, privateAddressRefusal } from '../../nodes/Ideogram/transport/addressGuard';
import { privateHostsSetting } from '../../nodes/Ideogram/options/privateHosts';

function hosts(text: string) {
	const parsed = parsePrivateHosts(text);
	if ('invalid' in parsed) throw new Error(parsed.invalid);
	return parsed.hosts;
}

describe('parsePrivateHosts', () => {
	it('reads host, host:port, IPv6 with and without brackets, normalised as the URL parser does', () => {
		expect(hosts(' Files.Internal , 10.0.0.5:8080,[fd00::5]:443, fd00::6 ,0x7f.1:5681,')).toEqual([
			{ hostname: 'files.internal' },
			{ hostname: '10.0.0.5', port: '8080' },
			{ hostname: '[fd00::5]', port: '443' },
			{ hostname: '[fd00::6]' },
			{ hostname: '127.0.0.1', port: '5681' },
		]);
		expect(hosts('')).toEqual([]);
	});

	it.each(['http://10.0.0.5', '10.0.0.5/files', 'user@10.0.0.5', '10.0.0.5:99999', 'a b', '[fd00::5'])('refuses %s', (entry) => {
		expect(parsePrivateHosts(`files.internal, ${entry}`)).toEqual({ invalid: entry });
	});

	it('names the field as the panel shows it', () => {
		expect(() => privateHostsSetting({ privateHostsAllowed: 'ok.internal, http://x' })).toThrow(/^Private Hosts Allowed: "http:\/\/x" is not a host or host:port/);
	});
});

describe('isAllowedHost with Private Hosts Allowed', () => {
	const policy = { baseUrl: 'http://127.0.0.1:5680', privateHostsAllowed: hosts('127.0.0.1:5681, files.internal, [fd00::5]:8443') };

	it.each([
		['http://127.0.0.1:5681/images/a.png', true],
		['http://127.0.0.1:5680/images/a.png', true],
		['http://127.0.0.1:5678/rest/', false],
		['http://files.internal:9000/a.png', true],
		['http://FILES.internal./a.png', true],
		['https://[fd00::5]:8443/a.png', true],
		['https://[fd00::5]/a.png', false],
		['http://other.internal/a.png', false],
	])('%s: %s', (url, allowed) => {
		expect(isAllowedHost(url, policy)).toBe(allowed);
		if (url.includes('127.0.0.1') || url.includes('fd00')) expect(privateAddressRefusal(url, policy) === undefined).toBe(allowed);
	});

	it('names both options when it refuses', () => {
		expect(privateAddressRefusal('http://127.0.0.1:5678/', policy)).toBe(
			'127.0.0.1 is a loopback address, which the node does not connect to unless "Allow Private Addresses" is on, or the host is listed in "Private Hosts Allowed" (in the node\'s options)',
		);
	});
});

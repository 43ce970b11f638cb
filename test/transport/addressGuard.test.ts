import { privateAddressKind, privateAddressRefusal } from '../../nodes/Ideogram/transport/addressGuard';

describe('privateAddressRefusal', () => {
	it.each([
		['http://127.0.0.1/a.png', 'loopback'],
		['http://127.255.3.4:8080/a.png', 'loopback'],
		['http://[::1]/a.png', 'loopback'],
		['http://localhost/a.png', 'loopback'],
		['http://LOCALHOST./a.png', 'loopback'],
		['http://images.localhost/a.png', 'loopback'],
		['http://10.0.0.1/a.png', 'private network'],
		['http://172.16.0.1/a.png', 'private network'],
		['http://172.31.255.255/a.png', 'private network'],
		['http://192.168.1.20/a.png', 'private network'],
		['http://[fd00::1]/a.png', 'private network'],
		['http://[fc00::]/a.png', 'private network'],
		['http://169.254.169.254/latest/meta-data/', 'link-local'],
		['http://[fe80::1]/a.png', 'link-local'],
		['http://[febf:ffff::1]/a.png', 'link-local'],
		['http://0.0.0.0/a.png', 'unspecified'],
		['http://[::]/a.png', 'unspecified'],
		// IPv4-mapped and -compatible IPv6 forms of the same addresses.
		['http://[::ffff:127.0.0.1]/a.png', 'loopback'],
		['http://[::ffff:7f00:1]/a.png', 'loopback'],
		['http://[::ffff:169.254.169.254]/a.png', 'link-local'],
		['http://[::ffff:10.0.0.1]/a.png', 'private network'],
		['http://[::ffff:0.0.0.0]/a.png', 'unspecified'],
		['http://[::127.0.0.1]/a.png', 'loopback'],
		// Spellings the URL parser turns into 127.0.0.1 or 169.254.169.254.
		['http://2130706433/a.png', 'loopback'],
		['http://0x7f.1/a.png', 'loopback'],
		['http://127.1/a.png', 'loopback'],
		['http://0251.0376.0251.0376/a.png', 'link-local'],
		['https://user:pass@10.1.2.3:8443/a.png?sig=1', 'private network'],
	])('refuses %s (%s)', (url, kind) => {
		const refusal = privateAddressRefusal(url);
		expect(refusal).toMatch(new RegExp(`is an? ${kind} address`));
		expect(refusal).toMatch(/"Allow Private Addresses"/);
	});

	it.each([
		'https://ideogram.ai/api/images/ephemeral/abc.png?exp=1&signature=x',
		'http://8.8.8.8/a.png',
		'http://172.15.255.255/a.png',
		'http://172.32.0.1/a.png',
		'http://169.255.0.1/a.png',
		'http://192.169.0.1/a.png',
		'http://11.0.0.1/a.png',
		'http://[2001:db8::1]/a.png',
		'http://[fec0::1]/a.png',
		'http://[::ffff:8.8.8.8]/a.png',
		'http://localhost.example.com/a.png',
		'http://mylocalhost/a.png',
		'http://10.0.0.1.nip.io/a.png',
	])('allows %s', (url) => {
		expect(privateAddressRefusal(url)).toBeUndefined();
	});

	it('allows every private address with the option on', () => {
		for (const url of ['http://127.0.0.1/', 'http://169.254.169.254/', 'http://[fd00::1]/', 'http://localhost/']) {
			expect(privateAddressRefusal(url, { allowPrivateAddresses: true })).toBeUndefined();
		}
	});

	it("allows the Base URL's own host and port, and nothing else it is near", () => {
		const sandbox = { baseUrl: 'http://127.0.0.1:5680' };
		expect(privateAddressRefusal('http://127.0.0.1:5680/images/a.png', sandbox)).toBeUndefined();
		expect(privateAddressRefusal('http://127.0.0.1:5681/images/a.png', sandbox)).toMatch(/loopback/);
		expect(privateAddressRefusal('http://127.0.0.1:5678/rest/workflows', sandbox)).toMatch(/loopback/);
		expect(privateAddressRefusal('http://localhost:5680/images/a.png', sandbox)).toMatch(/loopback/);
		expect(privateAddressRefusal('http://169.254.169.254/', sandbox)).toMatch(/link-local/);

		const gateway = { baseUrl: 'http://10.0.0.4/ideogram' };
		expect(privateAddressRefusal('http://10.0.0.4/results/a.png', gateway)).toBeUndefined();
		expect(privateAddressRefusal('http://10.0.0.4:80/results/a.png', gateway)).toBeUndefined();
		expect(privateAddressRefusal('https://10.0.0.4/results/a.png', gateway)).toMatch(/private network/);
		expect(privateAddressRefusal('http://10.0.0.5/results/a.png', gateway)).toMatch(/private network/);
		expect(privateAddressRefusal('http://192.168.1.1/a.png', gateway)).toMatch(/private network/);
		expect(privateAddressRefusal('http://[fd00::1]/a.png', gateway)).toMatch(/private network/);

		expect(privateAddressRefusal('http://127.0.0.1/', { baseUrl: 'https://api.ideogram.ai' })).toMatch(/loopback/);
	});

	it('leaves URLs it cannot parse to the caller', () => {
		expect(privateAddressRefusal('not a url')).toBeUndefined();
	});
});

describe('privateAddressKind', () => {
	it.each([
		['127.0.0.1', 'loopback'],
		['::1', 'loopback'],
		['::ffff:192.168.0.1', 'private network'],
		['1:2:3:4:5:6:7:8', undefined],
		['1::2::3', undefined],
		['1:2:3:4:5:6:7:8:9', undefined],
		['300.1.1.1', undefined],
		['example.com', undefined],
	])('%s → %s', (host, kind) => {
		expect(privateAddressKind(host)).toBe(kind);
	});
});

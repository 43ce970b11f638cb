/** The ranges and embedded-IPv4 forms the literal check refuses, and the schemes a download follows. */
import { privateAddressRefusal } from '../../nodes/Ideogram/transport/addressGuard';
import { downloadImage } from '../../nodes/Ideogram/transport/download';
import { createHarness } from '../support/harness';
import { scriptedApi } from '../support/scripted-api';

describe('privateAddressRefusal: more ranges', () => {
	it.each([
		['http://100.64.0.1/a.png', 'shared \\(carrier-grade NAT\\)'],
		['http://100.100.100.200/latest/meta-data/', 'shared \\(carrier-grade NAT\\)'],
		['http://100.127.255.255/a.png', 'shared \\(carrier-grade NAT\\)'],
		['http://198.18.0.1/a.png', 'reserved'],
		['http://198.19.255.254/a.png', 'reserved'],
		['http://192.0.0.170/a.png', 'reserved'],
		// NAT64's well-known prefix, with the IPv4 address it reaches checked as IPv4.
		['http://[64:ff9b::127.0.0.1]/a.png', 'loopback'],
		['http://[64:ff9b::a9fe:a9fe]/a.png', 'link-local'],
		['http://[64:ff9b::10.1.2.3]/a.png', 'private network'],
		// Local-use NAT64 is private whatever it embeds.
		['http://[64:ff9b:1::8.8.8.8]/a.png', 'private network'],
		['http://[64:ff9b:1:abcd::1]/a.png', 'private network'],
		// 6to4 with an embedded private IPv4.
		['http://[2002:7f00:1::]/a.png', 'loopback'],
		['http://[2002:c0a8:101::1]/a.png', 'private network'],
		['http://[2002:a9fe:a9fe::]/a.png', 'link-local'],
		// Teredo: the client address is the last 32 bits inverted (127.0.0.1 → 80ff:fffe).
		['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/a.png', 'loopback'],
		// IPv4-compatible and IPv4-translated forms.
		['http://[::10.0.0.1]/a.png', 'private network'],
		['http://[::100.64.0.1]/a.png', 'shared \\(carrier-grade NAT\\)'],
		['http://[::ffff:0:127.0.0.1]/a.png', 'loopback'],
		['http://[::ffff:100.64.1.1]/a.png', 'shared \\(carrier-grade NAT\\)'],
		['http://[::]/a.png', 'unspecified'],
		['http://[0:0:0:0:0:0:0:0]:8080/a.png', 'unspecified'],
	])('refuses %s (%s)', (url, kind) => {
		expect(privateAddressRefusal(url)).toMatch(new RegExp(`is an? ${kind} address`));
	});

	it.each([
		'http://100.63.255.255/a.png',
		'http://100.128.0.1/a.png',
		'http://198.17.255.255/a.png',
		'http://198.20.0.1/a.png',
		'http://192.0.1.1/a.png',
		'http://[64:ff9b::8.8.8.8]/a.png',
		'http://[2002:808:808::1]/a.png',
		'http://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/a.png',
		'http://[2001:db8::1]/a.png',
	])('allows %s', (url) => {
		expect(privateAddressRefusal(url)).toBeUndefined();
	});
});

describe('downloadImage follows http and https only, on every hop', () => {
	let api: Awaited<ReturnType<typeof scriptedApi>> | undefined;
	afterEach(async () => await api?.close());

	it.each(['data:image/png;base64,iVBORw0KGgo=', 'file:///etc/passwd', 'ftp://127.0.0.1/a.png'])('refuses a redirect to %s', async (target) => {
		api = await scriptedApi([{ status: 302, raw: '', headers: { location: target } }]);
		const url = `${api.baseUrl}/a.png`;
		const { ctx } = createHarness({ parameters: {}, credentials: { apiKey: 'k', baseUrl: 'https://api.ideogram.ai' } });
		await expect(
			downloadImage(ctx, url, 'Image URL', 0, {
				timeoutMs: 5000,
				maxBytes: 1024 * 1024,
				allowPrivateAddresses: true,
				credential: async () => ({ baseUrl: 'https://api.ideogram.ai', secrets: ['k'] }),
			}),
		).rejects.toMatchObject({ message: expect.stringMatching(/^Image URL: refused .*only http and https URLs are fetched$/) });
		expect(api.seen).toHaveLength(1);
	});
});

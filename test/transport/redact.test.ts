import { credentialSecrets, REDACTED, redactText, redactValue, withoutUserinfo } from '../../nodes/Ideogram/transport/redact';

const KEY = ['redact-test-key', 'AbC/123='].join('+');

describe('redactText', () => {
	it.each([
		['raw', `Invalid API key: ${KEY}`, `Invalid API key: ${REDACTED}`],
		['Bearer form', `Authorization: Bearer ${KEY} was refused`, `Authorization: Bearer ${REDACTED} was refused`],
		['URL-encoded, upper-case escapes', `GET /x?key=${encodeURIComponent(KEY)}&a=1`, `GET /x?key=${REDACTED}&a=1`],
		['URL-encoded, lower-case escapes', `key=${encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}`, `key=${REDACTED}`],
		['twice on one line', `${KEY} ${KEY}`, `${REDACTED} ${REDACTED}`],
		['inside HTML', `<pre>api-key: ${KEY}</pre>`, `<pre>api-key: ${REDACTED}</pre>`],
	])('%s', (_name, text, expected) => {
		expect(redactText(text, [KEY])).toBe(expected);
	});

	it('redacts a key quoted inside JSON, where its escapes differ', () => {
		const key = 'a"b\\c-key';
		const json = JSON.stringify({ error: `bad key ${key}` });
		expect(redactText(json, [key])).not.toContain(JSON.stringify(key).slice(1, -1));
		expect(redactText(json, [key])).toContain(REDACTED);
	});

	it('treats regular-expression characters in the key literally', () => {
		expect(redactText('a.b a-b', ['a.b'])).toBe(`${REDACTED} a-b`);
	});

	it('leaves text alone without a key (empty or missing)', () => {
		expect(redactText('nothing to hide', ['', undefined])).toBe('nothing to hide');
	});
});

describe('redactValue', () => {
	it('redacts strings and keys at any depth and leaves other values', () => {
		const value = { error: { message: `bad ${KEY}`, code: 401, ok: false }, list: [KEY, 1, null], [KEY]: 'x' };
		expect(redactValue(value, [KEY])).toEqual({ error: { message: `bad ${REDACTED}`, code: 401, ok: false }, list: [REDACTED, 1, null], [REDACTED]: 'x' });
	});

	it('returns a copy; the original is not changed', () => {
		const value = { message: KEY };
		redactValue(value, [KEY]);
		expect(value.message).toBe(KEY);
	});

	it('stops at cycles', () => {
		const value: Record<string, unknown> = { message: KEY };
		value.self = value;
		expect(redactValue(value, [KEY])).toEqual({ message: REDACTED, self: REDACTED });
	});

	it('keeps shared (non-cyclic) objects', () => {
		const shared = { text: KEY };
		expect(redactValue({ a: shared, b: shared }, [KEY])).toEqual({ a: { text: REDACTED }, b: { text: REDACTED } });
	});
});

describe('redactText: every encoding of the key', () => {
	const key = ['sk', 'Test_key', '4f2a9Zq'].join('-');
	const percentAll = (text: string) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

	it.each([
		['every character percent-encoded, lower-case hex', percentAll(key)],
		['every character percent-encoded, upper-case hex', percentAll(key).toUpperCase()],
		['only the dashes escaped (%2D)', key.replace(/-/g, '%2D')],
		['mixed escapes and mixed case', key.replace(/-/g, '%2d').replace(/T/g, '%54').replace(/_/g, '%5F')],
		['percent-encoded twice', key.replace(/-/g, '%252D')],
		['JSON \\u escapes for every character', [...key].map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
		['JSON \\u escapes in upper case for some', key.replace(/-/g, '\\u002D')],
		['base64 of the key', Buffer.from(key).toString('base64')],
		['base64url of the key', Buffer.from(key).toString('base64url')],
		['base64 of key: (a Basic user)', Buffer.from(`${key}:`).toString('base64')],
		['base64 of user:key (a Basic password)', Buffer.from(`user:${key}`).toString('base64')],
		['base64 of a JSON blob holding the key, offset 2', Buffer.from(`{"k":"${key}"}`).toString('base64')],
		['base64url of a longer text, offset 1', Buffer.from(`a${key} and more`).toString('base64url')],
	])('%s', (_name, encoded) => {
		const text = `answer: ${encoded} end`;
		const redacted = redactText(text, [key]);
		expect(redacted).toContain(REDACTED);
		expect(redacted).not.toContain(encoded);
		// Nothing left from which the key can be read back.
		expect(decodeEverything(redacted)).not.toContain(key);
	});

	it('does not touch text that merely shares characters with the key', () => {
		expect(redactText('sk-Test and key-4f2a', [key])).toBe('sk-Test and key-4f2a');
	});

	it('keeps the text around a base64 key readable', () => {
		const basic = `Authorization: Basic ${Buffer.from(`${key}:`).toString('base64')}`;
		expect(redactText(basic, [key])).toMatch(/^Authorization: Basic \[redacted\].{0,4}$/);
	});
});

/** Every way of reading a text back to the key: percent-decoding (repeated), JSON escapes and base64 of each word. */
function decodeEverything(text: string): string {
	let decoded = text;
	for (let round = 0; round < 3; round++) {
		try {
			decoded = decodeURIComponent(decoded);
		} catch {
			break;
		}
	}
	decoded = decoded.replace(/\\u([0-9a-fA-F]{4})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	const words = text.split(/[^A-Za-z0-9+/=_-]+/);
	return [decoded, ...words.map((word) => Buffer.from(word, 'base64').toString('latin1'))].join(' ');
}

describe('withoutUserinfo and credentialSecrets', () => {
	it('removes user and password from a URL and leaves other text', () => {
		expect(withoutUserinfo('https://user:p4ssw0rd@gateway.example/ideogram')).toBe('https://gateway.example/ideogram');
		expect(withoutUserinfo('http://token@10.0.0.4:8080/x?y=z@w')).toBe('http://10.0.0.4:8080/x?y=z@w');
		expect(withoutUserinfo('https://api.ideogram.ai')).toBe('https://api.ideogram.ai');
	});

	it('counts a Base URL password (decoded) among the secrets', () => {
		expect(credentialSecrets('the-key', 'https://gateway-user:p%40ss-word@gw.example')).toEqual(['the-key', 'gateway-user', 'p@ss-word']);
		expect(credentialSecrets('the-key', 'https://gw.example')).toEqual(['the-key']);
	});
});

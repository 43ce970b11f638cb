import { REDACTED, redactText, redactValue } from '../../nodes/Ideogram/transport/redact';

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

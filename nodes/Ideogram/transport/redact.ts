/**
 * Removes the API key from anything the node builds out of a server's answer (error messages, descriptions,
 * snippets, output JSON, header values), so a server that repeats the key ("Invalid API key: <key>", an
 * HTML page quoting the request headers, a result URL with the key in its query) cannot put it into the
 * execution data or n8n's log.
 *
 * A key is found in every spelling a server or a proxy produces without decoding on purpose:
 * - as it is (which covers `Bearer <key>` and `Api-Key: <key>`);
 * - each character as itself, percent-encoded (`%2D`, `%2d`, even where encoding was not needed, and
 *   encoded again: `%252D`), or JSON-escaped (`\u002d`, `\/`, `\"`), in any mix;
 * - base64 and base64url of any text that contains it (`key:`, `user:key` Basic pairs, a JSON blob),
 *   whatever its offset in that text: the characters that depend only on the key are redacted.
 */

export const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Both cases of one hexadecimal digit, as a character class. */
function hexDigit(digit: string): string {
	return /[a-f]/i.test(digit) ? `[${digit.toUpperCase()}${digit.toLowerCase()}]` : digit;
}

function hexPattern(hex: string): string {
	return [...hex].map(hexDigit).join('');
}

/** Every spelling of one character: itself, its UTF-8 bytes percent-encoded (once or more), its JSON escapes. */
function characterPattern(character: string): string {
	const bytes = [...Buffer.from(character, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0'));
	const percent = bytes.map((byte) => `%(?:25)*${hexPattern(byte)}`).join('');
	const unicode = [...character].map((unit) => `\\\\u${hexPattern(unit.charCodeAt(0).toString(16).padStart(4, '0'))}`).join('');
	const forms = [escapeRegExp(character), percent, unicode];
	const jsonEscaped = JSON.stringify(character).slice(1, -1);
	if (jsonEscaped !== character) forms.push(escapeRegExp(jsonEscaped));
	if (character === '/') forms.push('\\\\/');
	return `(?:${forms.join('|')})`;
}

/**
 * The base64 characters that depend on the key alone, for the key at each of the three byte offsets a
 * surrounding text can put it at (character i covers bits 6i to 6i+6 of the bytes).
 */
function base64Cores(secret: string): string[] {
	const key = Buffer.from(secret, 'utf8');
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), key]).toString('base64');
		const first = Math.ceil((8 * offset) / 6);
		const last = Math.floor((8 * (offset + key.length) - 6) / 6);
		const core = encoded.slice(first, last + 1);
		// Too short a core (a 1- or 2-character key) would redact ordinary text.
		if (core.length >= 4) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

/** One pattern for every form of the key, longest alternatives first, so a longer form is replaced whole. */
function secretPattern(secret: string): RegExp {
	const spelled = [...secret].map(characterPattern).join('');
	const forms = new Set<string>([spelled, ...base64Cores(secret).map(escapeRegExp)]);
	return new RegExp([...forms].sort((a, b) => b.length - a.length).join('|'), 'g');
}

/** One pattern per non-empty secret, compiled once per call (a hostile answer may hold thousands of strings). */
function secretPatterns(secrets: ReadonlyArray<string | undefined>): RegExp[] {
	return secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== '').map(secretPattern);
}

function replaceAll(text: string, patterns: RegExp[]): string {
	return patterns.reduce((result, pattern) => result.replace(pattern, REDACTED), text);
}

/** The text with every occurrence of each secret, in any of its forms, replaced by [redacted]. Empty secrets are ignored. */
export function redactText(text: string, secrets: ReadonlyArray<string | undefined>): string {
	return replaceAll(text, secretPatterns(secrets));
}

/**
 * A copy of a JSON-like value with the secrets redacted from every string, object keys included. Cycles
 * and anything deeper than 64 levels are replaced, so a hostile answer cannot make this loop.
 */
export function redactValue<T>(value: T, secrets: ReadonlyArray<string | undefined>): T {
	const patterns = secretPatterns(secrets);
	if (patterns.length === 0) return value;
	const seen = new WeakSet<object>();
	const walk = (current: unknown, depth: number): unknown => {
		if (typeof current === 'string') return replaceAll(current, patterns);
		if (current === null || typeof current !== 'object') return current;
		if (Buffer.isBuffer(current)) return current;
		if (seen.has(current) || depth > 64) return REDACTED;
		seen.add(current);
		const copy = Array.isArray(current)
			? current.map((entry) => walk(entry, depth + 1))
			: Object.fromEntries(Object.entries(current).map(([key, entry]) => [replaceAll(key, patterns), walk(entry, depth + 1)]));
		seen.delete(current);
		return copy;
	};
	return walk(value, 0) as T;
}

/**
 * A URL as the node shows it: without userinfo (`https://user:password@gateway/…` shows as
 * `https://gateway/…`), so a Base URL that carries a password does not spell it in errors. Text that is
 * not a URL is returned as it is, with anything before an `@` in its authority removed.
 */
export function withoutUserinfo(url: string): string {
	return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
}

/**
 * The secrets of a credential that must never be shown: the API key, and the user and password of a Base
 * URL with userinfo.
 */
export function credentialSecrets(apiKey: unknown, baseUrl: unknown): string[] {
	const secrets = [String(apiKey ?? '')];
	const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(String(baseUrl ?? ''))?.[1];
	if (userinfo) {
		for (const part of userinfo.split(':')) {
			let decoded = part;
			try {
				decoded = decodeURIComponent(part);
			} catch {
				// Not valid percent-encoding: the part as written.
			}
			// A one-letter user name would redact every such letter.
			if (decoded.length >= 4) secrets.push(decoded);
		}
	}
	return secrets;
}

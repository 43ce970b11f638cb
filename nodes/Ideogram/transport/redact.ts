/**
 * Removes the API key from anything the node builds out of a server's answer (error messages, descriptions,
 * snippets, output JSON), so a server that repeats the key ("Invalid API key: <key>", an HTML page quoting
 * the request headers) cannot put it into the execution data or n8n's log.
 */

export const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for a percent-encoded text that matches its escapes in either case (%2B and %2b). */
function percentEncodedPattern(encoded: string): string {
	return encoded
		.split(/(%[0-9A-Fa-f]{2})/)
		.map((part) => (/^%[0-9A-Fa-f]{2}$/.test(part) ? `%[${part[1].toUpperCase()}${part[1].toLowerCase()}][${part[2].toUpperCase()}${part[2].toLowerCase()}]` : escapeRegExp(part)))
		.join('');
}

/**
 * The forms a key takes when a server repeats it: raw (which covers `Bearer <key>` and `Api-Key: <key>`),
 * URL-encoded (a key in a query string or a form), and JSON-escaped (a key quoted inside a JSON string).
 * Longest first, so a longer form is replaced whole.
 */
function secretPattern(secret: string): RegExp {
	const forms = new Set<string>([escapeRegExp(secret), percentEncodedPattern(encodeURIComponent(secret)), escapeRegExp(JSON.stringify(secret).slice(1, -1))]);
	return new RegExp([...forms].sort((a, b) => b.length - a.length).join('|'), 'g');
}

/** One pattern per non-empty secret, compiled once per call (a hostile answer may hold thousands of strings). */
function secretPatterns(secrets: ReadonlyArray<string | undefined>): RegExp[] {
	return secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== '').map(secretPattern);
}

function replaceAll(text: string, patterns: RegExp[]): string {
	return patterns.reduce((result, pattern) => result.replace(pattern, REDACTED), text);
}

/** The text with every occurrence of each secret replaced by [redacted]. Empty secrets are ignored. */
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

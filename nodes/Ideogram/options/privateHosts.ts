import { parsePrivateHosts, type AllowedHost } from '../transport/addressGuard';
import { labelOf, type NodeSettings } from './definitions';
import { InputError } from './validators';

/**
 * The item's "Private Hosts Allowed", parsed, or an InputError naming the field and the entry that is not
 * a host or host:port (checked before anything is sent).
 */
export function privateHostsSetting(settings: NodeSettings): AllowedHost[] {
	const parsed = parsePrivateHosts(settings.privateHostsAllowed);
	if ('invalid' in parsed) {
		throw new InputError(labelOf('privateHostsAllowed'), `"${parsed.invalid}" is not a host or host:port; write entries like files.internal, 10.0.0.5:8080 or [fd00::5]:443, comma-separated`);
	}
	return parsed.hosts;
}

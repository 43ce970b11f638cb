import { labelOf, type NodeSettings, type OptionName } from './definitions';
import { InputError } from './validators';

/** A number setting's bounds, in the unit the panel shows. */
export interface SettingRange {
	fallback: number;
	min: number;
	max: number;
	/** The unit, singular ("second", "MB"); a plural -s is added where the number asks for it. */
	unit: string;
}

function withUnit(value: number, unit: string): string {
	return `${value} ${unit}${unit.length > 2 && value !== 1 ? 's' : ''}`;
}

/**
 * A setting given in units (seconds, MB) as a finite number within its range, or an InputError naming the
 * field as the panel shows it. Text that is not a number ("ten minutes"), 0 and negative values are refused
 * before anything is sent; they never meant "no limit".
 */
export function settingInRange(name: OptionName, range: SettingRange, settings: NodeSettings): number {
	const value = settings[name] ?? range.fallback;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < range.min) {
		throw new InputError(labelOf(name), `must be at least ${withUnit(range.min, range.unit)}, got ${JSON.stringify(value)}`);
	}
	if (number > range.max) {
		throw new InputError(labelOf(name), `must be at most ${withUnit(range.max, range.unit)}, got ${JSON.stringify(value)}`);
	}
	return number;
}

/**
 * The node's durations: Timeout (one request or download, and how long `429 inflight_limit` is retried) at
 * most an hour; Task Timeout (polling a gateway task or a pending generation) at most a day.
 */
export const DURATIONS = {
	timeout: { fallback: 180, min: 1, max: 3600, unit: 'second' },
	taskTimeout: { fallback: 600, min: 1, max: 86_400, unit: 'second' },
} satisfies Record<string, SettingRange>;

/** A duration setting in milliseconds, checked (see settingInRange). */
export function durationMs(name: keyof typeof DURATIONS, settings: NodeSettings): number {
	return Math.round(settingInRange(name, DURATIONS[name], settings) * 1000);
}

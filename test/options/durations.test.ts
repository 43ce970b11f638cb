/** Every duration setting is a number of seconds within its range, checked before anything is sent. */
import { DURATIONS, durationMs, settingInRange } from '../../nodes/Ideogram/options/durations';
import { maxDownloadBytes, requestPolicy } from '../../nodes/Ideogram/engine/prepare';
import { createHarness } from '../support/harness';
import { scriptedApi } from '../support/scripted-api';

describe('durationMs', () => {
	it.each([
		['timeout', 'Timeout (Seconds)'],
		['taskTimeout', 'Task Timeout (Seconds)'],
	] as const)('%s: defaults, numbers, numeric text; refuses text, 0, negatives and values over the maximum', (name, label) => {
		expect(durationMs(name, {})).toBe(DURATIONS[name].fallback * 1000);
		expect(durationMs(name, { [name]: 2.5 })).toBe(2500);
		expect(durationMs(name, { [name]: ' 30 ' })).toBe(30_000);
		expect(durationMs(name, { [name]: DURATIONS[name].max })).toBe(DURATIONS[name].max * 1000);
		expect(() => durationMs(name, { [name]: 'ten minutes' })).toThrow(`${label}: must be at least 1 second, got "ten minutes"`);
		expect(() => durationMs(name, { [name]: 0 })).toThrow(`${label}: must be at least 1 second, got 0`);
		expect(() => durationMs(name, { [name]: -3 })).toThrow(`${label}: must be at least 1 second, got -3`);
		expect(() => durationMs(name, { [name]: Number.NaN })).toThrow(`${label}: must be at least 1 second`);
		expect(() => durationMs(name, { [name]: Number.POSITIVE_INFINITY })).toThrow(`${label}: must be at least 1 second`);
		expect(() => durationMs(name, { [name]: DURATIONS[name].max + 1 })).toThrow(`${label}: must be at most ${DURATIONS[name].max} seconds, got ${DURATIONS[name].max + 1}`);
	});

	it('states its maximums: Timeout an hour, Task Timeout a day', () => {
		expect(DURATIONS.timeout.max).toBe(3600);
		expect(DURATIONS.taskTimeout.max).toBe(86_400);
	});

	it('requestPolicy carries both, checked', () => {
		expect(requestPolicy({ timeout: 5, taskTimeout: 60 })).toMatchObject({ timeoutMs: 5000, taskTimeoutMs: 60_000 });
		expect(() => requestPolicy({ taskTimeout: 'ten minutes' })).toThrow('Task Timeout (Seconds): must be at least 1 second, got "ten minutes"');
	});

	it('Max Download Size has an upper bound of 200 MB', () => {
		expect(maxDownloadBytes({ maxDownloadSize: 200 })).toBe(200 * 1024 * 1024);
		expect(() => maxDownloadBytes({ maxDownloadSize: 201 })).toThrow('Max Download Size (MB): must be at most 200 MB, got 201');
		expect(() => maxDownloadBytes({ maxDownloadSize: 'lots' })).toThrow('Max Download Size (MB): must be at least 0.001 MB, got "lots"');
	});

	it('words units', () => {
		expect(() => settingInRange('maxDownloadSize', { fallback: 50, min: 1, max: 200, unit: 'MB' }, { maxDownloadSize: 500 })).toThrow('Max Download Size (MB): must be at most 200 MB, got 500');
	});
});

describe('Task Timeout "ten minutes" through the node', () => {
	let api: Awaited<ReturnType<typeof scriptedApi>> | undefined;
	afterEach(async () => await api?.close());

	it.each(['options', 'requestOptions'])('in %s: the item fails naming the field, nothing is sent', async (collection) => {
		api = await scriptedApi([{ status: 200, body: { data: [] } }]);
		const { run } = createHarness({
			parameters: { operation: 'generate', prompt: 'x', [collection]: { taskTimeout: 'ten minutes' } },
			credentials: { apiKey: 'durations-test-key', baseUrl: api.baseUrl, authHeader: 'apiKey' },
			continueOnFail: true,
		});
		const [item] = await run();
		expect(item.json).toEqual({ error: 'Task Timeout (Seconds): must be at least 1 second, got "ten minutes"', description: 'Nothing was sent to Ideogram.' });
		expect(api.seen).toHaveLength(0);
	});
});

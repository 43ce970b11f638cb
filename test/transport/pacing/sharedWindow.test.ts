import { sleep } from 'n8n-workflow';

import { PlacesWaitEnded, sharedWindow, SharedWindow, type Places } from '../../../nodes/Ideogram/transport/pacing/sharedWindow';

let keys = 0;
/** A window of its own for each test: windows live in module state for the whole process. */
function freshWindow(): SharedWindow {
	keys += 1;
	return sharedWindow('http://127.0.0.1:9/test', `test-key-${keys}`);
}

/** Watches how many images are in flight at once, overall and per execution. */
function recorder() {
	const own = new Map<unknown, number>();
	let total = 0;
	const peak = { total: 0, own: new Map<unknown, number>() };
	return {
		peak,
		async render<T>(execution: unknown, images: number, ms: number, result?: T): Promise<T | undefined> {
			total += images;
			own.set(execution, (own.get(execution) ?? 0) + images);
			peak.total = Math.max(peak.total, total);
			peak.own.set(execution, Math.max(peak.own.get(execution) ?? 0, own.get(execution) ?? 0));
			await sleep(ms);
			total -= images;
			own.set(execution, (own.get(execution) ?? 0) - images);
			return result;
		},
	};
}

describe('sharedWindow', () => {
	it('is one window per Base URL and key, and a different one for another key or Base URL', () => {
		const a = sharedWindow('http://127.0.0.1:9/api', 'key-a');
		expect(sharedWindow('http://127.0.0.1:9/api/', 'key-a')).toBe(a);
		expect(sharedWindow('http://127.0.0.1:9/api', 'key-b')).not.toBe(a);
		expect(sharedWindow('http://127.0.0.1:9/other', 'key-a')).not.toBe(a);
	});

	it('never has more than Max Images in Flight rendering, however many executions share the key', async () => {
		const window = freshWindow();
		const watch = recorder();
		let sent = 0;
		// 30 executions at once (a webhook burst), each with 3 items of 1 to 3 images.
		await Promise.all(
			Array.from({ length: 30 }, async (_, execution) => {
				const share = window.share(10);
				await Promise.all(
					[1, 2, 3].map((images) =>
						share.withPlaces(images, {}, async () => {
							sent += 1;
							await watch.render(execution, images, 5 + ((execution * 7 + images) % 11));
						}),
					),
				);
			}),
		);
		expect(sent).toBe(90);
		expect(watch.peak.total).toBe(10);
		expect(window.inFlight).toBe(0);
		expect(window.waiting).toBe(0);
	});

	it('keeps two keys apart: a full window on one key does not hold back the other', async () => {
		const first = freshWindow().share(10);
		const second = freshWindow().share(10);
		const held = await first.acquire(10);
		const other = await Promise.race([second.acquire(10), sleep(50).then(() => 'still waiting')]);
		expect(other).not.toBe('still waiting');
		held.release();
		(other as Places).release();
	});

	it("keeps each execution to its own Max Images in Flight, and the key to the largest setting among those sending", async () => {
		const window = freshWindow();
		const watch = recorder();
		const small = window.share(2);
		const large = window.share(6);
		const run = (share: ReturnType<SharedWindow['share']>, name: string, count: number) =>
			Promise.all(Array.from({ length: count }, () => share.withPlaces(1, {}, () => watch.render(name, 1, 10))));
		await Promise.all([run(small, 'small', 8), run(large, 'large', 12)]);
		expect(watch.peak.own.get('small')).toBe(2);
		expect(watch.peak.own.get('large')).toBeLessThanOrEqual(6);
		expect(watch.peak.total).toBe(6);
		const largeAlone = recorder();
		await Promise.all(Array.from({ length: 12 }, () => large.withPlaces(1, {}, () => largeAlone.render('large', 1, 5))));
		expect(largeAlone.peak.total).toBe(6);

		// With only executions of Max 3 sending, the key stays at 3.
		const alone = recorder();
		await Promise.all([window.share(3), window.share(3)].map((share, i) => Promise.all(Array.from({ length: 6 }, () => share.withPlaces(1, {}, () => alone.render(i, 1, 10))))));
		expect(alone.peak.total).toBe(3);
	});

	it('gives the places back when the request fails, so the next one goes out', async () => {
		const window = freshWindow();
		const share = window.share(2);
		await expect(share.withPlaces(2, {}, async () => Promise.reject(new Error('HTTP 500')))).rejects.toThrow('HTTP 500');
		expect(window.inFlight).toBe(0);
		const places = await share.acquire(2);
		places.release();
		places.release();
		expect(window.inFlight).toBe(0);
	});

	it('ends a wait when the execution is cancelled, and returns the places of requests cancelled while sending', async () => {
		const window = freshWindow();
		const share = window.share(1);
		const cancel = new AbortController();
		const sending = share.withPlaces(1, { signal: cancel.signal }, async () => {
			await sleep(30);
			if (cancel.signal.aborted) throw new Error('The execution was cancelled while waiting for Ideogram');
		});
		const waiting = share.acquire(1, { signal: cancel.signal });
		await sleep(5);
		expect(window.waiting).toBe(1);
		cancel.abort();
		await expect(waiting).rejects.toEqual(new PlacesWaitEnded('cancelled'));
		await expect(sending).rejects.toThrow('cancelled');
		expect(window.inFlight).toBe(0);
		expect(window.waiting).toBe(0);
		// A later execution on the key gets in at once.
		(await window.share(1).acquire(1)).release();
		// A signal cancelled before the wait ends it at once.
		await expect(share.acquire(1, { signal: cancel.signal })).rejects.toBeInstanceOf(PlacesWaitEnded);
	});

	it('ends a wait at the deadline and lets the requests behind it in', async () => {
		const window = freshWindow();
		const held = await window.share(10).acquire(8);
		const big = window.share(10).acquire(4, { deadline: Date.now() + 40 });
		const small = window.share(10).acquire(1);
		let smallIn = false;
		void small.then(() => (smallIn = true));
		await sleep(10);
		// The larger request is first in line: the smaller one behind it waits too.
		expect(smallIn).toBe(false);
		await expect(big).rejects.toEqual(new PlacesWaitEnded('deadline'));
		(await small).release();
		held.release();
		expect(window.inFlight).toBe(0);
	});

	it('shrinks to what this process has in flight on 429 inflight_limit, sends the refused request when a render finishes, and grows back with successes', async () => {
		const window = freshWindow();
		const share = window.share(10);
		const held = await Promise.all(Array.from({ length: 10 }, () => share.acquire(1)));
		expect(window.limit).toBe(10);
		// Another worker filled the key: the tenth request was refused, nine of ours are rendering.
		const refused = held[9];
		let resent = false;
		const retry = refused.refused(1000, {}).then(() => (resent = true));
		expect(window.limit).toBe(9);
		expect(window.inFlight).toBe(9);
		await sleep(20);
		expect(resent).toBe(false);
		// One of ours finishes: the key has room again, and the refused request goes first.
		const newcomer = share.acquire(1);
		held[0].accepted();
		held[0].release();
		await retry;
		expect(resent).toBe(true);
		expect(window.inFlight).toBe(9);
		// Regrowth: one place per window's worth (9) of answered images, up to Max Images in Flight.
		for (const places of held.slice(1, 9)) {
			places.accepted();
			places.release();
		}
		expect(window.limit).toBe(10);
		(await newcomer).release();
		refused.release();
		expect(window.inFlight).toBe(0);
	});

	it("probes a shrunk window every Retry-After when no render of ours finishes first (the room may be another process's): refused requests first, then the others", async () => {
		const window = freshWindow();
		const share = window.share(10);
		const held = await Promise.all(Array.from({ length: 4 }, () => share.acquire(1)));
		// Two refused; two of ours render for longer than Retry-After; one more request comes.
		const started = Date.now();
		const sentAt = async (wait: Promise<unknown>) => {
			await wait;
			return Date.now() - started;
		};
		const refused = [held[2], held[3]].map(async (places) => await sentAt(places.refused(200, {})));
		const newcomer = share.acquire(1);
		const newcomerAt = sentAt(newcomer);
		await sleep(20);
		expect(window.limit).toBe(2);
		expect(window.inFlight).toBe(2);
		const [first, second] = (await Promise.all(refused)).sort((a, b) => a - b);
		expect(first).toBeGreaterThanOrEqual(195);
		expect(second).toBeGreaterThanOrEqual(395);
		expect(await newcomerAt).toBeGreaterThanOrEqual(595);
		// Each probe took one place beyond the window.
		expect(window.limit).toBe(5);
		expect(window.inFlight).toBe(5);
		for (const places of [...held, await newcomer]) places.release();
		expect(window.inFlight).toBe(0);
	});

	it('holds off for Retry-After when refused with nothing else in flight, and then sends one request at a time', async () => {
		const window = freshWindow();
		const share = window.share(10);
		const places = await share.acquire(1);
		const started = Date.now();
		const retry = places.refused(80, {});
		const next = share.acquire(1);
		let nextIn = false;
		void next.then(() => (nextIn = true));
		await retry;
		expect(Date.now() - started).toBeGreaterThanOrEqual(75);
		expect(window.limit).toBe(1);
		// The other request waits behind the refused one until that one is answered.
		await sleep(10);
		expect(nextIn).toBe(false);
		places.accepted();
		expect(window.limit).toBe(2);
		places.release();
		(await next).release();
		expect(window.inFlight).toBe(0);
	});

	it('after a refusal, grows quickly back to half of Max Images in Flight, then one place per window of answers', async () => {
		const window = freshWindow();
		const share = window.share(10);
		// Refused with nothing else of ours in flight: someone else holds the key.
		const first = await share.acquire(1);
		await first.refused(0, {});
		expect(window.limit).toBe(1);
		const limits: number[] = [];
		for (let places: Places | undefined = first; limits.length < 9; places = await share.acquire(1)) {
			places.accepted();
			limits.push(window.limit);
			places.release();
		}
		// One place per answered image up to 5, then 5 answers for the sixth.
		expect(limits).toEqual([2, 3, 4, 5, 5, 5, 5, 5, 6]);
	});

	it('ends a refused request\'s wait at its deadline or on cancel, holding no places', async () => {
		const window = freshWindow();
		const share = window.share(10);
		const other = await share.acquire(1);
		const places = await share.acquire(1);
		await expect(places.refused(1, { deadline: Date.now() + 30 })).rejects.toEqual(new PlacesWaitEnded('deadline'));
		places.release();
		expect(window.inFlight).toBe(1);

		const again = await Promise.race([share.acquire(1), sleep(20).then(() => undefined)]);
		expect(again).toBeUndefined(); // the window is shrunk to 1, and it is in use
		const cancel = new AbortController();
		const waiting = share.acquire(1, { signal: cancel.signal });
		cancel.abort();
		await expect(waiting).rejects.toEqual(new PlacesWaitEnded('cancelled'));
		other.release();
		await sleep(1);
		expect(window.inFlight).toBe(1); // the request that waited from the race above got in
	});

	it('lets a request that renders nothing (a price quote) through at once, even past a full window', async () => {
		const window = freshWindow();
		const share = window.share(2);
		const full = await share.acquire(2);
		const quote = await share.acquire(0);
		expect(window.inFlight).toBe(2);
		quote.release();
		// The quote gave nothing back: the window is still full for a request of one image.
		let next = false;
		const waiting = share.acquire(1).then((places) => {
			next = true;
			return places;
		});
		await sleep(20);
		expect(next).toBe(false);
		full.release();
		(await waiting).release();
	});

	it('runs a request larger than the window alone rather than never', async () => {
		const window = freshWindow();
		const share = window.share(2);
		const small = await share.acquire(1);
		const big = share.acquire(5);
		let bigIn = false;
		void big.then(() => (bigIn = true));
		await sleep(10);
		expect(bigIn).toBe(false);
		small.release();
		const places = await big;
		expect(window.inFlight).toBe(5);
		places.release();
	});

	it('lets two processes on one key converge on sharing its limit instead of hammering the API', async () => {
		// A stand-in for Ideogram: 10 images in flight per key, refusals answered at once and not run.
		let rendering = 0;
		let peak = 0;
		let refusals = 0;
		const api = async (images: number): Promise<'ok' | 'inflight_limit'> => {
			await sleep(1);
			if (rendering + images > 10) {
				refusals += 1;
				return 'inflight_limit';
			}
			rendering += images;
			peak = Math.max(peak, rendering);
			await sleep(25);
			rendering -= images;
			return 'ok';
		};
		// Two workers, each with 10 executions of 4 items: 80 images, 8 rounds of 10 at best.
		const workers = [new SharedWindow(), new SharedWindow()];
		let done = 0;
		await Promise.all(
			workers.flatMap((window) =>
				Array.from({ length: 10 }, () => {
					const share = window.share(10);
					return Promise.all(
						Array.from({ length: 4 }, () =>
							share.withPlaces(1, {}, async (places) => {
								while ((await api(1)) === 'inflight_limit') await places.refused(20, { deadline: Date.now() + 10000 });
								places.accepted();
								done += 1;
							}),
						),
					);
				}),
			),
		);
		expect(done).toBe(80);
		expect(peak).toBe(10);
		// Blind re-sending refuses about every request more than once; sharing the limit, a few per round.
		expect(refusals).toBeLessThan(40);
		for (const window of workers) expect(window.inFlight).toBe(0);
	});
});

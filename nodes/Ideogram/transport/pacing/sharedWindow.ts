import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

/**
 * One in-flight window per API key and process, shared by every execution of the node in that process (a
 * webhook that starts one execution per upload, overlapping schedules, a queue-mode worker running
 * `--concurrency` executions). Ideogram counts images rendering at once per organisation, so executions
 * that each kept their own window of 10 overshot together and burned their retries on `429 inflight_limit`.
 *
 * - **Per execution** (a `WindowShare`): at most that execution's own `Max Images in Flight`, as before.
 * - **Per key**: at most the largest `Max Images in Flight` among the executions using the key right now,
 *   and less while Ideogram says the key is full: a `429 inflight_limit` means other processes (workers,
 *   other clients) use the same key, so the window shrinks to what this process still has in flight (at
 *   least 1). Answered requests grow it back: one place per answered image up to half the limit it had
 *   before the first refusal, then one place per window's worth of answered images, up to the limit.
 * - **Waiting**: requests queue here in arrival order; a refused request goes back to the head of the
 *   queue and is sent again when a render of this process finishes (that is when the key has room), or
 *   after Retry-After when this process had nothing else in flight.
 * - **Probing**: while requests wait behind a shrunk window, the first of them goes every Retry-After
 *   with one place more than the window has, since room may have come from another process's render,
 *   which this one cannot see. If Ideogram refuses it, the window shrinks again: a process asks at most
 *   once per Retry-After.
 *
 * Every wait ends on the execution's cancel signal and, when given, on the request's deadline.
 *
 * Places are held through a `Places` handle whose release is one-shot, or with `withPlaces`, which
 * releases on every path.
 */

/** The wait for places ended without places: the execution was cancelled or the request's deadline passed. */
export class PlacesWaitEnded extends Error {
	constructor(readonly reason: 'cancelled' | 'deadline') {
		super(reason === 'cancelled' ? 'The execution was cancelled while waiting for Ideogram' : "The request's deadline passed while waiting for Ideogram");
		this.name = 'PlacesWaitEnded';
	}
}

export interface WaitBounds {
	/** The execution's cancel signal. */
	signal?: AbortSignal;
	/** Epoch milliseconds after which a wait fails with PlacesWaitEnded('deadline'). */
	deadline?: number;
}

/** Places held by one request; get them from `WindowShare.acquire` or `WindowShare.withPlaces`. */
export interface Places {
	readonly images: number;
	/** Ideogram accepted and answered the request: its images count towards growing a shrunk window back. */
	accepted(): void;
	/**
	 * Ideogram refused the request with `429 inflight_limit`. Shrinks the key's window, gives these places back
	 * and waits for new ones, ahead of every other waiting request: resolves when the request may be sent again.
	 * Throws PlacesWaitEnded (then no places are held).
	 */
	refused(retryAfterMs: number | undefined, bounds: WaitBounds): Promise<void>;
	/** Gives the places back. Safe to call more than once, and after a failed `refused`. */
	release(): void;
}

/** The places of a request that renders nothing. It cannot be refused for the in-flight limit by the window's account. */
const NO_PLACES: Places = {
	images: 0,
	accepted: () => undefined,
	refused: async () => undefined,
	release: () => undefined,
};

/** How long to hold off when Ideogram refused and this process had nothing else in flight, without Retry-After. */
const DEFAULT_HOLD_OFF_MS = 1000;
/** Waits with a deadline wake up at least this often to check it. */
const DEADLINE_TICK_MS = 1000;
/** Probes go no more often than this, whatever Retry-After says (0 would mean all the time). */
const MIN_PROBE_MS = 250;

interface Waiter {
	share: WindowShare;
	images: number;
	admit(): void;
}

/** The window of one API key in this process. */
export class SharedWindow {
	private used = 0;

	private queue: Waiter[] = [];

	/** Shares (executions) holding or waiting for places: their capacities set the key's limit. */
	private active = new Set<WindowShare>();

	/** Set after a `429 inflight_limit`: the key's limit until successes grow it back; undefined when not shrunk. */
	private shrunkTo: number | undefined;

	/** Up to here a shrunk window grows back one place per answered image; above, one per window's worth. */
	private fastGrowthUpTo = 1;

	/** Images answered since the last step of regrowth. */
	private credit = 0;

	/** No request leaves before this time (epoch ms): after a refusal with nothing else of ours in flight. */
	private holdUntil = 0;

	/** Time between probes of a shrunk window: the last refusal's Retry-After. */
	private probeEveryMs = DEFAULT_HOLD_OFF_MS;

	/** Whether probes are scheduled: one loop at a time, so a process asks at most once per Retry-After. */
	private probing = false;

	/** Images in flight for this key in this process. */
	get inFlight(): number {
		return this.used;
	}

	/** Requests waiting for places. */
	get waiting(): number {
		return this.queue.length;
	}

	/** The most images this process lets render at once for the key right now. */
	get limit(): number {
		return Math.min(this.ceiling(), this.shrunkTo ?? Infinity);
	}

	/** One execution's share of the window: at most `capacity` (its Max Images in Flight) of its own images at once. */
	share(capacity: number): WindowShare {
		return new WindowShare(this, Math.max(1, Math.floor(capacity) || 1));
	}

	/** @internal Queues a request for places; resolves once they are taken for it. */
	wait(share: WindowShare, images: number, bounds: WaitBounds, { refused = false } = {}): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			if (bounds.signal?.aborted) return reject(new PlacesWaitEnded('cancelled'));
			if (bounds.deadline !== undefined && Date.now() >= bounds.deadline) return reject(new PlacesWaitEnded('deadline'));
			let settled = false;
			const settle = () => {
				settled = true;
				bounds.signal?.removeEventListener('abort', onAbort);
			};
			const fail = (reason: PlacesWaitEnded['reason']) => {
				if (settled) return;
				settle();
				this.queue = this.queue.filter((entry) => entry !== waiter);
				share.waiting -= 1;
				this.forgetIfIdle(share);
				reject(new PlacesWaitEnded(reason));
				// Leaving the queue may unblock requests that waited behind this one.
				this.pump();
			};
			const onAbort = () => fail('cancelled');
			const waiter: Waiter = {
				share,
				images,
				admit: () => {
					settle();
					resolve();
				},
			};
			bounds.signal?.addEventListener('abort', onAbort, { once: true });
			share.waiting += 1;
			this.active.add(share);
			if (refused) this.queue.unshift(waiter);
			else this.queue.push(waiter);
			this.pump();
			if (!settled && bounds.deadline !== undefined) void this.watchDeadline(() => settled, bounds.deadline, () => fail('deadline'));
		});
	}

	/** @internal */
	giveBack(share: WindowShare, images: number): void {
		this.used -= images;
		share.used -= images;
		this.forgetIfIdle(share);
		this.pump();
	}

	/** @internal Ideogram answered a request of `images` images: the key had room for them. */
	grow(share: WindowShare, images: number): void {
		if (this.shrunkTo === undefined) return;
		if (this.shrunkTo < this.fastGrowthUpTo) {
			this.shrunkTo = Math.min(this.fastGrowthUpTo, this.shrunkTo + images);
		} else {
			this.credit += images;
			if (this.credit < this.shrunkTo) return;
			this.credit = 0;
			this.shrunkTo += 1;
		}
		if (this.shrunkTo >= Math.max(share.capacity, this.ceiling())) this.shrunkTo = undefined;
		this.pump();
	}

	/** @internal Ideogram refused a request of `images` that holds places: the key is full across every client. */
	shrink(images: number, retryAfterMs: number | undefined): void {
		const others = this.used - images;
		// The first refusal after a full window: regrow quickly to half of it (like TCP's slow start), then slowly.
		if (this.shrunkTo === undefined) this.fastGrowthUpTo = Math.max(1, Math.floor(this.limit / 2));
		this.shrunkTo = Math.max(1, Math.min(this.limit, others));
		this.credit = 0;
		this.probeEveryMs = Math.max(MIN_PROBE_MS, retryAfterMs ?? DEFAULT_HOLD_OFF_MS);
		if (others <= 0) {
			// No render of ours will finish to say there is room again: wait as Ideogram asks.
			this.holdUntil = Math.max(this.holdUntil, Date.now() + (retryAfterMs ?? DEFAULT_HOLD_OFF_MS));
			void this.pumpAfterHoldOff();
		}
	}

	/** The largest Max Images in Flight among the executions holding or waiting for places. */
	private ceiling(): number {
		let ceiling = 1;
		for (const share of this.active) ceiling = Math.max(ceiling, share.capacity);
		return ceiling;
	}

	private forgetIfIdle(share: WindowShare): void {
		if (share.used === 0 && share.waiting === 0) this.active.delete(share);
	}

	/** While requests wait behind the shrunk window: every Retry-After, the first of them with one place more. */
	private async probeWhileShrunk(): Promise<void> {
		if (this.probing) return;
		this.probing = true;
		try {
			while (this.shrunkTo !== undefined) {
				await sleep(this.probeEveryMs);
				if (this.shrunkTo === undefined || Date.now() < this.holdUntil) continue;
				const index = this.queue.findIndex(({ share, images }) => share.used === 0 || share.used + images <= share.capacity);
				if (index === -1) return;
				const images = this.queue[index].images;
				if (this.used + images <= this.limit) continue;
				this.shrunkTo = this.used + images;
				this.admit(index);
			}
		} finally {
			this.probing = false;
		}
	}

	private async pumpAfterHoldOff(): Promise<void> {
		for (let left = this.holdUntil - Date.now(); left > 0; left = this.holdUntil - Date.now()) await sleep(left);
		this.pump();
	}

	/**
	 * Lets waiting requests in, in order, while they fit. One whose own execution is at its limit is passed
	 * over; one that does not fit the key's window stops the others, so a larger request is not starved by
	 * smaller ones behind it. A request larger than the window runs alone.
	 */
	private pump(): void {
		if (Date.now() < this.holdUntil) return;
		const limit = this.limit;
		for (let index = 0; index < this.queue.length; ) {
			const waiter = this.queue[index];
			const { share, images } = waiter;
			if (share.used > 0 && share.used + images > share.capacity) {
				index++;
				continue;
			}
			if (this.used > 0 && this.used + images > limit) {
				if (this.shrunkTo !== undefined) void this.probeWhileShrunk();
				break;
			}
			this.admit(index);
		}
	}

	private admit(index: number): void {
		const [waiter] = this.queue.splice(index, 1);
		waiter.share.waiting -= 1;
		this.used += waiter.images;
		waiter.share.used += waiter.images;
		waiter.admit();
	}

	private async watchDeadline(settled: () => boolean, deadline: number, fail: () => void): Promise<void> {
		while (!settled()) {
			const left = deadline - Date.now();
			if (left <= 0) return fail();
			await sleep(Math.min(left, DEADLINE_TICK_MS));
		}
	}
}

/** One execution's use of a key's window. */
export class WindowShare {
	/** @internal Images of this execution in flight. */
	used = 0;

	/** @internal Requests of this execution waiting for places. */
	waiting = 0;

	constructor(
		private readonly window: SharedWindow,
		readonly capacity: number,
	) {}

	/** Waits for places for a request of `images` images; release them through the handle. */
	async acquire(images: number, bounds: WaitBounds = {}): Promise<Places> {
		// A request that renders nothing (a price quote, a status poll) takes no places and waits for none.
		if (images === 0) return NO_PLACES;
		const count = Math.max(1, Math.floor(images) || 1);
		await this.window.wait(this, count, bounds);
		let holding = true;
		const release = () => {
			if (!holding) return;
			holding = false;
			this.window.giveBack(this, count);
		};
		return {
			images: count,
			accepted: () => this.window.grow(this, count),
			refused: async (retryAfterMs, retryBounds) => {
				if (!holding) throw new Error('refused() needs places held');
				this.window.shrink(count, retryAfterMs);
				release();
				await this.window.wait(this, count, retryBounds, { refused: true });
				holding = true;
			},
			release,
		};
	}

	/** Runs `send` holding places for `images` images, and gives them back however it ends. */
	async withPlaces<T>(images: number, bounds: WaitBounds, send: (places: Places) => Promise<T>): Promise<T> {
		const places = await this.acquire(images, bounds);
		try {
			return await send(places);
		} finally {
			places.release();
		}
	}
}

const windows = new Map<string, SharedWindow>();

/**
 * The window of a key in this process, by Base URL and a SHA-256 of the API key (the key itself is not kept).
 * Windows live as long as the process: the shrunk limit must outlast one execution, and there are few keys.
 */
export function sharedWindow(baseUrl: string, apiKey: string): SharedWindow {
	const id = `${baseUrl.replace(/\/+$/, '')} ${createHash('sha256').update(apiKey).digest('hex')}`;
	let window = windows.get(id);
	if (!window) {
		window = new SharedWindow();
		windows.set(id, window);
	}
	return window;
}

/**
 * One memory budget per execution of the node, shared by every image it reads from a URL (inputs, masks,
 * references) and every result it downloads. Without it, memory grew with items × images: 40 items of 8
 * results each started 320 downloads at once once their places in the image window were given back.
 *
 * - At most TRANSFERS_AT_ONCE transfers run at once; the others wait for a place before they connect
 *   (their Timeout starts once they have one).
 * - The bytes the running transfers hold are counted as they arrive. Past BYTES_HELD a transfer pauses its
 *   stream (the server waits) until bytes are given back, except the oldest running transfer, which always
 *   goes on, so the transfers can never all wait for each other. Held bytes stay under BYTES_HELD plus one
 *   download's cap (Max Download Size, at most MAX_DOWNLOAD_MB).
 *
 * A transfer gives its bytes back when it ends: the caller then holds the image (a result goes straight to
 * n8n's binary store; an input waits in the request, bounded by the router's read-ahead).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

export const TRANSFERS_AT_ONCE = 8;
export const BYTES_HELD = 128 * 1024 * 1024;
/** The largest Max Download Size (MB) the node accepts. */
export const MAX_DOWNLOAD_MB = 200;

/** One running transfer's share of the budget. */
export interface TransferLease {
	/** Counts `bytes` as held if the budget has room (or this is the oldest transfer); false when it must wait. */
	take(bytes: number): boolean;
	/** Waits until `bytes` fit, then counts them. Rejects when the signal aborts. */
	waitFor(bytes: number, signal?: AbortSignal): Promise<void>;
	/** Gives the place and every byte back. Calling it again does nothing. */
	end(): void;
}

interface Waiter {
	lease: Lease;
	bytes: number;
	resolve: () => void;
}

class Lease implements TransferLease {
	held = 0;
	ended = false;

	constructor(private readonly budget: TransferBudget) {}

	take(bytes: number): boolean {
		return this.budget.tryTake(this, bytes);
	}

	async waitFor(bytes: number, signal?: AbortSignal): Promise<void> {
		if (this.take(bytes)) return;
		await this.budget.waitForBytes(this, bytes, signal);
	}

	end(): void {
		this.budget.endLease(this);
	}
}

export class TransferBudget {
	private readonly running = new Set<Lease>();
	private readonly placeWaiters: Array<(lease: Lease) => void> = [];
	private readonly byteWaiters: Waiter[] = [];
	private held = 0;

	constructor(
		readonly maxTransfers = TRANSFERS_AT_ONCE,
		readonly maxBytes = BYTES_HELD,
	) {}

	/** Bytes held by the running transfers, and how many run (for tests and the README's figures). */
	get usage(): { transfers: number; bytes: number; waiting: number } {
		return { transfers: this.running.size, bytes: this.held, waiting: this.placeWaiters.length };
	}

	/** Waits for a place among the transfers at once. Rejects when the signal (the execution's cancel) aborts. */
	async start(signal?: AbortSignal): Promise<TransferLease> {
		if (this.running.size < this.maxTransfers && this.placeWaiters.length === 0) return this.open();
		return await new Promise<TransferLease>((resolve, reject) => {
			const onAbort = () => {
				const index = this.placeWaiters.indexOf(grant);
				if (index !== -1) this.placeWaiters.splice(index, 1);
				reject(new Error('cancelled while waiting for a transfer place'));
			};
			const grant = (lease: Lease) => {
				signal?.removeEventListener('abort', onAbort);
				resolve(lease);
			};
			if (signal?.aborted) return onAbort();
			signal?.addEventListener('abort', onAbort, { once: true });
			this.placeWaiters.push(grant);
		});
	}

	private open(): Lease {
		const lease = new Lease(this);
		this.running.add(lease);
		return lease;
	}

	private isOldest(lease: Lease): boolean {
		return this.running.values().next().value === lease;
	}

	/** @internal */
	tryTake(lease: Lease, bytes: number): boolean {
		if (lease.ended) return true;
		if (this.held + bytes > this.maxBytes && !this.isOldest(lease)) return false;
		lease.held += bytes;
		this.held += bytes;
		return true;
	}

	/** @internal */
	async waitForBytes(lease: Lease, bytes: number, signal?: AbortSignal): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			const waiter: Waiter = {
				lease,
				bytes,
				resolve: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			const onAbort = () => {
				const index = this.byteWaiters.indexOf(waiter);
				if (index !== -1) this.byteWaiters.splice(index, 1);
				reject(new Error('stopped while waiting for memory'));
			};
			if (signal?.aborted) return onAbort();
			signal?.addEventListener('abort', onAbort, { once: true });
			this.byteWaiters.push(waiter);
		});
	}

	/** @internal */
	endLease(lease: Lease): void {
		if (lease.ended) return;
		lease.ended = true;
		this.running.delete(lease);
		this.held -= lease.held;
		lease.held = 0;
		// Waiters of this lease (none unless it ended mid-wait) go on; their bytes are no longer counted.
		for (const waiter of this.byteWaiters.filter((candidate) => candidate.lease === lease)) {
			this.byteWaiters.splice(this.byteWaiters.indexOf(waiter), 1);
			waiter.resolve();
		}
		this.wake();
	}

	/** Lets waiting transfers go on, oldest first, while the budget has room; then gives free places out. */
	private wake(): void {
		for (const waiter of [...this.byteWaiters]) {
			if (!this.tryTake(waiter.lease, waiter.bytes)) continue;
			this.byteWaiters.splice(this.byteWaiters.indexOf(waiter), 1);
			waiter.resolve();
		}
		while (this.running.size < this.maxTransfers && this.placeWaiters.length > 0) {
			this.placeWaiters.shift()!(this.open());
		}
	}
}

const budgets = new WeakMap<IExecuteFunctions, TransferBudget>();

/**
 * The budget of this execution of the node: one per execution context, made on first use, shared by every
 * item's input reads and result downloads.
 */
export function transferBudgetOf(ctx: IExecuteFunctions): TransferBudget {
	let budget = budgets.get(ctx);
	if (!budget) {
		budget = new TransferBudget();
		budgets.set(ctx, budget);
	}
	return budget;
}

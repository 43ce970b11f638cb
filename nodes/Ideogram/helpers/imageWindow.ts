/**
 * Ideogram limits how many images an organisation has rendering at once (10 by default; a request for
 * 4 images takes 4 places). The window keeps the node's own requests under that limit: an item takes its
 * places before its request and gives them back as soon as Ideogram has answered, so the next request
 * starts while the results are still downloading.
 */
export class ImageWindow {
	private used = 0;

	private waiting: Array<() => void> = [];

	constructor(private size: number) {}

	get capacity(): number {
		return this.size;
	}

	/** Changes the number of places; a larger window lets waiting requests in at once. */
	resize(capacity: number): void {
		const grows = capacity > this.size;
		this.size = capacity;
		if (grows) this.release(0);
	}

	/** Waits until `images` places are free (a request larger than the window runs alone). */
	async acquire(images: number): Promise<void> {
		while (this.used > 0 && this.used + images > this.size) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		this.used += images;
	}

	release(images: number): void {
		this.used -= images;
		const waiting = this.waiting;
		this.waiting = [];
		for (const wake of waiting) wake();
	}
}

/**
 * How the router paces one execution's items: an operation reads and encodes its item first, then waits in
 * `readyToSend` for places in the window, and calls `imagesRendered` once Ideogram has answered. Keyed by
 * the execution context, which the router and the operations share. Without a router (an operation called
 * on its own), both are no-ops.
 */
export interface ItemPacing {
	/** `bodyBytes`: the size of the encoded request, which bounds how far ahead items are read. */
	readyToSend(itemIndex: number, bodyBytes: number): Promise<void>;
	imagesRendered(itemIndex: number): void;
}

const pacings = new WeakMap<object, ItemPacing>();

export function setItemPacing(context: object, pacing: ItemPacing): void {
	pacings.set(context, pacing);
}

export async function readyToSend(context: object, itemIndex: number, bodyBytes: number): Promise<void> {
	await pacings.get(context)?.readyToSend(itemIndex, bodyBytes);
}

export function imagesRendered(context: object, itemIndex: number): void {
	pacings.get(context)?.imagesRendered(itemIndex);
}

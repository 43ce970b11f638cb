/**
 * Ideogram limits how many images an organisation has rendering at once (10 by default; a request for
 * 4 images takes 4 places). The window keeps the node's own requests under that limit: an item takes its
 * places before its request and gives them back as soon as Ideogram has answered, so the next request
 * starts while the results are still downloading.
 */
export class ImageWindow {
	private used = 0;

	private waiting: Array<() => void> = [];

	constructor(readonly capacity: number) {}

	/** Waits until `images` places are free (a request larger than the window runs alone). */
	async acquire(images: number): Promise<void> {
		while (this.used > 0 && this.used + images > this.capacity) {
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

// The router registers how an item gives back its places; the operation calls it once Ideogram has
// answered. Keyed by the execution context, which both share.
const releasers = new WeakMap<object, (itemIndex: number) => void>();

export function onImagesRendered(context: object, release: (itemIndex: number) => void): void {
	releasers.set(context, release);
}

export function imagesRendered(context: object, itemIndex: number): void {
	releasers.get(context)?.(itemIndex);
}

/** Places taken in a window; `release` gives them back once, however often it is called. */
export interface Places {
	release(): void;
}

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
		if (grows) this.wakeWaiting();
	}

	/** Waits until `images` places are free (a request larger than the window runs alone). */
	async take(images: number): Promise<Places> {
		while (this.used > 0 && this.used + images > this.size) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		this.used += images;
		let held = true;
		return {
			release: () => {
				if (!held) return;
				held = false;
				this.used -= images;
				this.wakeWaiting();
			},
		};
	}

	private wakeWaiting(): void {
		const waiting = this.waiting;
		this.waiting = [];
		for (const wake of waiting) wake();
	}
}

/** Places taken in a window; `release` gives them back once, however often it is called. */
export interface Places {
	release(): void;
}

/**
 * A window of places within one execution: the router bounds how many items it prepares ahead with it.
 * (The limit of images in flight, shared by every execution on a key, is transport/pacing/sharedWindow.ts.)
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

interface Waiting {
  host: string;
  start(): void;
}

/** Runs tasks with at most `total` in flight, and at most `perHost` per host, in the order they came. */
export class Limiter {
  private active = 0;
  private readonly byHost = new Map<string, number>();
  private readonly queue: Waiting[] = [];

  constructor(
    private readonly total: number,
    private readonly perHost: number,
  ) {}

  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        host,
        start: () => {
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => this.release(host));
        },
      });
      this.next();
    });
  }

  private release(host: string): void {
    this.active--;
    const count = (this.byHost.get(host) ?? 1) - 1;
    if (count) this.byHost.set(host, count);
    else this.byHost.delete(host);
    this.next();
  }

  private next(): void {
    for (let i = 0; i < this.queue.length && this.active < this.total;) {
      const waiting = this.queue[i]!;
      const running = this.byHost.get(waiting.host) ?? 0;
      if (running >= this.perHost) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.active++;
      this.byHost.set(waiting.host, running + 1);
      waiting.start();
    }
  }
}

/** A sliding one-minute window of request times: at most `perMinute` requests in any 60 s. */
export class RateWindow {
  static readonly WINDOW_MS = 60_000;
  private readonly times: number[] = [];

  constructor(private readonly perMinute: number) {}

  /** Records a request and returns true when the window has room at `now`. */
  take(now: number): boolean {
    this.expire(now);
    if (this.times.length >= this.perMinute) return false;
    this.times.push(now);
    return true;
  }

  /** How long until `take` can succeed (0 when it can now). */
  waitMs(now: number): number {
    this.expire(now);
    if (this.times.length < this.perMinute) return 0;
    return this.times[0]! + RateWindow.WINDOW_MS - now;
  }

  private expire(now: number): void {
    while (this.times.length > 0 && this.times[0]! <= now - RateWindow.WINDOW_MS) this.times.shift();
  }
}

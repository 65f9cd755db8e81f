/** Emulator time in Unix seconds; tests move it forward to reach dispute deadlines or reporting periods. */
export class Clock {
  private offsetSeconds = 0;

  now(): number {
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  advance(seconds: number): number {
    this.offsetSeconds += seconds;
    return this.now();
  }

  reset(): void {
    this.offsetSeconds = 0;
  }
}

/**
 * The playback of a computed run: the worker computes the whole run at full speed (one solver call,
 * as `jcaco run`), the page shows its trajectory frame by frame. Start, pause, step and speed act
 * here; a pure state machine so it is unit-tested without a browser.
 */
export class Playback {
  /** The frame shown (an index into the run's trace rows). */
  index = 0;
  /** Frames available so far. */
  frames = 0;
  playing = false;
  /** Frames per second; 0 shows the last frame at once. */
  speed: number;
  private carry = 0;

  /**
   * @param speed - frames per second (0: at once).
   * @throws RangeError when the speed is negative or not finite.
   */
  constructor(speed: number) {
    if (!(speed >= 0 && Number.isFinite(speed))) throw new RangeError(`Playback: expected a speed ≥ 0, got ${speed}`);
    this.speed = speed;
  }

  /** Whether the last frame is shown. */
  get atEnd(): boolean {
    return this.frames > 0 && this.index >= this.frames - 1;
  }

  /**
   * Loads a run of `frames` frames and starts at its first (or, at speed 0, its last) frame.
   * @param frames - the number of frames.
   * @param play - whether to start playing.
   */
  load(frames: number, play: boolean): void {
    this.frames = frames;
    this.index = this.speed === 0 ? Math.max(0, frames - 1) : 0;
    this.carry = 0;
    this.playing = play && !this.atEnd;
  }

  /**
   * Advances by the time elapsed while playing.
   * @param ms - milliseconds since the last tick.
   * @returns whether the shown frame changed.
   * @example
   * const pb = new Playback(10); pb.load(100, true); pb.tick(250); pb.index; // → 2
   */
  tick(ms: number): boolean {
    if (!this.playing) return false;
    const before = this.index;
    if (this.speed === 0) this.index = this.frames - 1;
    else {
      this.carry += (ms * this.speed) / 1000;
      const whole = Math.floor(this.carry);
      this.carry -= whole;
      this.index = Math.min(this.frames - 1, this.index + whole);
    }
    if (this.atEnd) this.playing = false;
    return this.index !== before;
  }

  /** Pauses (the shown frame stays). */
  pause(): void {
    this.playing = false;
  }

  /** Resumes from the shown frame (no-op at the end). */
  resume(): void {
    this.carry = 0;
    this.playing = !this.atEnd;
  }

  /**
   * Shows the next frame and pauses.
   * @returns whether the frame changed.
   */
  step(): boolean {
    this.playing = false;
    if (this.atEnd || this.frames === 0) return false;
    this.index++;
    return true;
  }
}

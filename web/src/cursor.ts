/**
 * Where one list's copy on this page stands in the list's change feed ("Change feed and resume"):
 * the server's cursor to resume from, and the `seq` up to which the page holds every change.
 *
 * Every write to a list takes the list's next `seq`, so the page can tell a frame that follows on
 * from one that came after a change it never saw. Holding n, a frame whose changes start at n+1
 * moves both on (the cursor becomes the frame's, which is for its highest `seq`); a frame that
 * starts later is a gap: its changes are applied all the same (by version, elsewhere), but the
 * cursor stays, and {@link gap} says so until the missing changes arrive or a read covers them.
 *
 * Not every `seq` is a todo change: a list rename takes one too (it arrives as a `list upsert`
 * frame), and the page's own writes are answered with theirs. Both are {@link heard} without a
 * cursor: they fill a hole but never open one. The feed leaves out superseded changes and renames,
 * so a feed read is not checked for holes: the page then simply holds the feed's cursor.
 *
 * The cursor itself is opaque. The page only ever resumes from a cursor the server gave it, for
 * a place up to which it holds every change; the `seq` beside it is what the page knows of that
 * place (at least this much), used only to decide which frames follow on.
 */
export class FeedCursor {
  private resumeFrom: string | undefined;
  /** The place of {@link resumeFrom}, or less. */
  private resumeSeq = 0;
  /** Every change up to this `seq` is held; undefined until a read has given the page a base. */
  private through: number | undefined;
  /** Seqs heard beyond `through + 1`: true for a frame's change, which waits; false for a filler. */
  private readonly ahead = new Map<number, boolean>();
  /** Cursors of frames not yet held through, by the highest `seq` in each. */
  private readonly frameCursors = new Map<number, string>();
  /** The highest `seq` heard of in any way. */
  private highest = 0;

  /** The cursor to read the feed from; undefined when only a full read will do. */
  get cursor(): string | undefined {
    return this.resumeFrom;
  }

  /** The `seq` up to which the page holds every change, once a read has given it a base. */
  get heldThrough(): number | undefined {
    return this.through;
  }

  /**
   * What to keep beside the rows so a later page resumes here: the cursor and the `seq` it is for
   * (at least). Undefined while only a full read will do.
   */
  get place(): Place | undefined {
    return this.resumeFrom === undefined ? undefined : { cursor: this.resumeFrom, seq: this.resumeSeq };
  }

  /** A frame's change waits for an earlier one that has not arrived. */
  get gap(): boolean {
    if (this.through === undefined) return false; // the first read is still to come; it covers them
    for (const waits of this.ahead.values()) if (waits) return true;
    return false;
  }

  /**
   * What a read sent now reflects at least: everything the page had heard of before sending it
   * (frames and answers come after their write is committed), and the list's `seq` as the page
   * last read it, if given.
   */
  floor(known = 0): number {
    return Math.max(this.highest, known);
  }

  /**
   * Changes heard live: a frame's (with its cursor), or a write that is not in the todos' frames or
   * was answered to this page (`cursor` undefined: it fills a hole but does not wait for one).
   * Changes without a `seq` (older servers) say nothing about the place.
   */
  heard(seqs: readonly (number | undefined)[], frameCursor?: string): void {
    if (seqs.length === 0 || seqs.some((seq) => seq === undefined)) return;
    const known = seqs as number[];
    const waits = frameCursor !== undefined;
    for (const seq of known) {
      this.highest = Math.max(this.highest, seq);
      this.ahead.set(seq, waits || (this.ahead.get(seq) ?? false));
    }
    if (frameCursor !== undefined) {
      const last = highestOf(known);
      if (last > this.resumeSeq) this.frameCursors.set(last, frameCursor);
    }
    this.settle();
  }

  /**
   * A full read replaced the list: it holds exactly what the read returned, which reflects every
   * change up to the read's cursor (undefined from a server without the feed).
   * @param floor {@link floor} as it was when the read was sent
   */
  replaced(cursor: string | undefined, seqs: readonly (number | undefined)[], floor: number): void {
    this.through = Math.max(floor, highestOf(seqs));
    this.resumeFrom = cursor;
    this.resumeSeq = this.through;
    this.highest = Math.max(this.highest, this.through);
    this.settle();
  }

  /**
   * A page of the feed was applied: the page holds every change up to its cursor.
   * @param floor {@link floor} as it was when the feed read was sent, given with its last page
   */
  fed(cursor: string, seqs: readonly (number | undefined)[], floor = 0): void {
    this.through = Math.max(this.through ?? 0, floor, highestOf(seqs));
    this.resumeFrom = cursor;
    this.resumeSeq = this.through;
    this.highest = Math.max(this.highest, this.through);
    this.settle();
  }

  /**
   * The rows were kept by an earlier page together with this place (persisted in the same commit):
   * the page holds every change up to it, as after a read that returned that cursor.
   */
  restore(place: Place): void {
    this.forget();
    this.replaced(place.cursor, [], place.seq);
  }

  /** The collection may no longer hold what this says: the next read is a full one. */
  forget(): void {
    this.resumeFrom = undefined;
    this.resumeSeq = 0;
    this.through = undefined;
    this.ahead.clear();
    this.frameCursors.clear();
  }

  private settle(): void {
    if (this.through === undefined) return;
    for (const seq of this.ahead.keys()) if (seq <= this.through) this.ahead.delete(seq);
    while (this.ahead.has(this.through + 1)) this.ahead.delete(++this.through);
    for (const [last, cursor] of this.frameCursors) {
      if (last > this.through) continue;
      if (last > this.resumeSeq) {
        this.resumeFrom = cursor;
        this.resumeSeq = last;
      }
      this.frameCursors.delete(last);
    }
  }
}

/** A list's place in its feed as it is kept with the rows: the server's cursor and its `seq`. */
export interface Place {
  cursor: string;
  seq: number;
}

/** Whether a value read back from storage is a {@link Place}. */
export function isPlace(value: unknown): value is Place {
  const place = value as Partial<Place> | undefined;
  return typeof place?.cursor === "string" && place.cursor !== "" && typeof place.seq === "number" && Number.isInteger(place.seq) && place.seq >= 0;
}

/** The highest seq given (0 for none), without spreading a list of thousands into arguments. */
function highestOf(seqs: readonly (number | undefined)[]): number {
  let highest = 0;
  for (const seq of seqs) if (seq !== undefined && seq > highest) highest = seq;
  return highest;
}

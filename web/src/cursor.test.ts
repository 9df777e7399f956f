import { describe, expect, it } from "vitest";
import { FeedCursor } from "./cursor";

/** A cursor after a full read that reflected everything up to `seq`. */
function holding(seq: number): FeedCursor {
  const cursor = new FeedCursor();
  cursor.replaced(`c${seq}`, [seq], 0);
  return cursor;
}

describe("FeedCursor", () => {
  it("givenNoRead_thenThereIsNoCursorAndNoGapWhateverFramesCame", () => {
    const cursor = new FeedCursor();

    cursor.heard([7], "c7");

    expect(cursor.cursor).toBeUndefined();
    expect(cursor.gap).toBe(false);
  });

  it("givenAFrameThatFollowsOn_thenTheCursorBecomesTheFrames", () => {
    const cursor = holding(5);

    cursor.heard([6, 7], "c7");

    expect(cursor.cursor).toBe("c7");
    expect(cursor.heldThrough).toBe(7);
    expect(cursor.gap).toBe(false);
  });

  it("givenAFrameAfterAMissingChange_thenTheCursorStaysUntilTheMissingOneArrives", () => {
    const cursor = holding(5);

    cursor.heard([7], "c7");
    expect(cursor.cursor).toBe("c5");
    expect(cursor.heldThrough).toBe(5);
    expect(cursor.gap).toBe(true);

    cursor.heard([6], "c6");
    expect(cursor.cursor).toBe("c7");
    expect(cursor.heldThrough).toBe(7);
    expect(cursor.gap).toBe(false);
  });

  it("givenARenameTookTheMissingSeq_thenItFillsTheHoleWithoutACursorOfItsOwn", () => {
    const cursor = holding(5);

    cursor.heard([7], "c7");
    cursor.heard([6]); // the list upsert of a rename: seq 6, no todo change

    expect(cursor.cursor).toBe("c7");
    expect(cursor.gap).toBe(false);
  });

  it("givenOnlyARenameAhead_thenNothingWaitsForAHole", () => {
    const cursor = holding(5);

    cursor.heard([8]); // a rename seen before the changes 6 and 7 (they may come yet, or be gone)

    expect(cursor.gap).toBe(false);
    expect(cursor.heldThrough).toBe(5);
    cursor.heard([6, 7], "c7");
    expect(cursor.heldThrough).toBe(8);
    expect(cursor.cursor).toBe("c7"); // the rename has no cursor; the frame's is still good
  });

  it("givenOldAndRepeatedFrames_thenTheCursorNeverMovesBack", () => {
    const cursor = holding(5);
    cursor.heard([6], "c6");

    cursor.heard([4], "c4");
    cursor.heard([6], "c6-again");

    expect(cursor.cursor).toBe("c6");
    expect(cursor.gap).toBe(false);
  });

  it("givenFramesWithoutSeq_thenTheyLeaveThePlaceAlone", () => {
    const cursor = holding(5);

    cursor.heard([undefined], undefined);
    cursor.heard([6, undefined], "c6");

    expect(cursor.cursor).toBe("c5");
    expect(cursor.gap).toBe(false);
  });

  it("givenAReadFromAServerWithoutTheFeed_thenThereIsNoCursor", () => {
    const cursor = new FeedCursor();

    cursor.replaced(undefined, [undefined, undefined], 0);

    expect(cursor.cursor).toBeUndefined();
  });

  it("givenAReadThatReturnedNoSeqBeyondAnEarlierTombstone_thenWhatThePageHadHeardBeforeSendingItCounts", () => {
    const cursor = new FeedCursor();
    cursor.heard([9]); // an answer to this page's own delete, before the read was sent
    const floor = cursor.floor(8); // and the list's seq as the lists read gave it

    cursor.replaced("c9", [3, 5], floor); // the read's latest todo was written at 5; 6..9 deleted or renamed
    cursor.heard([10], "c10");

    expect(cursor.cursor).toBe("c10");
    expect(cursor.gap).toBe(false);
  });

  it("givenAFeedRead_thenThePageHoldsTheFeedsCursorWhateverHolesTheFeedLeft", () => {
    const cursor = holding(5);
    cursor.heard([9], "c9"); // 6..8 missing
    const floor = cursor.floor();

    cursor.fed("f1", [6, 8, 9], 0); // first page, more to come
    expect(cursor.cursor).toBe("f1");
    cursor.fed("f2", [], floor); // 7 was superseded by 8: it never appears

    expect(cursor.cursor).toBe("f2");
    expect(cursor.heldThrough).toBe(9);
    expect(cursor.gap).toBe(false);
  });

  it("givenAFrameThatArrivedDuringTheFeedRead_thenItStillCountsAfterIt", () => {
    const cursor = holding(5);
    cursor.heard([8], "c8");
    const floor = cursor.floor();
    cursor.heard([10], "c10"); // arrived while the feed was being read

    cursor.fed("f", [6, 8], floor);

    expect(cursor.cursor).toBe("f");
    expect(cursor.gap).toBe(true); // 9 is still missing
    cursor.heard([9], "c9");
    expect(cursor.cursor).toBe("c10");
  });

  it("givenForget_thenOnlyAFullReadWillDo", () => {
    const cursor = holding(5);
    cursor.heard([7], "c7");

    cursor.forget();

    expect(cursor.cursor).toBeUndefined();
    expect(cursor.gap).toBe(false);
  });
});

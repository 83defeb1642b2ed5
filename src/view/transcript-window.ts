/** Messages the transcript renders at first (the newest); "show earlier messages" adds as many again. */
export const TRANSCRIPT_WINDOW = 30;

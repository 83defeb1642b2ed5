/** Messages the transcript renders at first (the newest); "show earlier messages" adds as many again. */
export const TRANSCRIPT_WINDOW = 30;
/**
 * A history replay longer than the window is painted first with only this many of its newest
 * messages (more than a panel shows at once), and the rest of the window follows once that frame
 * is painted: the newest messages are on screen sooner, for a third of the rendering work.
 */
export const FIRST_PAINT_MESSAGES = 10;

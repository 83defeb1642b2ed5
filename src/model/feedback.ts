// A rating the user gives an agent's message or a whole conversation (`feedback` attribute).
// Neutral ground: the view draws it, the event (events/feedback-event.ts) carries it to the host.

/** Thumbs up or thumbs down. */
export type PolyChatFeedbackValue = 'up' | 'down';

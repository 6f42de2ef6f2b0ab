/** A sense of time, injectable so tests can move it. */
export type Clock = () => Date;

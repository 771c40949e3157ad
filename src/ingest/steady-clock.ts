/**
 * Milliseconds since the epoch on a clock that only goes forward: the process's monotonic clock, set to the wall
 * clock when the process started. Waits and time-outs are measured on it, since the wall clock can be stepped while
 * a run is under way (NTP, a user's `date -s`): set back an hour, it held every request to every host for the hour.
 */
export function steadyNow(): number {
  return performance.timeOrigin + performance.now();
}
